package jilin.ew.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jilin.ew.mine.rule.Ch4Alarm;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar on a real session cluster (bin/flink-local: a JobManager and two TaskManagers, each its own JVM)
 * and a real broker, submitted through the REST API as a user would. A TaskManager running the job is killed
 * with SIGKILL while readings flow; the job restarts on the other TaskManager's slots from its last checkpoint,
 * and the committed alerts are those of the same recording run without the failure: none lost, none twice.
 */
class ClusterFailoverIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTaskManagerKilledMidStreamLosesAndRepeatsNoAlert() throws Exception {
        Path jar = ClusterRuns.jar();
        assertTrue(Files.isRegularFile(jar), "the shaded jar (built by `package`, before this test): " + jar);
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-it");
        List<String> all = KafkaPipelineTest.recording(80);
        int half = all.size() / 2;

        try (ForkedBroker broker = ForkedBroker.start(work.resolve("kafka"));
                LocalFlinkCluster cluster = LocalFlinkCluster.start(work.resolve("flink"))) {
            String jarId = cluster.upload(jar);

            // the reference: the same recording, fed the same way, with no failure
            KafkaTopics clean = ClusterRuns.topics(broker, "clean.");
            String cleanJob = ClusterRuns.submit(cluster, jarId, broker, clean, "clean");
            feed(broker, clean, all.subList(0, half), all.subList(half, all.size()), () -> { });
            ClusterRuns.awaitDone(cluster, broker, cleanJob, clean, "clean");
            List<String> expected = ClusterRuns.alerts(broker, clean);
            Map<String, Integer> expectedDead = Topics.deadLetterReasons(broker.bootstrap(),
                    clean.get(KafkaTopics.DEAD_LETTERS));
            checkMetrics(cluster.scrape(), cleanJob, expected, expectedDead);
            cluster.cancel(cleanJob); // its slots back: after the kill only the other TaskManager's two remain

            KafkaTopics failing = ClusterRuns.topics(broker, "failing.");
            String failingJob = ClusterRuns.submit(cluster, jarId, broker, failing, "failing");
            List<String> running = cluster.taskManagersOf(failingJob);
            assertFalse(running.isEmpty(), "the job's tasks run on a TaskManager");
            String victim = running.get(0);
            ProcessHandle tm = cluster.process(victim).orElseThrow(() -> new AssertionError(victim + " not running"));
            feed(broker, failing, all.subList(0, half), all.subList(half, all.size()), () -> {
                assertTrue(tm.destroyForcibly(), "SIGKILL sent to " + victim);
                tm.onExit().get(30, TimeUnit.SECONDS);
            });
            ClusterRuns.awaitDone(cluster, broker, failingJob, failing, "failing");
            List<String> got = ClusterRuns.alerts(broker, failing);

            assertFalse(tm.isAlive(), victim + " was killed");
            assertTrue(cluster.get("/jobs/" + failingJob + "/checkpoints").path("counts").path("restored").asInt() >= 1,
                    "the job restarted from a checkpoint after losing " + victim);
            assertFalse(cluster.taskManagersOf(failingJob).contains(victim), "the job runs on the other TaskManager");
            assertTrue(expected.stream().anyMatch(a -> a.contains(Ch4Alarm.ID)), expected.toString());
            // every alert as written, but for when it was written and how it relates to the others: none lost,
            // none twice, none changed
            assertEquals(String.join("\n", expected), String.join("\n", got));
            assertEquals(expectedDead, Topics.deadLetterReasons(broker.bootstrap(),
                    failing.get(KafkaTopics.DEAD_LETTERS)));
        }
    }

    private static final Pattern SAMPLE = Pattern.compile("^(flink_taskmanager_job_task_operator_ew_\\w+)\\{(.*)\\} (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /**
     * The job's own series on the TaskManagers' Prometheus pages match what the undisturbed run committed: alerts
     * by level and domain, dead letters by reason, one latency sample per alert, the rule-set version in force.
     */
    private static void checkMetrics(String page, String job, List<String> alerts, Map<String, Integer> dead)
            throws Exception {
        Map<String, Double> alertSeries = new TreeMap<>();
        Map<String, Integer> deadSeries = new TreeMap<>();
        double latencyCount = 0;
        List<String> ruleSets = new ArrayList<>();
        for (String line : page.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            Map<String, String> labels = new HashMap<>();
            Matcher l = LABEL.matcher(m.group(2));
            while (l.find()) {
                labels.put(l.group(1), l.group(2));
            }
            if (!job.equals(labels.get("job_id"))) {
                continue;
            }
            String name = m.group(1);
            double value = Double.parseDouble(m.group(3));
            assertFalse(labels.containsKey("sensorId") || labels.containsKey("subjectId"), line);
            if (name.endsWith("_alerts") && labels.containsKey("level")) {
                alertSeries.merge(labels.get("level") + "/" + labels.get("domain"), value, Double::sum);
            } else if (name.endsWith("_deadLetters") && labels.containsKey("reason")) {
                deadSeries.merge(labels.get("reason"), (int) value, Integer::sum);
            } else if (name.endsWith("_alertLatencyMs_count")) {
                latencyCount += value;
            } else if (name.endsWith("_ruleSet") && value == 1.0) {
                ruleSets.add(labels.get("ruleSetVersion"));
            }
        }
        Map<String, Double> want = new TreeMap<>();
        String version = null;
        for (String a : alerts) {
            var n = JSON.readTree(a);
            want.merge(n.path("level").asText() + "/" + n.path("domain").asText(), 1.0, Double::sum);
            version = n.path("ruleSetVersion").asText();
        }
        String context = "the job's series on /metrics:\n" + page.lines().filter(x -> x.contains("_ew_")
                && x.contains(job)).collect(Collectors.joining("\n"));
        assertEquals(want, alertSeries, context);
        Map<String, Integer> wantDead = new TreeMap<>();
        dead.forEach((reason, n) -> wantDead.merge(prometheus(reason), n, Integer::sum));
        assertEquals(wantDead, deadSeries, context);
        assertEquals(alerts.size(), (int) latencyCount, context);
        assertTrue(ruleSets.contains(prometheus(version)), "rule set " + version + " in force; " + context);
    }

    /** A label value as Flink's Prometheus reporter writes it: '-' and '.' become '_'. */
    private static String prometheus(String value) {
        return value.replaceAll("[^a-zA-Z0-9_:]", "_");
    }

    /** The escalating sensor (and the broken messages) to partition 0, the calm and stream-defined ones to 1. */
    private static void produce(ForkedBroker broker, KafkaTopics topics, List<String> messages) {
        String in = topics.get(KafkaTopics.MINE_READINGS);
        Topics.produceTo(broker.bootstrap(), in, 0, messages.stream()
                .filter(m -> !m.contains(KafkaPipelineTest.CALM) && !m.contains(KafkaPipelineTest.STREAM_DEFINED))
                .toList());
        Topics.produceTo(broker.bootstrap(), in, 1, messages.stream()
                .filter(m -> m.contains(KafkaPipelineTest.CALM) || m.contains(KafkaPipelineTest.STREAM_DEFINED))
                .toList());
    }

    /** What the failure has to do (kill a TaskManager), run while the second half of the readings flows. */
    interface Failure {
        void inject() throws Exception;
    }

    /**
     * The first half, then (once its first alert is committed) the second half in slices; the failure is injected
     * after the first slice, so readings are still being produced while the job is down and when it comes back.
     */
    private static void feed(ForkedBroker broker, KafkaTopics topics, List<String> first, List<String> second,
            Failure failure) throws Exception {
        produce(broker, topics, first);
        List<?> firstAlerts = Topics.awaitAlerts(broker.bootstrap(), topics.get(KafkaTopics.ALERTS),
                Duration.ofMinutes(2), l -> l.stream().anyMatch(a -> a.ruleId.equals(Ch4Alarm.ID)));
        assertFalse(firstAlerts.isEmpty(), "an alert from the first half is committed");
        int slices = 6;
        int size = (second.size() + slices - 1) / slices;
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < second.size(); i += size) {
                produce(broker, topics, second.subList(i, Math.min(second.size(), i + size)));
                try {
                    // the readings keep coming while the TaskManager dies and the job restarts
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        failure.inject();
        producing.get(2, TimeUnit.MINUTES);
    }
}
