package jilin.ew.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jilin.ew.job.LocalRun;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;

/**
 * The dense recording of issue #19 ({@link DenseRecording}) timed as a user meets it (run on purpose, not a test):
 * {@code replay} in a JVM of its own, as {@code bin/early-warning} starts it, from JVM start to exit, for the whole
 * recording and for its first 10 lines (the time to the first message: JVM, cluster and job start-up); then, in this
 * JVM on a standing MiniCluster, warm rounds of plain decoding, Flink decode-only and the whole pipeline at
 * parallelism 1 and 2 ({@link ThroughputBench}). Usage: {@code bin/bench dense [messages [rounds]]};
 * {@code -Dbench.replay=false} in {@code BENCH_JAVA_OPTS} runs the warm rounds only.
 */
public final class DenseBench {
    private DenseBench() {}

    public static void main(String[] args) throws Exception {
        long target = args.length > 0 ? Long.parseLong(args[0]) : 2_001_440L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long g0 = System.nanoTime();
        Path file = DenseRecording.of(target);
        long n = Files.lines(file).count();
        System.out.printf(Locale.ROOT, "recording dense: %s, %,d messages (%,d sensors), %.1f MB (ready in %.1f s)%n",
                file, n, DenseRecording.SENSORS, Files.size(file) / 1e6, (System.nanoTime() - g0) / 1e9);
        Path small = DenseRecording.head(file, 10);
        boolean replays = Boolean.parseBoolean(System.getProperty("bench.replay", "true"));

        // untimed: the launcher builds if sources changed and archives classes once per build, as a user's first run
        List<Double> cold = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        if (replays) {
            double prep = replay(small, "small");
            System.out.printf(Locale.ROOT, "bin/early-warning's first run after a build (archives classes): %.1f s%n",
                    prep);
        }
        for (int r = 1; replays && r <= rounds; r++) {
            double s = replay(small, "small");
            first.add(s);
            double t = replay(file, "dense");
            cold.add(n / t);
            System.out.printf(Locale.ROOT, "replay as a user, round %d/%d: 10 lines %.2f s | %,d messages %.1f s = %,.0f"
                    + " msg/s (JVM start to exit) | load %.2f%n", r, rounds, s, n, t, n / t, load());
        }

        long t0 = System.nanoTime();
        ThroughputBench.Figures f;
        // the embedded clusters a replay of this recording gets at parallelism 1 and 2 (their network buffers depend
        // on the recording's size and the parallelism: LocalRun.configuration)
        try (MiniCluster p1 = cluster(file, 1); MiniCluster p2 = cluster(file, 2)) {
            p1.start();
            p2.start();
            System.out.printf(Locale.ROOT, "%nMiniClusters for parallelism 1 and 2 started in %.1f s (the warm rounds"
                    + " below run on them)%n", (System.nanoTime() - t0) / 1e9);
            ThroughputBench.clusterFor = p -> {
                TestStreamEnvironment.unsetAsContext();
                TestStreamEnvironment.setAsContext(p == 1 ? p1 : p2, p);
            };
            f = ThroughputBench.measure("dense", file, rounds);
        } finally {
            ThroughputBench.clusterFor = p -> { };
            TestStreamEnvironment.unsetAsContext();
        }
        double coldMedian = replays ? ThroughputBench.median(cold) : Double.NaN;
        System.out.printf(Locale.ROOT, "%ndense recording, %,d messages, median of %d rounds (load now %.2f):%n",
                n, rounds, load());
        if (replays) {
            System.out.printf(Locale.ROOT, "  replay of 10 lines, JVM start to exit           : %10.2f s%n",
                    ThroughputBench.median(first));
            System.out.printf(Locale.ROOT, "  replay, JVM start to exit                       : %,10.0f msg/s%n",
                    coldMedian);
        }
        System.out.printf(Locale.ROOT, "  decode + validate alone, plain Java, 1 thread   : %,10.0f msg/s%n", f.decode());
        System.out.printf(Locale.ROOT, "  Flink decode-only (file -> decode -> discard)   : %,10.0f msg/s%n",
                f.decodeFlink());
        System.out.printf(Locale.ROOT, "  whole pipeline warm, parallelism 1              : %,10.0f msg/s (%.2f of Flink"
                + " decode-only; median of the rounds' own ratios %.2f)%n", f.whole1(), f.whole1() / f.decodeFlink(),
                f.roundRatio());
        System.out.printf(Locale.ROOT, "  whole pipeline warm, parallelism 2              : %,10.0f msg/s (%.2fx p=1)%n",
                f.whole2(), f.whole2() / f.whole1());
        if (replays) {
            System.out.printf(Locale.ROOT, "  replay JVM start to exit / warm p=1             : %10.2f%n",
                    coldMedian / f.whole1());
        }
        System.out.println("(" + Runtime.getRuntime().availableProcessors() + " cores; the machine may be shared)");
    }

    /** Seconds from starting {@code bin/early-warning replay} on {@code input} to its exit. */
    private static double replay(Path input, String name) throws IOException, InterruptedException {
        Path out = input.resolveSibling(name + "-alerts.jsonl");
        Path log = input.resolveSibling(name + "-replay.log");
        Path launcher = Path.of("..", "bin", "early-warning").toAbsolutePath().normalize();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(launcher.toString(), "replay", "--input", input.toString(), "--output",
                out.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int rc = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (rc != 0) {
            throw new IllegalStateException("replay exited " + rc + ": see " + log);
        }
        if (name.equals("dense") && Files.readAllLines(out, StandardCharsets.UTF_8).isEmpty()) {
            throw new IllegalStateException("the dense recording raised no alert");
        }
        return s;
    }

    private static MiniCluster cluster(Path file, int parallelism) throws IOException {
        Configuration conf = LocalRun.configuration(Files.size(file), parallelism);
        conf.set(RestOptions.BIND_PORT, "0"); // two clusters at once: each its own free port
        return new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf).setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(4).build());
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
