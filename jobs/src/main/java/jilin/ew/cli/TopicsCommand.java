package jilin.ew.cli;

import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import jilin.ew.reference.Routing;
import jilin.ew.kafka.KafkaAdmin;
import jilin.ew.kafka.KafkaTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code topics}: lists the pipeline's topics (by role, then one per route) and whether they exist; {@code --create}
 * creates the missing ones.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = "List the pipeline's Kafka topics by role and whether they exist; --create makes the missing ones "
                + "(the job itself never creates topics).")
public class TopicsCommand implements Callable<Integer> {
    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT") String kafka;
    @Option(names = "--create", description = "create the topics that do not exist") boolean create;
    @Option(names = "--partitions", defaultValue = "3", description = "partitions per new topic (default: ${DEFAULT-VALUE})")
    int partitions;
    @Option(names = "--replication", defaultValue = "1", description = "replication factor (default: ${DEFAULT-VALUE})")
    short replication;
    @Option(names = "--seeds", paramLabel = "DIR",
            description = "seed folder whose routing.json lists the routes (default: the shipped one)")
    java.nio.file.Path seeds;
    @Mixin KafkaOptions kafkaOptions;

    @Override
    public Integer call() throws Exception {
        KafkaTopics topics;
        Properties props;
        try {
            topics = kafkaOptions.topics();
            props = kafkaOptions.clientProperties();
        } catch (java.io.IOException | IllegalArgumentException e) {
            System.err.println("early-warning topics: " + e.getMessage());
            return 2;
        }
        if (partitions < 1 || replication < 1) {
            System.err.println("early-warning topics: --partitions and --replication must be at least 1");
            return 2;
        }
        if (seeds != null && !java.nio.file.Files.isDirectory(seeds)) {
            System.err.println("early-warning topics: seed folder not found: " + seeds);
            return 2;
        }
        Routing routing = seeds == null ? Routing.classpath() : Routing.directory(seeds);
        List<String> created = create
                ? KafkaAdmin.createTopics(kafka, props, topics.all(routing), partitions, replication) : List.of();
        Set<String> existing = KafkaAdmin.existing(kafka, props);
        java.util.function.BiConsumer<String, String> row = (role, name) -> System.out.printf("%-22s %-28s %s%n",
                role, name, created.contains(name) ? "created (" + partitions + " partitions)"
                        : existing.contains(name) ? "exists" : "missing");
        topics.byRole().forEach(row);
        // one topic per route (alerts for the province, a prefecture, an operator): see docs/routing.md
        for (String route : routing.allRoutes()) {
            row.accept("route " + route, topics.route(route));
        }
        return 0;
    }
}
