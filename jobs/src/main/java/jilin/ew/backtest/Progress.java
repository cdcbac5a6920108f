package jilin.ew.backtest;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Console progress of a replay: messages replayed of the recording's total, rate and time left. The count is
 * taken by a pass-through map right after the source; the job runs on the local MiniCluster in this JVM, so the
 * printer reads the same counter.
 */
public final class Progress implements AutoCloseable {
    private static final Map<String, AtomicLong> COUNTERS = new ConcurrentHashMap<>();

    private final String id;
    private final String label;
    private final long total;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final Thread printer;
    /** When the first message was seen: the rate leaves out the job's start-up. */
    private volatile long firstNanos;
    private volatile long firstCount;

    public Progress(String id, String label, long total, PrintStream out, long intervalMs) {
        this.id = id;
        this.label = label;
        this.total = total;
        this.out = out;
        COUNTERS.put(id, new AtomicLong());
        printer = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(intervalMs);
                    out.println(line());
                }
            } catch (InterruptedException e) {
                // done
            }
        }, "backtest-progress");
        printer.setDaemon(true);
        printer.start();
    }

    /** The pass-through that counts messages as the source hands them on. */
    public MapFunction<String, String> counter() {
        return new Count(id);
    }

    public long replayed() {
        return COUNTERS.get(id).get();
    }

    public double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** "baseline default-2026.11: 120,000 / 500,000 messages (24 %), 45,000 msg/s, about 8 s left" */
    String line() {
        long n = replayed();
        if (n == 0) {
            return label + ": starting the job (0 / " + String.format(Locale.ROOT, "%,d", total) + " messages)";
        }
        if (firstNanos == 0) {
            firstNanos = System.nanoTime();
            firstCount = n;
        }
        double s = (System.nanoTime() - firstNanos) / 1e9;
        double rate = s < 1e-3 ? 0 : (n - firstCount) / s;
        String left = rate > 0 && n < total ? String.format(Locale.ROOT, ", about %.0f s left", (total - n) / rate) : "";
        return String.format(Locale.ROOT, "%s: %,d / %,d messages (%.0f %%), %,.0f msg/s%s", label, n, total,
                total == 0 ? 100.0 : 100.0 * n / total, rate, left);
    }

    @Override
    public void close() {
        printer.interrupt();
        out.println(String.format(Locale.ROOT, "%s: replayed %,d messages in %.1f s", label, replayed(), seconds()));
        COUNTERS.remove(id);
    }

    /** Counts and passes on. */
    static final class Count implements MapFunction<String, String> {
        private static final long serialVersionUID = 1L;
        private final String id;
        private transient AtomicLong counter;

        Count(String id) {
            this.id = id;
        }

        @Override
        public String map(String s) {
            if (counter == null) {
                counter = COUNTERS.computeIfAbsent(id, k -> new AtomicLong());
            }
            counter.incrementAndGet();
            return s;
        }
    }
}
