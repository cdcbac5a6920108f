package jilin.ew.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import jilin.ew.reference.Routing;
import jilin.ew.schema.DeadLetter;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.tasks.mailbox.Mail;
import org.apache.flink.streaming.runtime.tasks.mailbox.TaskMailbox;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint keeps what is pending: deliveries queued behind a receiver that is down are in the snapshot, and
 * the operator restored from it sends them (the head again, with the same delivery id) once the receiver is back,
 * in order, none lost. Processing time is the harness's own clock; the HTTP receiver is real.
 */
class WebhookRestoreHarnessTest {
    @TempDir
    Path dir;
    HttpServer server;
    final AtomicInteger status = new AtomicInteger(503);
    /** "delivery-id status", in arrival order. */
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void receiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", ex -> {
            ex.getRequestBody().readAllBytes();
            int s = status.get();
            seen.add(ex.getRequestHeaders().getFirst(WebhookSignature.DELIVERY) + " " + s);
            ex.sendResponseHeaders(s, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private WebhookSender sender() throws Exception {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "s3cret");
        String json = "{\"province\":{\"route\":\"province\",\"webhook\":{\"url\":\"http://127.0.0.1:"
                + server.getAddress().getPort() + "/hook\",\"secretFile\":\"" + secret + "\",\"maxAttempts\":10,"
                + "\"backoff\":{\"initialMs\":60000}}}}";
        Routing r = Routing.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test routing");
        return new WebhookSender(r.webhooks());
    }

    private KeyedOneInputStreamOperatorTestHarness<String, WebhookDelivery, DeadLetter> harness() throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(sender(), d -> d.route, Types.STRING);
    }

    /** Runs the task's mails (HTTP answers, timers) until {@code done}; the bound only guards against a hang. */
    private static void runMailsUntil(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> h, BooleanSupplier done)
            throws Exception {
        long give = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean()) {
            Optional<Mail> m = h.getTaskMailbox().tryTake(TaskMailbox.MIN_PRIORITY);
            if (m.isPresent()) {
                m.get().run();
            } else if (System.nanoTime() > give) {
                throw new AssertionError("mails did not bring: " + done);
            } else {
                Thread.sleep(2);
            }
        }
    }

    private static WebhookDelivery delivery(int n) {
        return new WebhookDelivery("province", "K/1/" + n, "{\"alertId\":\"K/1/" + n + "\"}", n);
    }

    @Test
    void pendingDeliveriesSurviveARestartAndGoOutInOrder() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, WebhookDelivery, DeadLetter> h = harness()) {
            h.setProcessingTime(1_000);
            h.open();
            for (int n = 1; n <= 3; n++) {
                h.processElement(delivery(n), n);
            }
            // the first attempt is refused; its retry waits a minute on the harness clock, which never gets there
            runMailsUntil(h, () -> seen.size() == 1 && h.numProcessingTimeTimers() == 1);
            snapshot = h.snapshot(1, 2_000);
        }
        assertEquals(List.of("province/K/1/1 503"), seen);

        status.set(200);
        try (KeyedOneInputStreamOperatorTestHarness<String, WebhookDelivery, DeadLetter> h = harness()) {
            h.setProcessingTime(5_000);
            h.initializeState(snapshot);
            h.open();
            h.setProcessingTime(5_001);
            runMailsUntil(h, () -> seen.size() == 4);
            h.endInput(); // nothing left to wait for
            assertEquals(List.of(), h.extractOutputValues(), "no dead letter");
        }
        assertEquals(List.of("province/K/1/1 503", "province/K/1/1 200", "province/K/1/2 200", "province/K/1/3 200"),
                seen);
        assertTrue(seen.stream().noneMatch(s -> s.contains("K/1/2 503")), "one request at a time per route");
    }
}
