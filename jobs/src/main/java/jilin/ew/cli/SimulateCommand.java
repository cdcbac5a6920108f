package jilin.ew.cli;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.Callable;
import jilin.ew.sim.MineSimConfig;
import jilin.ew.sim.MineSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code simulate}: writes a simulated recording with injected scenarios and its ground-truth labels. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write a simulated mine recording (JSONL) with injected scenarios and a labels file.")
public class SimulateCommand implements Callable<Integer> {
    @Option(names = "--output", required = true, paramLabel = "F.jsonl") Path output;
    @Option(names = "--labels", paramLabel = "L.jsonl", description = "ground-truth labels of the injected scenarios")
    Path labels;
    @Option(names = "--hours", defaultValue = "6") double hours;
    @Option(names = "--mines", defaultValue = "10") int mines;
    @Option(names = "--seed", defaultValue = "42") long seed;
    @Option(names = "--start", defaultValue = "2026-03-20T08:00:00+08:00") String start;
    @Option(names = "--poll", defaultValue = "25", description = "polling cycle, seconds") int poll;
    @Option(names = "--jitter", defaultValue = "0", description = "shuffle messages within this many seconds") int jitter;
    @Option(names = "--no-scenarios", description = "baseline only") boolean noScenarios;

    @Override
    public Integer call() throws Exception {
        MineSimConfig cfg = MineSimConfig.builder().seed(seed).start(OffsetDateTime.parse(start).toInstant())
                .duration(Duration.ofSeconds((long) (hours * 3600))).mineCount(mines)
                .pollingCycle(Duration.ofSeconds(poll)).jitter(Duration.ofSeconds(jitter))
                .scenarios(!noScenarios).build();
        MineSimulator sim = new MineSimulator(cfg);
        long n;
        try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            n = sim.write(w);
        }
        if (labels != null) {
            try (BufferedWriter w = Files.newBufferedWriter(labels, StandardCharsets.UTF_8)) {
                sim.writeLabels(w);
            }
        }
        System.out.println("wrote " + n + " messages from " + sim.sensorCount() + " sensors of " + sim.mineIds().size()
                + " mines to " + output + (labels == null ? "" : "; " + sim.labels().size() + " scenario labels to "
                + labels));
        return 0;
    }
}
