package jilin.ew.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import java.util.Properties;
import jilin.ew.gateway.JsonlOutput;
import jilin.ew.gateway.KafkaOutput;
import jilin.ew.gateway.Output;
import jilin.ew.kafka.KafkaAdmin;
import jilin.ew.kafka.KafkaTopics;
import jilin.ew.schema.EventType;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The output a gateway command writes to: the raw input topics and the dead-letter topic, or JSONL files. */
final class GatewayOutputs {
    private GatewayOutputs() {}

    /** The cluster does not answer, or a topic the gateway writes is missing: the command says which and exits 2. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }
    }

    static Output open(CommandSpec spec, String kafka, KafkaOptions kafkaOptions, Path output, Path deadLetters,
                       EventType... types) throws IOException, Unavailable {
        if ((kafka == null) == (output == null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --kafka HOST:PORT or --output FILE");
        }
        if (deadLetters != null && output == null) {
            throw new ParameterException(spec.commandLine(), "--dead-letter goes with --output (with --kafka dead"
                    + " letters go to the dead-letters topic)");
        }
        if (output != null) {
            return new JsonlOutput(output, deadLetters);
        }
        Properties p;
        KafkaTopics topics;
        try {
            p = KafkaAdmin.clientConfig(kafka, kafkaOptions.clientProperties());
            topics = kafkaOptions.topics();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Map<EventType, String> byType = new EnumMap<>(EventType.class);
        for (EventType t : types) {
            byType.put(t, topics.forType(t));
        }
        List<String> needed = new ArrayList<>(byType.values());
        needed.add(topics.get(KafkaTopics.DEAD_LETTERS));
        Set<String> existing;
        try {
            existing = KafkaAdmin.existing(kafka, kafkaOptions.clientProperties(), Duration.ofSeconds(15));
        } catch (ExecutionException | TimeoutException e) {
            throw new Unavailable("Kafka at " + kafka + " does not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
        List<String> missing = needed.stream().filter(t -> !existing.contains(t)).toList();
        if (!missing.isEmpty()) {
            throw new Unavailable("missing topics " + String.join(", ", missing) + " on " + kafka
                    + " (bin/early-warning topics --kafka " + kafka + " --create)");
        }
        KafkaOutput out = new KafkaOutput(p, byType, topics.get(KafkaTopics.DEAD_LETTERS));
        try {
            out.checkTopics();
        } catch (RuntimeException e) {
            out.close();
            throw new Unavailable("Kafka at " + kafka + ": " + e.getMessage());
        }
        return out;
    }
}
