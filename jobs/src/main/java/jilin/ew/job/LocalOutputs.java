package jilin.ew.job;

import java.io.IOException;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * A local run's outputs, handed from the job's tasks to the thread that reads them through a queue in this JVM.
 * Flink's collect sink ({@code executeAndCollect}) serialized every output, held it in a task of its own and sent it
 * to the reader in batches over the cluster's RPC, asked for every 100 ms: on a recording of bad lines, more than half
 * of a replay's CPU (docs/performance.md). A local run's embedded cluster lives in the reader's JVM, so the outputs
 * need not leave it. Closing the iterator cancels the job.
 */
final class LocalOutputs implements CloseableIterator<JobOutput> {
    /** Outputs waiting for the reader: a full queue holds the job back, so memory stays bounded. */
    static final int CAPACITY = 8192;
    /** How long a blocked writer waits before it looks again whether the reader has gone. */
    private static final long WAIT_MS = 100;
    /** How long closing waits for the job's cancellation to be acknowledged. */
    private static final long CANCEL_WAIT_S = 10;
    /** The runs of this JVM that have outputs on their way, by id. */
    private static final Map<String, Run> RUNS = new ConcurrentHashMap<>();
    /** Put after the job's last output when the job ends: wakes the reader at once. */
    private static final Object END = new Object();

    /** One run's queue, and whether its reader has closed it. */
    private static final class Run {
        final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
        volatile boolean closed;
    }

    private final String id;
    private final Run run;
    private final JobClient client;
    private final CompletableFuture<?> result;
    private JobOutput next;
    private volatile boolean ended;

    private LocalOutputs(String id, Run run, JobClient client) {
        this.id = id;
        this.run = run;
        this.client = client;
        this.result = client.getJobExecutionResult();
        // every output is in the queue before the job's result completes (each task has finished writing by then)
        result.whenComplete((r, t) -> {
            RUNS.remove(id);
            run.queue.offer(END);
        });
    }

    /**
     * Attaches a sink to each of {@code outputs} (by name; the sink is chained to its producer, so an output is never
     * serialized on its way out), starts the job and returns its outputs as they come.
     */
    static LocalOutputs start(StreamExecutionEnvironment env, Map<String, DataStream<JobOutput>> outputs,
                              String jobName) throws Exception {
        String id = UUID.randomUUID().toString();
        Run run = new Run();
        RUNS.put(id, run);
        try {
            for (Map.Entry<String, DataStream<JobOutput>> o : outputs.entrySet()) {
                o.getValue().sinkTo(new QueueSink(id)).name(o.getKey() + " to the reader")
                        .uid(o.getKey().replace(' ', '-') + "-to-reader");
            }
            return new LocalOutputs(id, run, env.executeAsync(jobName));
        } catch (Exception | Error e) {
            RUNS.remove(id);
            throw e;
        }
    }

    @Override
    public boolean hasNext() {
        try {
            while (next == null && !ended && !run.closed) {
                // whether the job had ended before this poll: only then does an empty queue mean no more outputs
                boolean done = result.isDone();
                Object o = done ? run.queue.poll() : run.queue.poll(WAIT_MS, TimeUnit.MILLISECONDS);
                if (o instanceof JobOutput) {
                    next = (JobOutput) o;
                } else if (o == null && done) {
                    ended = true;
                    RUNS.remove(id);
                    failure();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the job's outputs", e);
        }
        return next != null && !run.closed;
    }

    /** Throws the job's failure, unless the reader cancelled it (closed) or it finished. */
    private void failure() {
        if (run.closed || !result.isCompletedExceptionally()) {
            return;
        }
        try {
            result.get();
        } catch (ExecutionException e) {
            Throwable root = e.getCause();
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalStateException("the job failed: " + root, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public JobOutput next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        JobOutput o = next;
        next = null;
        return o;
    }

    /** The job's client (for tests: whether closing cancelled the job). */
    JobClient client() {
        return client;
    }

    /** Cancels the job if it still runs; its writers stop waiting for room in the queue, and no output follows. */
    @Override
    public void close() throws Exception {
        run.closed = true;
        ended = true;
        next = null;
        RUNS.remove(id);
        run.queue.clear();
        if (!result.isDone()) {
            try {
                client.cancel().get(CANCEL_WAIT_S, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // it ended meanwhile, or it ends on its own time: the writers give up once they see the close
            }
        }
    }

    /** The sink of one output stream: each output into its run's queue, waiting while the queue is full. */
    private static final class QueueSink implements Sink<JobOutput> {
        private static final long serialVersionUID = 1L;
        private final String id;

        QueueSink(String id) {
            this.id = id;
        }

        @Override
        public SinkWriter<JobOutput> createWriter(WriterInitContext context) throws IOException {
            Run run = RUNS.get(id);
            if (run == null) {
                throw new IOException("a local run's outputs can only be read in the JVM that started it");
            }
            // the reader keeps what it takes, while an operator may keep the same object in its state (the handling
            // keeps each incident's latest alert): with object reuse on, the reader gets a copy, as over the wire
            TypeSerializer<JobOutput> serializer =
                    context.isObjectReuseEnabled() ? context.createInputSerializer() : null;
            return new SinkWriter<>() {
                @Override
                public void write(JobOutput output, Context c) throws IOException, InterruptedException {
                    JobOutput o = serializer == null ? output : serializer.copy(output);
                    while (!run.queue.offer(o, WAIT_MS, TimeUnit.MILLISECONDS)) {
                        if (run.closed) {
                            throw new IOException("the run's reader has gone");
                        }
                    }
                }

                @Override
                public void flush(boolean endOfInput) {
                    // each output is in the queue as soon as it is written
                }

                @Override
                public void close() {
                    // the queue belongs to the reader
                }
            };
        }
    }
}
