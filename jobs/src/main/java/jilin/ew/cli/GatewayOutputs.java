package jilin.ew.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
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

    static Output open(CommandSpec spec, String kafka, KafkaOptions kafkaOptions, Path output, Path deadLetters,
                       EventType... types) throws IOException {
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
        KafkaOutput out = new KafkaOutput(p, byType, topics.get(KafkaTopics.DEAD_LETTERS));
        try {
            out.checkTopics();
        } catch (RuntimeException e) {
            out.close();
            throw new IOException("Kafka at " + kafka + ": " + e.getMessage()
                    + " (create the topics with `bin/early-warning topics --create`)", e);
        }
        return out;
    }
}
