package jilin.ew.webhook;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jilin.ew.reference.Webhook;
import jilin.ew.schema.DeadLetter;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.InternalTimerService;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.Triggerable;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Delivers each route's webhook deliveries in order, one request at a time per route, keyed by route
 * (docs/webhooks.md). Each route's queue is keyed state, so a checkpoint keeps what is pending and a restart sends
 * the head again (at least once; the delivery id lets a receiver drop the repeat). Requests go out with the JDK's
 * asynchronous HttpClient and their answers come back through the task's mailbox, so a slow receiver holds up
 * only its own route, never the task thread. Connection errors, 5xx and 429 are retried after a doubling backoff
 * (a processing-time timer); after the last attempt, or at once on another status, the alert becomes a
 * {@code webhook-failed} dead letter and the route moves on.
 *
 * <p>End of a bounded input: Flink 2.2 quiesces the processing-time service after {@code endInput} and drops the
 * timers still pending (StreamOperatorWrapper#finish), so {@link #endInput} keeps running the mailbox (timers and
 * answers) until every queue is empty.
 */
public final class WebhookSender extends AbstractStreamOperator<DeadLetter>
        implements OneInputStreamOperator<WebhookDelivery, DeadLetter>, Triggerable<String, VoidNamespace>,
        BoundedOneInput {
    private static final long serialVersionUID = 1L;
    /** The dead-letter reason of a delivery that failed for good. */
    public static final String REASON = "webhook-failed";
    /** Bound on one route's queue: beyond it a new delivery is dead-lettered at once (the state stays bounded). */
    static final int MAX_PENDING = 10_000;
    static final String CURSOR = "webhook-cursor";
    static final String USER_AGENT = "jilin-early-warning-webhook/1";

    /** Where a route's queue starts and ends, and the attempts made at its head. */
    public static class Cursor {
        public long head;
        public long tail;
        public int attempts;

        public Cursor() {}
    }

    private final HashMap<String, Webhook> hooks;
    private transient MailboxExecutor mailbox;
    private transient HttpClient http;
    /** The client's threads: daemon, and shut down on close so a restarted task leaves none behind. */
    private transient ExecutorService pool;
    private transient Map<String, byte[]> secrets;
    private transient MapState<Long, WebhookDelivery> queue;
    private transient ValueState<Cursor> cursor;
    private transient InternalTimerService<VoidNamespace> timers;
    /** Routes of this subtask with a delivery queued. */
    private transient Set<String> busy;
    /** Routes with a request on the wire (not state: after a restart the head is simply sent again). */
    private transient Set<String> inFlight;
    private transient Counter delivered;
    private transient Counter retried;
    private transient Counter failed;

    public WebhookSender(Map<String, Webhook> hooks) {
        this.hooks = new HashMap<>(hooks);
    }

    @Override
    public void setMailboxExecutor(MailboxExecutor mailboxExecutor) {
        super.setMailboxExecutor(mailboxExecutor);
        this.mailbox = mailboxExecutor;
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (mailbox == null) {
            mailbox = getContainingTask().getMailboxExecutorFactory().createExecutor(getOperatorConfig().getChainIndex());
        }
        // read here, on the task manager: a secret never travels in the job graph or a checkpoint
        secrets = new HashMap<>();
        for (Webhook w : hooks.values()) {
            secrets.put(w.route(), w.secret());
        }
        long connect = hooks.values().stream().mapToLong(Webhook::timeoutMs).max().orElse(Webhook.DEFAULT_TIMEOUT_MS);
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "webhook-http");
            t.setDaemon(true);
            return t;
        });
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(pool)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofMillis(connect)).build();
        queue = getPartitionedState(new MapStateDescriptor<>("webhook-queue", Types.LONG,
                TypeInformation.of(WebhookDelivery.class)));
        cursor = getPartitionedState(new ValueStateDescriptor<>(CURSOR, TypeInformation.of(Cursor.class)));
        timers = getInternalTimerService("webhook-retry", VoidNamespaceSerializer.INSTANCE, this);
        busy = new HashSet<>();
        inFlight = new HashSet<>();
        delivered = getMetricGroup().counter("webhookDelivered");
        retried = getMetricGroup().counter("webhookRetried");
        failed = getMetricGroup().counter("webhookFailed");
        // restored queues: send their heads again at once (a request in flight at the checkpoint left no trace)
        List<String> restored;
        try (Stream<String> keys = this.<String>getKeyedStateBackend().getKeys(CURSOR, VoidNamespace.INSTANCE)) {
            restored = keys.collect(Collectors.toList());
        }
        long now = getProcessingTimeService().getCurrentProcessingTime();
        for (String route : restored) {
            setCurrentKey(route);
            Cursor c = cursor.value();
            if (c != null && c.head < c.tail) {
                busy.add(route);
                timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE, now);
            }
        }
    }

    @Override
    public void processElement(StreamRecord<WebhookDelivery> element) throws Exception {
        WebhookDelivery d = element.getValue();
        String route = (String) getCurrentKey();
        Cursor c = cursor.value();
        if (c == null) {
            c = new Cursor();
        }
        if (c.tail - c.head >= MAX_PENDING) {
            failed.inc();
            output.collect(new StreamRecord<>(deadLetter(d, "route " + route + ": " + MAX_PENDING
                    + " deliveries already waiting, not queued")));
            return;
        }
        // a copy: the heap state backend keeps the object itself
        queue.put(c.tail, new WebhookDelivery(d.route, d.alertId, d.json, d.ts));
        c.tail++;
        cursor.update(c);
        if (busy.add(route)) {
            send(route, c);
        }
    }

    /** Sends the head of the current key's (route's) queue. */
    private void send(String route, Cursor c) throws Exception {
        Webhook w = hooks.get(route);
        WebhookDelivery d = queue.get(c.head);
        c.attempts++;
        cursor.update(c);
        if (w == null) {
            // restored from a checkpoint taken while the table still had this route's webhook
            giveUp(route, c, d, "the routing table has no webhook for it any more");
            return;
        }
        int attempt = c.attempts;
        long seq = c.head;
        String id = WebhookSignature.deliveryId(route, d.alertId);
        byte[] body = d.json.getBytes(StandardCharsets.UTF_8);
        long ts = getProcessingTimeService().getCurrentProcessingTime() / 1000;
        HttpRequest req = HttpRequest.newBuilder(w.url())
                .timeout(Duration.ofMillis(w.timeoutMs()))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", USER_AGENT)
                .header(WebhookSignature.DELIVERY, id)
                .header(WebhookSignature.TIMESTAMP, Long.toString(ts))
                .header(WebhookSignature.SIGNATURE, WebhookSignature.sign(secrets.get(route), ts, id, body))
                .header(WebhookSignature.ATTEMPT, Integer.toString(attempt))
                .header(WebhookSignature.ROUTE, route)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        inFlight.add(route);
        http.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
            int status = resp == null ? -1 : resp.statusCode();
            String retryAfter = resp == null ? null : resp.headers().firstValue("Retry-After").orElse(null);
            String error = err == null ? null : describe(err);
            try {
                mailbox.execute(() -> answered(route, seq, attempt, status, retryAfter, error), "webhook answer");
            } catch (RejectedExecutionException stopping) {
                // the task is going away: the delivery is still in the queue of the last checkpoint
            }
        });
    }

    /** On the task thread: the answer (or the error) of attempt {@code attempt} at queue position {@code seq}. */
    private void answered(String route, long seq, int attempt, int status, String retryAfter, String error)
            throws Exception {
        setCurrentKey(route);
        inFlight.remove(route);
        Cursor c = cursor.value();
        if (c == null || c.head != seq) {
            return;
        }
        if (error == null && status >= 200 && status < 300) {
            delivered.inc();
            next(route, c);
            return;
        }
        Webhook w = hooks.get(route);
        boolean retryable = error != null || status == 429 || status >= 500;
        String what = error != null ? error : "HTTP " + status;
        if (retryable && attempt < w.maxAttempts()) {
            retried.inc();
            long wait = Math.max(w.backoffMs(attempt + 1), Math.min(retryAfterMs(retryAfter), w.maxBackoffMs()));
            timers.registerProcessingTimeTimer(VoidNamespace.INSTANCE,
                    getProcessingTimeService().getCurrentProcessingTime() + wait);
            return;
        }
        giveUp(route, c, queue.get(seq), what + " after " + attempt + (attempt == 1 ? " attempt" : " attempts")
                + (retryable ? "" : " (not retried)") + " to " + w);
    }

    private void giveUp(String route, Cursor c, WebhookDelivery d, String why) throws Exception {
        failed.inc();
        output.collect(new StreamRecord<>(deadLetter(d, "route " + route + ": " + why)));
        next(route, c);
    }

    private static DeadLetter deadLetter(WebhookDelivery d, String detail) {
        return DeadLetter.of(REASON, "webhook", "alert " + d.alertId + " not delivered on " + detail, d.json, d.ts);
    }

    /** The head is done (delivered or dead-lettered): on to the next one, or the route is idle. */
    private void next(String route, Cursor c) throws Exception {
        queue.remove(c.head);
        c.head++;
        c.attempts = 0;
        if (c.head >= c.tail) {
            cursor.clear();
            busy.remove(route);
        } else {
            cursor.update(c);
            send(route, c);
        }
    }

    @Override
    public void onProcessingTime(InternalTimer<String, VoidNamespace> timer) throws Exception {
        String route = timer.getKey();
        if (inFlight.contains(route)) {
            return;
        }
        Cursor c = cursor.value();
        if (c != null && c.head < c.tail) {
            send(route, c);
        }
    }

    @Override
    public void onEventTime(InternalTimer<String, VoidNamespace> timer) {
        // deliveries run on processing time only
    }

    @Override
    public void endInput() throws Exception {
        // pending retry timers would be dropped once the input has ended (see the class comment): run the mailbox,
        // which fires them and takes the answers, until every route's queue is empty
        while (!busy.isEmpty()) {
            mailbox.yield();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            if (pool != null) {
                // answers still on their way are dropped: their deliveries are in the queue of the last checkpoint
                pool.shutdownNow();
            }
        }
    }

    /** Retry-After in seconds (the HTTP-date form is not used by webhook receivers we know of). */
    static long retryAfterMs(String header) {
        if (header == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(header.trim())) * 1000;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String describe(Throwable err) {
        Throwable t = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                ? err.getCause() : err;
        String m = t.getMessage();
        String kind = t instanceof java.net.http.HttpTimeoutException ? "timed out"
                : t instanceof java.net.ConnectException ? "connection refused or unreachable"
                : t instanceof IOException ? "connection error" : "error";
        return kind + " (" + t.getClass().getSimpleName() + (m == null ? "" : ": " + m) + ")";
    }
}
