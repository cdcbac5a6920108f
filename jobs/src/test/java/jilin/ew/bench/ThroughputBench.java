package jilin.ew.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.ingest.DecodeFunction;
import jilin.ew.serde.EnvelopeType;
import jilin.ew.job.LocalRun;
import jilin.ew.schema.WireCodec;
import jilin.ew.sim.MineSimConfig;
import jilin.ew.sim.MineSimulator;
import jilin.ew.sim.MixedSimConfig;
import jilin.ew.sim.MixedSimulator;
import jilin.ew.sim.SimDomain;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;

/**
 * Throughput benchmark (run on purpose, not a test): replays a recording of at least a million mine
 * messages through the whole job and, in the same run over the same file, through decoding alone; then the
 * same for a recording of the gas networks alone (with hazard reports), the key vehicles alone and the three
 * merged. Every Flink job runs on one MiniCluster started first, as jobs run on a standing cluster: the replay
 * command's own start-up (the cluster's boot) is a fixed cost, not a rate, and is
 * printed apart. Untimed warm-up passes run per recording until the JIT compiler has settled (a long-running job
 * runs compiled code), then the rounds; prints the median of the rounds and the ratios.
 * Usage: {@code bin/bench [messages] [rounds]} (messages: the mine and the mix recordings' size; each
 * single-domain recording gets half of it).
 */
public final class ThroughputBench {
    /** Gas points polled every 3 s (instead of 30 s): ~90k messages per simulated hour. */
    private static final Duration GAS_POLL = Duration.ofSeconds(3);
    private static final long GAS_PER_HOUR = 90_000;
    /** The 32 seed vehicles plus 700 synthetic ones at 30 s: ~88k positions per simulated hour. */
    private static final int EXTRA_VEHICLES = 700;
    private static final long VEHICLE_PER_HOUR = 88_000;
    /** 45 mines: ~84k readings per simulated hour. */
    private static final long MINE_PER_HOUR = 83_000;
    /** The gas simulator places its scenarios only in runs of at least 4 h 40 min. */
    private static final long MIN_HOURS = 5;

    /**
     * Medians over the rounds for one recording, messages per second; {@code roundRatio}: the median of each round's
     * whole pipeline at p=1 over that round's Flink decode-only (the two run seconds apart, so a change of the
     * machine's speed between rounds moves both).
     */
    record Figures(String name, long messages, double decode, double decodeFlink, double whole1, double whole2,
                   double roundRatio) {
    }

    /** Warm-up ends when compiling took less than this share of a pass's wall time (or after MAX_WARMUPS). */
    private static final double JIT_SETTLED = 0.10;
    /**
     * At most this many warm-up passes; -Dbench.warmups=N for a quicker, rougher run on a busy machine. On the dense
     * recording compiling still took 13-25 % of the fourth pass and 1-3 s of each counted round after it.
     */
    private static final int MAX_WARMUPS = Integer.getInteger("bench.warmups", 8);

