package jilin.ew.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * CPU time of this JVM's threads from /proc (Linux), the garbage collector's and the JIT compiler's included, which
 * the JVM's own thread beans do not see: where a benchmark's CPU went, by thread, between two snapshots.
 */
final class ThreadCpu {
    /** Clock ticks per second of /proc's figures (USER_HZ: 100 on Linux). */
    private static final double HZ = 100.0;

    private final Map<String, Long> ticks;

    private ThreadCpu(Map<String, Long> ticks) {
        this.ticks = ticks;
    }

    /**
     * Samples every thread's CPU every 50 ms while {@code run} runs, so threads that start and end within it (a Flink
     * job's tasks) are counted (up to their last sample): the CPU it used, by thread, with the JVM's before it.
     */
    static Sampled during(Callable<Double> run) throws Exception {
        ThreadCpu before = now();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                seen.putAll(now().ticks);
                LockSupport.parkNanos(50_000_000L);
            }
        }, "cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
        double result = run.call();
        done.set(true);
        sampler.join();
        seen.putAll(now().ticks);
        return new Sampled(result, new ThreadCpu(new HashMap<>(seen)), before);
    }

    /** What {@link #during} measured: the run's result and the CPU by thread. */
    record Sampled(double result, ThreadCpu after, ThreadCpu before) {
        List<String> cpu(long messages) {
            return after.since(before, messages);
        }
    }

    /** CPU ticks of every thread alive now, by "thread id name". */
    static ThreadCpu now() {
        Map<String, Long> t = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Paths.get("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(stat.indexOf('(') + 1, close);
                    String[] f = stat.substring(close + 2).split(" ");
                    // fields 14 and 15 of stat (utime, stime) are 11 and 12 after the name
                    t.put(task.getFileName() + " " + name, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            return new ThreadCpu(Map.of());
        }
        return new ThreadCpu(t);
    }

    /**
     * The CPU seconds used since {@code before}, summed by kind of thread (Flink's task threads by their first
     * operator, the collector's and the compiler's together), largest first, as printable lines with the share of
     * the total and microseconds per message.
     */
    List<String> since(ThreadCpu before, long messages) {
        Map<String, Long> byKind = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Long> e : ticks.entrySet()) {
            long d = e.getValue() - before.ticks.getOrDefault(e.getKey(), 0L);
            if (d > 0 && !e.getKey().endsWith(" cpu-sampler")) {
                byKind.merge(kind(e.getKey().substring(e.getKey().indexOf(' ') + 1)), d, Long::sum);
                total += d;
            }
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(byKind.entrySet());
        sorted.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "CPU %.1f s in all, %.2f us per message", total / HZ,
                total / HZ * 1e6 / messages));
        for (Map.Entry<String, Long> e : sorted) {
            if (e.getValue() * 100 >= total) {
                lines.add(String.format(Locale.ROOT, "  %5.1f %%  %6.2f us/msg  %s", 100.0 * e.getValue() / total,
                        e.getValue() / HZ * 1e6 / messages, e.getKey()));
            }
        }
        return lines;
    }

    /** The kind of a thread by its (15-character) name: numbered threads of one pool count as one. */
    private static String kind(String name) {
        if (name.startsWith("GC Thread") || name.startsWith("VM Thread") || name.startsWith("G1 ")) {
            return "garbage collector";
        }
        if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
            return "JIT compiler";
        }
        return name.replaceAll("[ #-]*\\(?\\d+(/\\d+)?\\)?$", "").replaceAll("\\d+$", "N");
    }
}
