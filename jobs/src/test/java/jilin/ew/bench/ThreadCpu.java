package jilin.ew.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * CPU time of this JVM's threads, the garbage collector's and the JIT compiler's included, which the JVM's own thread
 * bean does not see (those are read from /proc, Linux): where a benchmark's CPU went, by thread, between two snapshots.
 */
final class ThreadCpu {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Nanoseconds per clock tick of /proc's figures (USER_HZ: 100 on Linux). */
    private static final long TICK_NS = 10_000_000L;

    /** CPU nanoseconds by "id name": Java threads by their id, the JVM's own ones by their task id in /proc. */
    private final Map<String, Long> nanos;

    private ThreadCpu(Map<String, Long> nanos) {
        this.nanos = nanos;
    }

    /**
     * Samples the Java threads' CPU every 50 ms while {@code run} runs, so threads that start and end within it (a
     * Flink job's tasks) are counted (up to their last sample); the collector's and the compiler's threads, which
     * live as long as the JVM, are read before and after. The samples go through the thread bean, not /proc: reading
     * a file per thread 20 times a second took a tenth of a core from the run it measured.
     */
    static Sampled during(Callable<Double> run) throws Exception {
        timerStart.set(null);
        ThreadCpu before = now();
        Map<String, Long> seen = new ConcurrentHashMap<>();
        Map<Long, String> names = new HashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread sampler = new Thread(() -> {
            while (!done.get()) {
                java(seen, names);
                LockSupport.parkNanos(50_000_000L);
            }
        }, "cpu-sampler");
        sampler.setDaemon(true);
        sampler.start();
        double result = run.call();
        done.set(true);
        sampler.join();
        ThreadCpu after = now();
        seen.putAll(after.nanos);
        ThreadCpu timed = timerStart.getAndSet(null);
        return new Sampled(result, new ThreadCpu(new HashMap<>(seen)), timed != null ? timed : before);
    }

    /** What {@link #timerStarts} took during the sampling under way, if the run called it. */
    private static final AtomicReference<ThreadCpu> timerStart = new AtomicReference<>();

    /**
     * Called by a sampled run where its timer starts: the CPU before it (building the job graph, which the run's
     * rate leaves out) is then left out too, so that the CPU and the rate cover the same time.
     */
    static void timerStarts() {
        timerStart.set(now());
    }

    /** What {@link #during} measured: the run's result and the CPU by thread. */
    record Sampled(double result, ThreadCpu after, ThreadCpu before) {
        List<String> cpu(long messages) {
            return after.since(before, messages);
        }

        /** The CPU of every thread together, nanoseconds (the sampler's own left out). */
        long total() {
            long total = 0;
            for (Map.Entry<String, Long> e : after.nanos.entrySet()) {
                total += after.used(before, e);
            }
            return total;
        }

        /**
         * The one thread that used the most CPU, its name and nanoseconds: whatever runs in it sets a floor under the
         * wall time per message however many cores there are.
         */
        Map.Entry<String, Long> busiest() {
            Map.Entry<String, Long> top = Map.entry("none", 0L);
            for (Map.Entry<String, Long> e : after.nanos.entrySet()) {
                long d = after.used(before, e);
                if (d > top.getValue()) {
                    top = Map.entry(e.getKey().substring(e.getKey().indexOf(' ') + 1), d);
                }
            }
            return top;
        }
    }

    /** CPU nanoseconds thread {@code e} used since {@code before}; 0 for the sampler itself. */
    private long used(ThreadCpu before, Map.Entry<String, Long> e) {
        long d = e.getValue() - before.nanos.getOrDefault(e.getKey(), 0L);
        return d > 0 && !e.getKey().endsWith(" cpu-sampler") ? d : 0;
    }

    /** Every thread alive now: the Java threads from the thread bean, the JVM's own from /proc. */
    static ThreadCpu now() {
        Map<String, Long> t = new HashMap<>();
        java(t, new HashMap<>());
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Paths.get("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    int close = stat.lastIndexOf(')');
                    String name = stat.substring(stat.indexOf('(') + 1, close);
                    if (!jvmOwn(name)) {
                        continue; // a Java thread: counted by the bean
                    }
                    String[] f = stat.substring(close + 2).split(" ");
                    // fields 14 and 15 of stat (utime, stime) are 11 and 12 after the name
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    t.put("t" + task.getFileName() + " " + name, ticks * TICK_NS);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            // no /proc: the Java threads alone
        }
        return new ThreadCpu(t);
    }

    /** The Java threads' CPU into {@code into}, names looked up once per thread ({@code names}). */
    private static void java(Map<String, Long> into, Map<Long, String> names) {
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        for (int i = 0; i < ids.length; i++) {
            if (cpu[i] < 0) {
                continue; // ended
            }
            String name = names.get(ids[i]);
            if (name == null) {
                ThreadInfo info = THREADS.getThreadInfo(ids[i]);
                if (info == null) {
                    continue;
                }
                // /proc's 15 characters, as the threads were named in earlier runs' figures
                String full = info.getThreadName();
                name = full.substring(0, Math.min(15, full.length()));
                names.put(ids[i], name);
            }
            into.put("j" + ids[i] + " " + name, cpu[i]);
        }
    }

    /** Threads of the JVM itself (not Java threads): its collector, compiler and housekeeping. */
    private static boolean jvmOwn(String name) {
        return name.startsWith("GC Thread") || name.startsWith("VM ") || name.startsWith("G1 ")
                || name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler");
    }

    /**
     * The CPU seconds used since {@code before}, summed by kind of thread (Flink's task threads by their first
     * operator, the collector's and the compiler's together), largest first, as printable lines with the share of
     * the total and microseconds per message.
     */
    List<String> since(ThreadCpu before, long messages) {
        Map<String, Long> byKind = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, Long> e : nanos.entrySet()) {
            long d = used(before, e);
            if (d > 0) {
                byKind.merge(kind(e.getKey().substring(e.getKey().indexOf(' ') + 1)), d, Long::sum);
                total += d;
            }
        }
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(byKind.entrySet());
        sorted.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "CPU %.1f s in all, %.2f us per message", total / 1e9,
                total / 1e3 / messages));
        for (Map.Entry<String, Long> e : sorted) {
            if (e.getValue() * 100 >= total) {
                lines.add(String.format(Locale.ROOT, "  %5.1f %%  %6.2f us/msg  %s", 100.0 * e.getValue() / total,
                        e.getValue() / 1e3 / messages, e.getKey()));
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