    public static void main(String[] args) throws Exception {
        long target = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long t0 = System.nanoTime();
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(new Configuration()).setNumTaskManagers(1).setNumSlotsPerTaskManager(4).build())) {
            cluster.start();
            System.out.printf(Locale.ROOT, "MiniCluster started in %.1f s (every job below runs on it)%n",
                    (System.nanoTime() - t0) / 1e9);
            TestStreamEnvironment.setAsContext(cluster, 1);
            run(target, rounds);
        } finally {
            TestStreamEnvironment.unsetAsContext();
        }
    }

    private static void run(long target, int rounds) throws Exception {
        List<Figures> all = new ArrayList<>();
        Figures mine = measure("mine", recording(target), rounds);
        all.add(mine);
        double d = mine.decode();
        System.out.printf(Locale.ROOT, "%nmedian of %d rounds over %,d messages (2 cores):%n", rounds, mine.messages());
        System.out.printf(Locale.ROOT, "  decode + validate alone, plain Java, 1 thread : %,10.0f msg/s%n", d);
        System.out.printf(Locale.ROOT, "  decode-only Flink job (file -> decode -> discard): %,10.0f msg/s (%.2f of decode)%n",
                mine.decodeFlink(), mine.decodeFlink() / d);
        System.out.printf(Locale.ROOT, "  whole pipeline, parallelism 1                  : %,10.0f msg/s (%.2f of decode)%n",
                mine.whole1(), mine.whole1() / d);
        System.out.printf(Locale.ROOT, "  whole pipeline, parallelism 2                  : %,10.0f msg/s (%.2f of decode)%n",
                mine.whole2(), mine.whole2() / d);
        System.out.println("(whole-pipeline times include submitting the job and its start-up, not the cluster's)");

        long half = target / 2;
        all.add(measure("gas", mixed("gas", EnumSet.of(SimDomain.GAS), hours(half, GAS_PER_HOUR)), rounds));
        all.add(measure("vehicle", mixed("vehicle", EnumSet.of(SimDomain.VEHICLE), hours(half, VEHICLE_PER_HOUR)),
                rounds));
        all.add(measure("mix", mixed("mix", EnumSet.allOf(SimDomain.class),
                hours(target, MINE_PER_HOUR + GAS_PER_HOUR + VEHICLE_PER_HOUR)), rounds));
        all.add(measure("dense", DenseRecording.of(2 * target), rounds));

        System.out.printf(Locale.ROOT, "%nby domain, median of %d rounds, msg/s (x: share of plain decode over the same file):%n",
                rounds);
        System.out.printf(Locale.ROOT, "  %-8s %10s %12s %20s %20s %20s%n", "recording", "messages", "decode",
                "flink decode-only", "whole p=1", "whole p=2");
        for (Figures f : all) {
            System.out.printf(Locale.ROOT, "  %-9s %,10d %,12.0f %,12.0f (%.2fx) %,12.0f (%.2fx) %,12.0f (%.2fx)%n",
                    f.name(), f.messages(), f.decode(), f.decodeFlink(), f.decodeFlink() / f.decode(), f.whole1(),
                    f.whole1() / f.decode(), f.whole2(), f.whole2() / f.decode());
        }
        System.out.println("(gas: points polled every 3 s; vehicle: 32 seed + " + EXTRA_VEHICLES
                + " synthetic vehicles; mix: 45 mines + both, merged in event time; dense: "
                + DenseRecording.SENSORS + " CH4 sensors defined on the stream, each every second, issue #19)");
    }

    /**
     * Makes the cluster for a job at the given parallelism the context of the next job: by default nothing (every job
     * runs on the one standing cluster); {@link DenseBench} sets a replay's cluster per parallelism.
     */
    static IntConsumer clusterFor = parallelism -> { };

    static Figures measure(String name, Path file, int rounds) throws Exception {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        long n = lines.size();
        System.out.printf(Locale.ROOT, "%nrecording %s: %s, %,d messages, %.1f MB%n", name, file, n,
                Files.size(file) / 1e6);
        // a long-running job runs JIT-compiled code: untimed passes of every measure first, printed but not counted,
        // until the compiler has settled (on two cores it competes with the job for CPU)
        for (int w = 1; w <= MAX_WARMUPS; w++) {
            long jit0 = jitMillis();
            long t0 = System.nanoTime();
            double d = decodeOnly(lines);
            double df = decodeOnlyFlink(file, n);
            double p1 = whole(file, n, 1);
            double p2 = whole(file, n, 2);
            double wall = (System.nanoTime() - t0) / 1e6;
            long jit = jitMillis() - jit0;
            System.out.printf(Locale.ROOT, "warm-up %d (not counted): decode %,.0f/s | flink decode-only %,.0f/s | whole"
                    + " p=1 %,.0f/s | whole p=2 %,.0f/s | JIT compiling %.1f s of %.1f s%n", w, d, df, p1, p2, jit / 1e3,
                    wall / 1e3);
            if (jit < JIT_SETTLED * wall) {
                break;
            }
        }
        List<Double> decode = new ArrayList<>();
        List<Double> decodeFlink = new ArrayList<>();
        List<Double> whole1 = new ArrayList<>();
        List<Double> whole2 = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        ThreadCpu.Sampled d = null;
        ThreadCpu.Sampled w1 = null;
        ThreadCpu.Sampled w2 = null;
        for (int r = 1; r <= rounds; r++) {
            long jit0 = jitMillis();
            decode.add(decodeOnly(lines));
            d = ThreadCpu.during(() -> decodeOnlyFlink(file, n));
            decodeFlink.add(d.result());
            w1 = ThreadCpu.during(() -> whole(file, n, 1));
            whole1.add(w1.result());
            w2 = ThreadCpu.during(() -> whole(file, n, 2));
            whole2.add(w2.result());
            ratios.add(last(whole1) / last(decodeFlink));
            System.out.printf(Locale.ROOT, "round %d/%d: decode %,.0f/s | flink decode-only %,.0f/s | whole p=1 %,.0f/s"
                    + " (%.2f of decode-only) | whole p=2 %,.0f/s | JIT %.1f s%n", r, rounds, last(decode),
                    last(decodeFlink), last(whole1), last(ratios), last(whole2), (jitMillis() - jit0) / 1e3);
        }
        // where the CPU went (the last round): what the whole pipeline costs per message beside decoding
        System.out.println("CPU by thread, last round, Flink decode-only: " + String.join(System.lineSeparator(),
                d.cpu(n)));
        System.out.println("CPU by thread, last round, whole pipeline p=1: " + String.join(System.lineSeparator(),
                w1.cpu(n)));
        System.out.println("CPU by thread, last round, whole pipeline p=2: " + String.join(System.lineSeparator(),
                w2.cpu(n)));
        printCeilings(n, d, w1, w2);
        return new Figures(name, n, median(decode), median(decodeFlink), median(whole1), median(whole2),
                median(ratios));
    }

    /**
     * What the last round's CPU per message allows on a machine of k cores, for each run as measured here: a run
     * needs at least its busiest thread's CPU per message (that thread cannot be split) and at least all its
     * threads' CPU over k (k cores cannot do more), so it can go no faster than one message per the larger of the
     * two. The rates are ceilings, not predictions; the measured row shows how near this machine came to its own.
     * Why: the p=1 to p=2 target is set for 4 or more cores, and this machine has fewer.
     */
    static void printCeilings(long n, ThreadCpu.Sampled decodeOnly, ThreadCpu.Sampled p1, ThreadCpu.Sampled p2) {
        System.out.println("What the CPU per message allows (last round; per message: all threads, busiest thread):");
        printPerMessage("Flink decode-only", decodeOnly, n);
        printPerMessage("whole p=1", p1, n);
        printPerMessage("whole p=2", p2, n);
        System.out.printf(Locale.ROOT, "  %5s %18s %18s %18s %18s %10s%n", "cores", "decode-only", "p=1", "p=2",
                "p=1/decode-only", "p=2/p=1");
        int here = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "  %5s %,18.0f %,18.0f %,18.0f %18.2f %9.2fx   measured%n", here + " here",
                decodeOnly.result(), p1.result(), p2.result(), p1.result() / decodeOnly.result(),
                p2.result() / p1.result());
        for (int k : IntStream.of(here, 4, 8).distinct().sorted().toArray()) {
            double dc = ceiling(decodeOnly, n, k);
            double c1 = ceiling(p1, n, k);
            double c2 = ceiling(p2, n, k);
            System.out.printf(Locale.ROOT, "  %5d %,18.0f %,18.0f %,18.0f %18.2f %9.2fx   at most%n", k, dc, c1, c2,
                    c1 / dc, c2 / c1);
        }
        System.out.println("  (the ratios of an \"at most\" row are of the ceilings: what each run gains if both reach"
                + " their own)");
    }

    private static void printPerMessage(String run, ThreadCpu.Sampled s, long n) {
        System.out.printf(Locale.ROOT, "  %-17s : %.2f us, %.2f us (%s)%n", run, s.total() / 1e3 / n,
                s.busiest().getValue() / 1e3 / n, s.busiest().getKey());
    }

    /** Messages per second a run with this CPU per message can reach at most on k cores. */
    private static double ceiling(ThreadCpu.Sampled s, long n, int k) {
        double perMessage = Math.max(s.busiest().getValue(), (double) s.total() / k) / n;
        return 1e9 / perMessage;
    }

    private static long hours(long messages, long perHour) {
        return Math.max(MIN_HOURS, (messages + perHour - 1) / perHour);
    }

    private static Path recording(long target) throws Exception {
        Path dir = Paths.get("target", "bench");
        Files.createDirectories(dir);
        // all 45 seeded mines (~580 sensors at 25 s) give ~84k messages per simulated hour
        long hours = Math.max(1, (target + 83_000) / 83_000);
        Path file = dir.resolve("mine-" + hours + "h.jsonl");
        if (!Files.exists(file)) {
            MineSimulator sim = new MineSimulator(MineSimConfig.builder().seed(1).mineCount(45)
                    .duration(Duration.ofHours(hours)).build());
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                sim.write(w);
            }
        }
        return file;
    }

    /** A recording of the given domains from the mixed simulator (23:00 start, scenarios on), kept for later runs. */
    private static Path mixed(String name, Set<SimDomain> domains, long hours) throws Exception {
        Path dir = Paths.get("target", "bench");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + "-" + hours + "h.jsonl");
        if (!Files.exists(file)) {
            MixedSimulator sim = new MixedSimulator(MixedSimConfig.builder().seed(1).domains(domains)
                    .duration(Duration.ofHours(hours)).mineCount(45).gasPolling(GAS_POLL)
                    .extraVehicles(EXTRA_VEHICLES).build());
            Path tmp = dir.resolve(name + "-" + hours + "h.jsonl.tmp");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                sim.write(w);
            }
            Files.move(tmp, file);
        }
        return file;
    }

    private static double decodeOnly(List<String> lines) {
        WireCodec codec = new WireCodec();
        long ok = 0;
        long t0 = System.nanoTime();
        for (String l : lines) {
            if (codec.decode(l).isOk()) {
                ok++;
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (ok != lines.size()) {
            throw new IllegalStateException("recording has invalid lines: " + (lines.size() - ok));
        }
        return lines.size() / s;
    }

    private static double decodeOnlyFlink(Path file, long n) throws Exception {
        clusterFor.accept(1);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        LocalRun.jsonl(env, file).lines.process(new DecodeFunction(), EnvelopeType.INSTANCE).name("decode").uid("decode")
                .sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>()).name("discard");
        ThreadCpu.timerStarts();
        long t0 = System.nanoTime();
        env.execute("bench decode-only");
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double whole(Path file, long n, int parallelism) throws Exception {
        clusterFor.accept(parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        AtomicLong alerts = new AtomicLong();
        ThreadCpu.timerStarts();
        long t0 = System.nanoTime();
        LocalRun.run(env, LocalRun.jsonl(env, file), new JobSettings(), "bench whole", o -> alerts.incrementAndGet());
        double s = (System.nanoTime() - t0) / 1e9;
        if (alerts.get() == 0) {
            throw new IllegalStateException("the recording raised no alert: the scenarios are missing");
        }
        return n / s;
    }

    /** CPU time the JIT compilers have spent so far. */
    private static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    private static double last(List<Double> l) {
        return l.get(l.size() - 1);
    }

    static double median(List<Double> l) {
        List<Double> c = new ArrayList<>(l);
        Collections.sort(c);
        return c.get(c.size() / 2);
    }
}
