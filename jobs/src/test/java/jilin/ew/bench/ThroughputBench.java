package jilin.ew.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import jilin.ew.JobSettings;
import jilin.ew.io.DecodeFunction;
import jilin.ew.io.LocalRun;
import jilin.ew.schema.WireCodec;
import jilin.ew.sim.MineSimConfig;
import jilin.ew.sim.MineSimulator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Throughput benchmark (run on purpose, not a test): replays a recording of at least a million mine
 * messages through the whole job and, in the same run over the same file, through decoding alone.
 * Prints the median of several rounds and the ratio. Usage: {@code bin/bench [messages] [rounds]}.
 */
public final class ThroughputBench {
    public static void main(String[] args) throws Exception {
        long target = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path file = recording(target);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "recording: %s, %,d messages, %.1f MB%n", file, lines.size(),
                Files.size(file) / 1e6);

        List<Double> decode = new ArrayList<>();
        List<Double> decodeFlink = new ArrayList<>();
        List<Double> whole1 = new ArrayList<>();
        List<Double> whole2 = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            decode.add(decodeOnly(lines));
            decodeFlink.add(decodeOnlyFlink(file, lines.size()));
            whole1.add(whole(file, lines.size(), 1));
            whole2.add(whole(file, lines.size(), 2));
            System.out.printf(Locale.ROOT, "round %d/%d: decode %,.0f/s | flink decode-only %,.0f/s | whole p=1 %,.0f/s"
                    + " | whole p=2 %,.0f/s%n", r, rounds, last(decode), last(decodeFlink), last(whole1), last(whole2));
        }
        double d = median(decode);
        System.out.printf(Locale.ROOT, "%nmedian of %d rounds over %,d messages (2 cores):%n", rounds, lines.size());
        System.out.printf(Locale.ROOT, "  decode + validate alone, plain Java, 1 thread : %,10.0f msg/s%n", d);
        System.out.printf(Locale.ROOT, "  decode-only Flink job (file -> decode -> discard): %,10.0f msg/s (%.2f of decode)%n",
                median(decodeFlink), median(decodeFlink) / d);
        System.out.printf(Locale.ROOT, "  whole pipeline, parallelism 1                  : %,10.0f msg/s (%.2f of decode)%n",
                median(whole1), median(whole1) / d);
        System.out.printf(Locale.ROOT, "  whole pipeline, parallelism 2                  : %,10.0f msg/s (%.2f of decode)%n",
                median(whole2), median(whole2) / d);
        System.out.println("(whole-pipeline times include job start-up, about a second)");
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
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        LocalRun.jsonl(env, file).process(new DecodeFunction()).name("decode").uid("decode")
                .sinkTo(new org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink<>()).name("discard");
        long t0 = System.nanoTime();
        env.execute("bench decode-only");
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double whole(Path file, long n, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        AtomicLong alerts = new AtomicLong();
        long t0 = System.nanoTime();
        LocalRun.run(env, LocalRun.jsonl(env, file), new JobSettings(), "bench whole", o -> alerts.incrementAndGet());
        double s = (System.nanoTime() - t0) / 1e9;
        if (alerts.get() == 0) {
            throw new IllegalStateException("the recording raised no alert: the scenarios are missing");
        }
        return n / s;
    }

    private static double last(List<Double> l) {
        return l.get(l.size() - 1);
    }

    private static double median(List<Double> l) {
        List<Double> c = new ArrayList<>(l);
        Collections.sort(c);
        return c.get(c.size() / 2);
    }
}
