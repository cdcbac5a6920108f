package jilin.ew.cli;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import jilin.ew.kafka.KafkaAdmin;
import jilin.ew.kafka.MessageRouter;
import jilin.ew.sim.Label;
import jilin.ew.sim.MineSimConfig;
import jilin.ew.sim.MineSimulator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code simulate}: a simulated recording with injected scenarios and its ground-truth labels, written to a JSONL
 * file or produced live to the input topics at a steady rate.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Write a simulated mine recording (JSONL) with injected scenarios and a labels file, or produce "
                + "it to the Kafka input topics at --rate messages per second.")
public class SimulateCommand implements Callable<Integer> {
    @Option(names = "--output", paramLabel = "F.jsonl", description = "write the recording to this file") Path output;
    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "produce to the input topics instead") String kafka;
    @Option(names = "--rate", defaultValue = "1000",
            description = "with --kafka: messages per second (default: ${DEFAULT-VALUE})") double rate;
    @Option(names = "--labels", paramLabel = "L.jsonl", description = "ground-truth labels of the injected scenarios")
    Path labels;
    @Option(names = "--hours", defaultValue = "6") double hours;
    @Option(names = "--mines", defaultValue = "10") int mines;
    @Option(names = "--seed", defaultValue = "42") long seed;
    @Option(names = "--start", defaultValue = "2026-03-20T08:00:00+08:00",
            description = "first event time, ISO-8601 with offset, or 'now' (default: ${DEFAULT-VALUE})") String start;
    @Option(names = "--poll", defaultValue = "25", description = "polling cycle, seconds") int poll;
    @Option(names = "--jitter", defaultValue = "0", description = "shuffle messages within this many seconds") int jitter;
    @Option(names = "--no-scenarios", description = "baseline only") boolean noScenarios;
    @Mixin KafkaOptions kafkaOptions;

    @Override
    public Integer call() throws Exception {
        if ((output == null) == (kafka == null)) {
            System.err.println("early-warning simulate: give exactly one of --output F.jsonl or --kafka HOST:PORT");
            return 2;
        }
        if (rate <= 0) {
            System.err.println("early-warning simulate: --rate must be positive");
            return 2;
        }
        Instant first;
        try {
            first = "now".equals(start) ? Instant.now().truncatedTo(ChronoUnit.SECONDS)
                    : OffsetDateTime.parse(start).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            System.err.println("early-warning simulate: --start: " + e.getMessage());
            return 2;
        }
        MineSimConfig cfg = MineSimConfig.builder().seed(seed).start(first)
                .duration(Duration.ofSeconds((long) (hours * 3600))).mineCount(mines)
                .pollingCycle(Duration.ofSeconds(poll)).jitter(Duration.ofSeconds(jitter))
                .scenarios(!noScenarios).build();
        MineSimulator sim = new MineSimulator(cfg);
        if (labels != null) {
            try (BufferedWriter w = Files.newBufferedWriter(labels, StandardCharsets.UTF_8)) {
                sim.writeLabels(w);
            }
        }
        if (kafka != null) {
            return produce(sim);
        }
        long n;
        try (BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            n = sim.write(w);
        }
        System.out.println("wrote " + n + " messages from " + sim.sensorCount() + " sensors of " + sim.mineIds().size()
                + " mines to " + output + (labels == null ? "" : "; " + sim.labels().size() + " scenario labels to "
                + labels));
        return 0;
    }

    private int produce(MineSimulator sim) throws Exception {
        Properties p;
        MessageRouter router;
        try {
            p = KafkaAdmin.clientConfig(kafka, kafkaOptions.clientProperties());
            router = new MessageRouter(kafkaOptions.topics());
        } catch (java.io.IOException | IllegalArgumentException e) {
            System.err.println("early-warning simulate: " + e.getMessage());
            return 2;
        }
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        System.out.printf("simulate: %d sensors of %d mines, %.1f simulated hours at %.0f msg/s to %s; injected:%n",
                sim.sensorCount(), sim.mineIds().size(), hours, rate, kafka);
        for (Label l : sim.labels()) {
            System.out.printf("  %-3s %-20s %-16s from %s  expect %s%n", l.scenarioId(), l.scenario(), l.subjectId(),
                    l.start(), l.ruleId() == null ? "no alert" : l.ruleId() + " >= " + l.minLevel());
        }
        long n = 0;
        long t0 = System.nanoTime();
        long lastReport = t0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (Iterator<String> it = sim.lines(); it.hasNext(); n++) {
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
