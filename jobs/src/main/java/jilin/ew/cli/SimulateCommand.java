package jilin.ew.cli;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import jilin.ew.sim.MineSimConfig;
import jilin.ew.sim.MineSimulator;
import jilin.ew.sim.MixedSimConfig;
import jilin.ew.sim.MixedSimulator;
import jilin.ew.sim.SimDomain;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code simulate}: writes a simulated recording with injected scenarios and its ground-truth labels. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write a simulated recording (JSONL) of mines, gas networks and/or key vehicles with injected"
                + " scenarios, and a labels file.")
public class SimulateCommand implements Callable<Integer> {
    @Option(names = "--output", required = true, paramLabel = "F.jsonl") Path output;
    @Option(names = "--labels", paramLabel = "L.jsonl", description = "ground-truth labels of the injected scenarios")
    Path labels;
    @Option(names = "--domains", paramLabel = "LIST", defaultValue = "mine",
            description = "mine, gas (with hazard reports), vehicle, comma-separated, or all; several are merged in"
                    + " event-time order (default: ${DEFAULT-VALUE})")
    String domains;
    @Option(names = "--hours", defaultValue = "6") double hours;
    @Option(names = "--mines", defaultValue = "10") int mines;
    @Option(names = "--seed", defaultValue = "42") long seed;
    @Option(names = "--start", paramLabel = "TS", description = "first event time, ISO-8601 with offset (default:"
            + " 2026-03-20T08:00:00+08:00 for mines alone, 2026-03-20T23:00:00+08:00 with gas or vehicles, so the"
            + " run covers the 02:00-05:00 long-bus stop)")
    String start;
    @Option(names = "--poll", defaultValue = "25", description = "mine polling cycle, seconds") int poll;
    @Option(names = "--jitter", defaultValue = "0", description = "shuffle mine messages within this many seconds") int jitter;
    @Option(names = "--extra-vehicles", paramLabel = "N", defaultValue = "0",
            description = "synthetic vehicles beyond the seeds, for load (default: ${DEFAULT-VALUE})") int extraVehicles;
    @Option(names = "--no-scenarios", description = "baseline only") boolean noScenarios;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Set<SimDomain> which;
        Instant from;
        try {
            which = SimDomain.parse(domains);
            from = start == null ? null : OffsetDateTime.parse(start).toInstant();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Duration duration = Duration.ofSeconds((long) (hours * 3600));
        if (which.equals(EnumSet.of(SimDomain.MINE))) {
            return mineOnly(from == null ? MineSimConfig.DEFAULT_START : from, duration);
        }
        MixedSimulator sim;
        try {
            sim = new MixedSimulator(MixedSimConfig.builder().seed(seed)
                    .start(from == null ? MixedSimConfig.DEFAULT_START : from).duration(duration).domains(which)
                    .scenarios(!noScenarios).mineCount(mines).minePolling(Duration.ofSeconds(poll))
                    .mineJitter(Duration.ofSeconds(jitter)).extraVehicles(extraVehicles).build());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        long n;
        try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            n = sim.write(w);
        }
        if (labels != null) {
            try (BufferedWriter w = Files.newBufferedWriter(labels, StandardCharsets.UTF_8)) {
                sim.writeLabels(w);
            }
        }
        StringJoiner parts = new StringJoiner(", ");
        if (sim.mine() != null) {
            parts.add(sim.mine().sensorCount() + " sensors of " + sim.mine().mineIds().size() + " mines");
        }
        if (sim.gas() != null) {
            parts.add("the gas networks");
        }
        if (sim.vehicle() != null) {
            parts.add(sim.vehicle().vehicleIds().size() + " vehicles");
        }
        System.out.println("wrote " + n + " messages from " + parts + " to " + output + (labels == null ? ""
                : "; " + sim.labels().size() + " scenario labels to " + labels));
        return 0;
    }

    /** Mines alone: exactly the recording this command wrote before it knew other domains. */
    private int mineOnly(Instant from, Duration duration) throws Exception {
        MineSimConfig cfg;
        try {
            cfg = MineSimConfig.builder().seed(seed).start(from).duration(duration).mineCount(mines)
                    .pollingCycle(Duration.ofSeconds(poll)).jitter(Duration.ofSeconds(jitter))
                    .scenarios(!noScenarios).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
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
