package jilin.ew.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * What the cluster tests (ClusterFailoverIT, ClusterSavepointIT) share: one run's topics, submitting `run --kafka`
 * through REST, waiting until a run has decided everything its input raises, and its committed alerts.
 */
final class ClusterRuns {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Longer than the tests: no partition is ever declared idle. With idleness, a partition that falls silent and
     * comes back behind the other (after a pause in the input, or after a restart) makes its sensors look silent for a
     * while, differently from run to run (see docs/kafka.md); that is event time, not what the tests are about.
     */
    static final int IDLENESS_SEC = 3600;
    /** Fields of an alert that do not depend on the input alone (see {@link #alerts}). */
    static final String[] NOT_FROM_INPUT = {"emittedAt", "references", "referenceTimes", "inhibited"};

    private ClusterRuns() {}

    /** The shaded jar that `package` built (failsafe passes its path). */
    static Path jar() {
        return Path.of(System.getProperty("ew.flinkJar", "target/jobs-0.1.0-SNAPSHOT-flink.jar")).toAbsolutePath();
    }

    /**
     * Every topic of one run under its own prefix, and one input topic of two partitions for every input role:
     * each source subtask then reads one partition, and both partitions carry readings to the end, so event time
     * advances the same way in every run without any partition going idle.
     */
    static KafkaTopics topics(ForkedBroker broker, String prefix) throws Exception {
        KafkaTopics t = KafkaTopics.prefixed(prefix);
        for (String role : KafkaTopics.INPUT_ROLES) {
            t.set(role, prefix + "in");
        }
        KafkaAdmin.createTopics(broker.bootstrap(), new Properties(), t.all().stream().distinct().toList(), 2,
                (short) 1);
        // `run` writes every route's topic (ew.alerts.<route>) and refuses to start while one is missing
        KafkaAdmin.createTopics(broker.bootstrap(), new Properties(),
                new KafkaTopics().routes(jilin.ew.reference.Routing.classpath()), 2, (short) 1);
        return t;
    }

    /** `run --kafka ...` through POST /jars/:id/run, parallelism 2; returns once the job's tasks all run. */
    static String submit(LocalFlinkCluster cluster, String jarId, ForkedBroker broker, KafkaTopics topics,
            String group) throws Exception {
        return submit(cluster, jarId, broker, topics, group, 2, null);
    }

    /**
     * `run --kafka ...` at this parallelism, from a savepoint when {@code savepoint} is not null (every operator's
     * state must find its operator: allowNonRestoredState false); returns once the job's tasks all run.
     */
    static String submit(LocalFlinkCluster cluster, String jarId, ForkedBroker broker, KafkaTopics topics,
            String group, int parallelism, String savepoint) throws Exception {
        return submit(cluster, jarId, broker, topics, group, parallelism, savepoint, 500, IDLENESS_SEC);
    }

    /** As above, with the checkpoint interval and the idleness timeout of the job (the benchmark's differ). */
    static String submit(LocalFlinkCluster cluster, String jarId, ForkedBroker broker, KafkaTopics topics,
            String group, int parallelism, String savepoint, long checkpointMs, int idlenessSec) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "--kafka", broker.bootstrap(), "--group", group,
                "--parallelism", String.valueOf(parallelism), "--checkpoint-interval-ms", String.valueOf(checkpointMs),
                "--idleness-sec", String.valueOf(idlenessSec)));
        topics.byRole().forEach((role, name) -> args.addAll(List.of("--topic", role + "=" + name)));
        String job = cluster.run(jarId, "jilin.ew.cli.FlinkMain", args, savepoint);
        try {
            LocalFlinkCluster.await(Duration.ofMinutes(2), "job " + job + " running", () -> {
                var j = cluster.get("/jobs/" + job);
                return "RUNNING".equals(j.path("state").asText())
                        && j.path("status-counts").path("RUNNING").asInt() == j.path("vertices").size();
            });
        } catch (AssertionError e) {
            // which operators did not get there (a restore that hangs shows as INITIALIZING): the TaskManagers' logs
            // and a thread dump of them say why
            StringBuilder stuck = new StringBuilder();
            for (var v : cluster.get("/jobs/" + job).path("vertices")) {
                if (!"RUNNING".equals(v.path("status").asText())) {
                    stuck.append("\n  ").append(v.path("name").asText()).append(": ").append(v.path("status").asText());
                }
            }
            throw new AssertionError(e.getMessage() + "; not running:" + stuck, e);
        }
        return job;
    }

    /**
     * Waits until the job has taken every input message (its offsets, committed on checkpoints, reached the ends)
     * and then until two checkpoints begun after that have completed: by then every watermark the input raises has
     * passed, and what it decided is committed.
     */
    static void awaitDone(LocalFlinkCluster cluster, ForkedBroker broker, String job, KafkaTopics topics,
            String group) throws Exception {
        awaitConsumed(broker, job, topics, group);
        long after = System.currentTimeMillis() + 2000;
        int[] seen = {0};
        long[] lastTrigger = {0};
        LocalFlinkCluster.await(Duration.ofMinutes(2), "two checkpoints of job " + job + " after the input ended",
                () -> {
                    var latest = cluster.get("/jobs/" + job + "/checkpoints").path("latest").path("completed");
                    long trigger = latest.path("trigger_timestamp").asLong(0);
                    if (trigger > after && trigger != lastTrigger[0]) {
                        lastTrigger[0] = trigger;
                        seen[0]++;
                    }
                    return seen[0] >= 2;
                });
    }

    /** Waits until the job's offsets, committed on checkpoints, have reached the ends of its input partitions. */
    static void awaitConsumed(ForkedBroker broker, String job, KafkaTopics topics, String group) throws Exception {
        LocalFlinkCluster.await(Duration.ofMinutes(4), "job " + job + " took every input message",
                () -> consumedAll(broker, topics, group));
    }

    private static boolean consumedAll(ForkedBroker broker, KafkaTopics topics, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> ask = new HashMap<>();
            for (String t : topics.inputs().stream().distinct().toList()) {
                for (int p = 0; p < 2; p++) {
                    ask.put(new TopicPartition(t, p), OffsetSpec.latest());
                }
            }
            var ends = admin.listOffsets(ask, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                    .get(30, TimeUnit.SECONDS);
            for (var e : ends.entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                if (e.getValue().offset() > (c == null ? 0 : c.offset())) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * The committed alerts (read_committed) as written, in a stable order, without the fields that do not depend
     * on the input alone: emittedAt is the clock, and references, referenceTimes and inhibited say which related
     * alerts of the subject were open when the lifecycle decided this one. A breach reaches the lifecycle on two
     * paths, the immediate one at once and the ordered one when the watermark passes, and which of the two comes
     * first is a race in any run (KafkaPipelineTest does not compare incident ids for the same reason).
     */
    static List<String> alerts(ForkedBroker broker, KafkaTopics topics) throws Exception {
        List<String> out = new ArrayList<>();
        for (var r : Topics.readAll(broker.bootstrap(), topics.get(KafkaTopics.ALERTS))) {
            ObjectNode n = (ObjectNode) JSON.readTree(r.value());
            n.remove(List.of(NOT_FROM_INPUT));
            out.add(n.toString());
        }
        return out.stream().sorted().collect(Collectors.toList());
    }

    /** The committed alerts key by key, each key's in the order written, without {@link #NOT_FROM_INPUT}. */
    static Map<String, List<String>> alertsByKey(ForkedBroker broker, KafkaTopics topics) {
        return Topics.byKey(Topics.readAll(broker.bootstrap(), topics.get(KafkaTopics.ALERTS)), NOT_FROM_INPUT);
    }
}
