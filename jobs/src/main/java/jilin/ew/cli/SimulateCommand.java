package jilin.ew.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import jilin.ew.kafka.KafkaAdmin;
import jilin.ew.kafka.MessageRouter;
import jilin.ew.sim.MineSimConfig;
import jilin.ew.sim.MineSimulator;
import jilin.ew.sim.MixedSimConfig;
import jilin.ew.sim.MixedSimulator;
import jilin.ew.sim.SimDomain;
import jilin.ew.sim.Simulator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code simulate}: a simulated recording of mines, gas networks and/or key vehicles with injected scenarios and
 * their ground-truth labels, written to a JSONL file or produced live to the Kafka input topics at a steady rate.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write a simulated recording (JSONL) of mines, gas networks and/or key vehicles with injected"
                + " scenarios and a labels file, or produce it to the Kafka input topics at --rate messages per second.")
public class SimulateCommand implements Callable<Integer> {
    @Option(names = "--output", paramLabel = "F.jsonl", description = "write the recording to this file") Path output;
    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "produce to the input topics instead") String kafka;
    @Option(names = "--jt808", paramLabel = "HOST:PORT", description = "play the vehicles through real JT/T 808"
            + " terminal connections to this gateway (register, authenticate, report, heartbeat); implies"
            + " --domains vehicle") String jt808;
    @Option(names = "--jt808-version", defaultValue = "2013", paramLabel = "2013|2019",
            description = "with --jt808: the terminals' header edition (default: ${DEFAULT-VALUE})") String jt808Version;
    @Option(names = "--rate", defaultValue = "1000",
            description = "with --kafka: messages per second (default: ${DEFAULT-VALUE})") double rate;
    @Option(names = "--labels", paramLabel = "L.jsonl", description = "ground-truth labels of the injected scenarios")
    Path labels;
    @Option(names = "--domains", paramLabel = "LIST", defaultValue = "mine",
            description = "mine, gas (with hazard reports), vehicle, comma-separated, or all; several are merged in"
                    + " event-time order (default: ${DEFAULT-VALUE})")
    String domains;
    @Option(names = "--hours", defaultValue = "6") double hours;
    @Option(names = "--mines", defaultValue = "10") int mines;
    @Option(names = "--seed", defaultValue = "42") long seed;
    @Option(names = "--start", paramLabel = "TS", description = "first event time, ISO-8601 with offset, or 'now'"
            + " (default: 2026-03-20T08:00:00+08:00 for mines alone, 2026-03-20T23:00:00+08:00 with gas or vehicles,"
            + " so the run covers the 02:00-05:00 long-bus stop)")
    String start;
    @Option(names = "--poll", defaultValue = "25", description = "mine polling cycle, seconds") int poll;
    @Option(names = "--jitter", defaultValue = "0", description = "shuffle mine messages within this many seconds") int jitter;
    @Option(names = "--extra-vehicles", paramLabel = "N", defaultValue = "0",
            description = "synthetic vehicles beyond the seeds, for load (default: ${DEFAULT-VALUE})") int extraVehicles;
    @Option(names = "--no-scenarios", description = "baseline only") boolean noScenarios;
    @Mixin KafkaOptions kafkaOptions;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if ((output == null ? 0 : 1) + (kafka == null ? 0 : 1) + (jt808 == null ? 0 : 1) != 1) {
            throw new ParameterException(spec.commandLine(),
                    "give exactly one of --output F.jsonl, --kafka HOST:PORT or --jt808 HOST:PORT");
        }
        if (jt808 != null) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--domains") && !"vehicle".equals(domains)) {
                throw new ParameterException(spec.commandLine(), "--jt808 plays vehicles only (--domains vehicle)");
            }
            if (extraVehicles > 0) {
                throw new ParameterException(spec.commandLine(), "--jt808 plays the register's terminals;"
                        + " --extra-vehicles have none");
            }
            if (!jt808Version.equals("2013") && !jt808Version.equals("2019")) {
                throw new ParameterException(spec.commandLine(), "--jt808-version must be 2013 or 2019");
            }
            domains = "vehicle";
        }
        if (rate <= 0) {
            throw new ParameterException(spec.commandLine(), "--rate must be positive");
        }
        Set<SimDomain> which;
        Instant from;
        try {
            which = SimDomain.parse(domains);
            from = start == null ? null : "now".equals(start) ? Instant.now().truncatedTo(ChronoUnit.SECONDS)
                    : OffsetDateTime.parse(start).toInstant();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Simulator rec;
        try {
            rec = which.equals(EnumSet.of(SimDomain.MINE)) ? mineOnly(from) : mixed(which, from);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (labels != null) {
            try (BufferedWriter w = Files.newBufferedWriter(labels, StandardCharsets.UTF_8)) {
                rec.writeLabels(w);
            }
        }
        if (kafka != null) {
            return produce(rec);
        }
        if (jt808 != null) {
            return playJt808(rec);
        }
        long n;
        try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            n = rec.write(w);
        }
        System.out.println("wrote " + n + " messages from " + describe(rec) + " to " + output
                + (labels == null ? "" : "; " + rec.labels().size() + " scenario labels to " + labels));
        return 0;
    }

    private Duration duration() {
        return Duration.ofSeconds((long) (hours * 3600));
    }

    /** Mines alone: exactly the recording this command wrote before it knew other domains. */
    private MineSimulator mineOnly(Instant from) {
        return new MineSimulator(MineSimConfig.builder().seed(seed)
                .start(from == null ? MineSimConfig.DEFAULT_START : from).duration(duration()).mineCount(mines)
                .pollingCycle(Duration.ofSeconds(poll)).jitter(Duration.ofSeconds(jitter))
                .scenarios(!noScenarios).build());
    }

    private MixedSimulator mixed(Set<SimDomain> which, Instant from) {
        return new MixedSimulator(MixedSimConfig.builder().seed(seed)
                .start(from == null ? MixedSimConfig.DEFAULT_START : from).duration(duration()).domains(which)
                .scenarios(!noScenarios).mineCount(mines).minePolling(Duration.ofSeconds(poll))
                .mineJitter(Duration.ofSeconds(jitter)).extraVehicles(extraVehicles).build());
    }

    /** What the recording holds, for the summary line. */
    private static String describe(Simulator sim) {
        if (sim instanceof MineSimulator m) {
            return m.sensorCount() + " sensors of " + m.mineIds().size() + " mines";
        }
        MixedSimulator mix = (MixedSimulator) sim;
        StringJoiner parts = new StringJoiner(", ");
        if (mix.mine() != null) {
            parts.add(mix.mine().sensorCount() + " sensors of " + mix.mine().mineIds().size() + " mines");
        }
        if (mix.gas() != null) {
            parts.add("the gas networks");
        }
        if (mix.vehicle() != null) {
            parts.add(mix.vehicle().vehicleIds().size() + " vehicles");
        }
        return parts.toString();
    }

    private int playJt808(Simulator rec) throws Exception {
        int colon = jt808.lastIndexOf(':');
        java.net.InetSocketAddress gateway;
        try {
            gateway = new java.net.InetSocketAddress(jt808.substring(0, colon),
                    Integer.parseInt(jt808.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--jt808 must be HOST:PORT, not " + jt808);
        }
        // the terminals' register; the codes come back from the gateway on registration, so no secret is needed here
        jilin.ew.gateway.jt808.TerminalDirectory register = jilin.ew.gateway.jt808.TerminalDirectory.load(null,
                new byte[] {0});
        System.out.printf("simulate: %s, %.1f simulated hours at %.0f reports/s through JT/T 808 (%s) terminals to %s"
                + " (%d scenarios%s)%n", describe(rec), hours, rate, jt808Version, jt808, rec.labels().size(),
                labels == null ? "" : ", labels in " + labels);
        long t0 = System.nanoTime();
        Jt808Player.Summary s = new Jt808Player(gateway, register, jt808Version.equals("2019"),
                Duration.ofSeconds(30)).play(rec.lines(), rate);
        System.out.printf("simulate: %d reports from %d terminals in %.1f s: %d accepted, %d refused by the gateway;"
                + " %d heartbeats%n", s.reports, s.terminals, (System.nanoTime() - t0) / 1e9, s.accepted, s.refused,
                s.heartbeats);
        return 0;
    }

    private int produce(Simulator rec) throws Exception {
        Properties p;
        MessageRouter router;
        try {
            p = KafkaAdmin.clientConfig(kafka, kafkaOptions.clientProperties());
            router = new MessageRouter(kafkaOptions.topics());
        } catch (IOException | IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        System.out.printf("simulate: %s, %.1f simulated hours at %.0f msg/s to %s (%d scenarios%s)%n", describe(rec),
                hours, rate, kafka, rec.labels().size(), labels == null ? "" : ", labels in " + labels);
        long n = 0;
        long t0 = System.nanoTime();
        long lastReport = t0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (Iterator<String> it = rec.lines(); it.hasNext(); n++) {
                String line = it.next();
                MessageRouter.Route r = router.route(line);
                producer.send(new ProducerRecord<>(r.topic, r.key, line));
                // steady pacing: message n is due at t0 + n / rate
                long due = t0 + (long) (n * 1e9 / rate);
                long now = System.nanoTime();
                if (due > now) {
                    LockSupport.parkNanos(due - now);
                }
                if (now - lastReport > 10_000_000_000L) {
                    lastReport = now;
                    System.out.printf("simulate: %d messages sent%n", n);
                }
            }
            producer.flush();
        }
        System.out.printf("simulate: %d messages sent in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
