package jilin.ew.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Client properties files and topic creation: the only place the pipeline creates topics. */
public final class KafkaAdmin {
    private KafkaAdmin() {}

    /** Extra client properties (SASL, TLS) from a file; the values are secrets and are never printed. */
    public static Properties loadProperties(Path file) throws IOException {
        Properties p = new Properties();
        if (file != null) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }

    public static Properties clientConfig(String bootstrap, Properties extra) {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.putAll(extra);
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return p;
    }

    /** How long a created topic may take until every partition has a leader that holds its log. */
    private static final java.time.Duration LEADERS_WITHIN = java.time.Duration.ofSeconds(30);

    /**
     * Creates the topics that do not exist yet and returns those it created, once every partition of each can take
     * records ({@link #awaitLeaders}): the broker accepts a creation before its partitions can take records, and an
     * idempotent producer that writes in between gets NOT_LEADER_OR_FOLLOWER and then OUT_OF_ORDER_SEQUENCE_NUMBER on
     * every retry until its delivery timeout (seen once in a test, where a gateway wrote to topics created the moment
     * before).
     */
    public static List<String> createTopics(String bootstrap, Properties extra, List<String> topics, int partitions,
                                            short replication) throws InterruptedException, ExecutionException {
        List<String> created = new ArrayList<>();
        try (Admin admin = Admin.create(clientConfig(bootstrap, extra))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> todo = new ArrayList<>();
            for (String t : topics) {
                if (!existing.contains(t)) {
                    todo.add(new NewTopic(t, partitions, replication));
                }
            }
            if (!todo.isEmpty()) {
                try {
                    admin.createTopics(todo).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
                todo.forEach(n -> created.add(n.name()));
                awaitLeaders(admin, created);
            }
        }
        return created;
    }

    /**
     * Waits until every partition of {@code topics} has a leader whose broker holds its log (the broker answers with
     * the leader from its metadata a moment before its replica takes records); fails naming the topics still waiting
     * after LEADERS_WITHIN. Where the client may not describe the brokers' log directories, a leader is enough.
     */
    private static void awaitLeaders(Admin admin, List<String> topics) throws InterruptedException,
            ExecutionException {
        long deadline = System.nanoTime() + LEADERS_WITHIN.toNanos();
        Set<String> waiting = new TreeSet<>(topics);
        boolean logDirs = true;
        while (true) {
            try {
                Set<String> notReady = new HashSet<>();
                Map<Integer, Set<TopicPartition>> byLeader = new HashMap<>();
                admin.describeTopics(waiting).allTopicNames().get().forEach((name, d) -> d.partitions().forEach(p -> {
                    if (p.leader() == null || p.leader().isEmpty()) {
                        notReady.add(name);
                    } else {
                        byLeader.computeIfAbsent(p.leader().id(), id -> new HashSet<>())
                                .add(new TopicPartition(name, p.partition()));
                    }
                }));
                if (logDirs && !byLeader.isEmpty()) {
                    try {
                        Map<Integer, Map<String, LogDirDescription>> dirs =
                                admin.describeLogDirs(byLeader.keySet()).allDescriptions().get();
                        byLeader.forEach((id, partitions) -> partitions.forEach(tp -> {
                            if (dirs.getOrDefault(id, Map.of()).values().stream()
                                    .noneMatch(dir -> dir.replicaInfos().containsKey(tp))) {
                                notReady.add(tp.topic());
                            }
                        }));
                    } catch (ExecutionException e) {
                        if (!(e.getCause() instanceof AuthorizationException)) {
                            throw e;
                        }
                        logDirs = false;
                    }
                }
                waiting.retainAll(notReady);
            } catch (ExecutionException e) {
                // a topic not yet in the metadata the broker answers from is asked for again below
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
            if (waiting.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("created topics not ready to take records after "
                        + LEADERS_WITHIN.toSeconds() + " s: " + waiting);
            }
            Thread.sleep(100);
        }
    }

    /** The topics that exist on the cluster, or an exception if the cluster does not answer within {@code timeout}. */
    public static Set<String> existing(String bootstrap, Properties extra, java.time.Duration timeout)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        try (Admin admin = Admin.create(clientConfig(bootstrap, extra))) {
            return admin.listTopics().names().get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    /** The topics that exist on the cluster. */
    public static Set<String> existing(String bootstrap, Properties extra) throws InterruptedException,
            ExecutionException {
        try (Admin admin = Admin.create(clientConfig(bootstrap, extra))) {
            return admin.listTopics().names().get();
        }
    }
}
