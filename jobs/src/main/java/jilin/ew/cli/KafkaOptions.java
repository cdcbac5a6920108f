package jilin.ew.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import jilin.ew.kafka.KafkaAdmin;
import jilin.ew.kafka.KafkaTopics;
import picocli.CommandLine.Option;

/** Options every Kafka command shares: the broker, extra client properties, topic names. */
public class KafkaOptions {
    @Option(names = "--kafka-properties", paramLabel = "FILE",
            description = "extra Kafka client properties (SASL, TLS...); never printed")
    Path propertiesFile;

    @Option(names = "--topic", paramLabel = "ROLE=NAME",
            description = "override a topic name; roles: mine-sensors, mine-readings, gas-stations, gas-readings, "
                    + "vehicle-registrations, vehicle-positions, hazard-reports, alerts, alerts-cap, alerts-live, "
                    + "dead-letters, rules, commands, handling")
    Map<String, String> topicOverrides = new LinkedHashMap<>();

    KafkaTopics topics() {
        return KafkaTopics.of(topicOverrides);
    }

    Properties clientProperties() throws IOException {
        if (propertiesFile != null && !Files.isRegularFile(propertiesFile)) {
            throw new IOException("Kafka properties file not found: " + propertiesFile);
        }
        return KafkaAdmin.loadProperties(propertiesFile);
    }
}
