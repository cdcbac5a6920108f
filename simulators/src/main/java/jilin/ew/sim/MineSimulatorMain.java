package jilin.ew.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line entry of the mine simulator: writes a JSONL recording and its labels file. */
public final class MineSimulatorMain {
    static final String USAGE = "usage: MineSimulatorMain [--seed 42] [--start 2026-03-20T08:00:00+08:00] [--hours 6]"
            + " [--mines 10 | --mine-ids LY001,LY002] [--poll 25] [--jitter 0] [--scenarios all|none|S1,S3,...]"
            + " [--output F.jsonl|-] [--labels L.jsonl]";

    private MineSimulatorMain() {
    }

    public static void main(String[] args) {
        int rc = run(args);
        if (rc != 0) {
            System.exit(rc);
        }
    }

    /** Runs with the given arguments; returns the exit code (0 ok, 2 bad arguments, 1 I/O failure). */
    static int run(String[] args) {
        Map<String, String> opt = new HashMap<>();
        MineSimConfig config;
        try {
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (!name.startsWith("--") || i + 1 >= args.length) {
                    throw new IllegalArgumentException("bad argument " + name);
                }
                opt.put(name.substring(2), args[++i]);
            }
            for (String k : opt.keySet()) {
                if (!List.of("seed", "start", "hours", "mines", "mine-ids", "poll", "jitter", "scenarios",
                        "output", "labels").contains(k)) {
                    throw new IllegalArgumentException("unknown option --" + k);
                }
            }
            MineSimConfig.Builder b = MineSimConfig.builder();
            if (opt.containsKey("seed")) b.seed(Long.parseLong(opt.get("seed")));
            if (opt.containsKey("start")) b.start(OffsetDateTime.parse(opt.get("start")).toInstant());
            if (opt.containsKey("hours")) {
                b.duration(Duration.ofSeconds(Math.round(Double.parseDouble(opt.get("hours")) * 3600)));
            }
            if (opt.containsKey("mines")) b.mineCount(Integer.parseInt(opt.get("mines")));
            if (opt.containsKey("mine-ids")) b.mineIds(Arrays.asList(opt.get("mine-ids").split(",")));
            if (opt.containsKey("poll")) b.pollingCycle(Duration.ofSeconds(Long.parseLong(opt.get("poll"))));
            if (opt.containsKey("jitter")) b.jitter(Duration.ofSeconds(Long.parseLong(opt.get("jitter"))));
            if (opt.containsKey("scenarios")) b.scenarios(parseScenarios(opt.get("scenarios")));
            config = b.build();
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        MineSimulator sim;
        try {
            sim = new MineSimulator(config);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        String output = opt.getOrDefault("output", "-");
        try {
            long n;
            if (output.equals("-")) {
                Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
                n = sim.write(w);
            } else {
                try (Writer w = Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8)) {
                    n = sim.write(w);
                }
            }
            String labels = opt.get("labels");
            if (labels != null) {
                try (Writer w = Files.newBufferedWriter(Path.of(labels), StandardCharsets.UTF_8)) {
                    sim.writeLabels(w);
                }
            }
            // The summary goes to stderr when the messages go to stdout, so a pipe stays clean JSONL.
            (output.equals("-") ? System.err : System.out).printf(
                    "mine simulator: %d messages from %d sensors in %d mines to %s; %d scenarios; labels %s%n",
                    n, sim.sensorCount(), sim.mineIds().size(), output.equals("-") ? "stdout" : output,
                    sim.labels().size(), labels == null ? "not written" : "in " + labels);
            return 0;
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static Set<ScenarioKind> parseScenarios(String s) {
        if (s.equalsIgnoreCase("all")) {
            return EnumSet.allOf(ScenarioKind.class);
        }
        if (s.equalsIgnoreCase("none")) {
            return Set.of();
        }
        Set<ScenarioKind> out = EnumSet.noneOf(ScenarioKind.class);
        for (String part : s.split(",")) {
            ScenarioKind found = null;
            for (ScenarioKind k : ScenarioKind.values()) {
                if (k.scenarioId().equalsIgnoreCase(part) || k.name().equalsIgnoreCase(part)) {
                    found = k;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("unknown scenario " + part);
            }
            out.add(found);
        }
        return out;
    }
}
