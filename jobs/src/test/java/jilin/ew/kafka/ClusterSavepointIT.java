package jilin.ew.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import jilin.ew.mine.rule.Ch4Alarm;
import jilin.ew.mine.rule.Ch4RapidRise;
import jilin.ew.mine.rule.SensorSilent;
import jilin.ew.mine.rule.SensorStuck;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.testing.Msg;
import org.junit.jupiter.api.Test;

/**
 * An upgrade on a real session cluster (bin/flink-local) and a real broker: the job is stopped with a savepoint
 * through the REST API while alerts are open and sensor state is half-way through what it detects, the next build
 * of the jar is started from that savepoint (allowNonRestoredState false), and the committed alerts are, key by key,
 * those of the same input run without a stop. Once at the same parallelism (2), once rescaling from 1 to 2.
 */
class ClusterSavepointIT {
    /** Seed sensors of mine LY001 (seeds/data/mine-sensors.json) and one defined on the stream. */
    static final String WF1_CALM = "LY001-WF1-T0";
    static final String WF1_ALARM = "LY001-WF1-T1";
    static final String WF1_STUCK = "LY001-WF1-T2";
    static final String WF2_SILENT = "LY001-WF2-T0";
    static final String WF2_RISING = "LY001-WF2-T1";
    static final String STREAM_DEFINED = "LY001-WF1-X9";
    /** Readings every 25 s (the polling cycle) for POLLS cycles; the job is stopped after STOP_AFTER of them. */
    static final int POLLS = 140;
    static final int STOP_AFTER = 70;

    @Test
    void theNextBuildStartsFromASavepointAndLosesOrRepeatsNothing() throws Exception {
        Path jar = ClusterRuns.jar();
        assertTrue(Files.isRegularFile(jar), "the shaded jar (built by `package`, before this test): " + jar);
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-savepoint-it");
        Path next = nextBuild(jar, work.resolve("next").resolve(jar.getFileName()));
        List<String> before = recording(1, STOP_AFTER);
        List<String> after = recording(STOP_AFTER + 1, POLLS);
        List<String> all = new ArrayList<>(before);
        all.addAll(after);

        try (ForkedBroker broker = ForkedBroker.start(work.resolve("kafka"));
                LocalFlinkCluster cluster = LocalFlinkCluster.start(work.resolve("flink"))) {
            String jarId = cluster.upload(jar);
            String nextId = cluster.upload(next);

            // the reference: the whole input, one run, no stop
            KafkaTopics ref = ClusterRuns.topics(broker, "ref.");
            String refJob = ClusterRuns.submit(cluster, jarId, broker, ref, "ref");
            produce(broker, ref, all);
            ClusterRuns.awaitDone(cluster, broker, refJob, ref, "ref");
            Map<String, List<String>> expected = ClusterRuns.alertsByKey(broker, ref);
            List<Alert> refAlerts = Topics.alerts(Topics.readAll(broker.bootstrap(), ref.get(KafkaTopics.ALERTS)));
            Map<String, Integer> expectedDead = Topics.deadLetterReasons(broker.bootstrap(),
                    ref.get(KafkaTopics.DEAD_LETTERS));
            cluster.cancel(refJob);
            // what the stop must carry over happens in the reference, and after the stop
            assertTrue(has(refAlerts, Ch4Alarm.ID, WF1_ALARM, AlertStatus.CLEARED), "T1 alarm cleared");
            assertTrue(has(refAlerts, Ch4RapidRise.ID, WF2_RISING, AlertStatus.NEW), "rapid rise");
            assertTrue(has(refAlerts, SensorSilent.ID, WF2_SILENT, AlertStatus.NEW), "silent sensor");
            assertTrue(has(refAlerts, SensorSilent.ID, WF2_SILENT, AlertStatus.CLEARED), "silent ends");
            assertTrue(has(refAlerts, SensorStuck.ID, WF1_STUCK, AlertStatus.NEW), "stuck sensor");
            assertTrue(has(refAlerts, Ch4Alarm.ID, STREAM_DEFINED, AlertStatus.NEW),
                    "the stream-defined sensor's alarm");

            // the same input, stopped with a savepoint after the first part: at parallelism 2 (same), and 1 (rescaled)
            KafkaTopics same = ClusterRuns.topics(broker, "same.");
            KafkaTopics rescaled = ClusterRuns.topics(broker, "rescaled.");
            String sameJob = ClusterRuns.submit(cluster, jarId, broker, same, "same", 2, null);
            String rescaledJob = ClusterRuns.submit(cluster, jarId, broker, rescaled, "rescaled", 1, null);
            produce(broker, same, before);
            produce(broker, rescaled, before);
            ClusterRuns.awaitConsumed(broker, sameJob, same, "same");
            ClusterRuns.awaitConsumed(broker, rescaledJob, rescaled, "rescaled");
            String sameSavepoint = cluster.stopWithSavepoint(sameJob, work.resolve("savepoints"));
            String rescaledSavepoint = cluster.stopWithSavepoint(rescaledJob, work.resolve("savepoints"));
            for (KafkaTopics t : List.of(same, rescaled)) {
                // at the stop: the alarm is open, and nothing the stop has to carry over has been decided yet
                List<Alert> committed = Topics.alerts(Topics.readAll(broker.bootstrap(), t.get(KafkaTopics.ALERTS)));
                String seen = KafkaPipelineTest.board(committed).toString();
                assertTrue(has(committed, Ch4Alarm.ID, WF1_ALARM, AlertStatus.NEW), seen);
                assertFalse(has(committed, Ch4Alarm.ID, WF1_ALARM, AlertStatus.CLEARED), seen);
                assertFalse(committed.stream().anyMatch(a -> a.ruleId.equals(Ch4RapidRise.ID)
                        || a.ruleId.equals(SensorSilent.ID) || a.ruleId.equals(SensorStuck.ID)
                        || a.subjectId.equals(STREAM_DEFINED)), seen);
            }

            LocalFlinkCluster.await(Duration.ofMinutes(1), "the stopped jobs' slots free", () -> cluster.freeSlots() >= 4);
            String sameNext = ClusterRuns.submit(cluster, nextId, broker, same, "same", 2, sameSavepoint);
            String rescaledNext = ClusterRuns.submit(cluster, nextId, broker, rescaled, "rescaled", 2,
                    rescaledSavepoint);
            produce(broker, same, after);
            produce(broker, rescaled, after);
            ClusterRuns.awaitDone(cluster, broker, sameNext, same, "same");
            ClusterRuns.awaitDone(cluster, broker, rescaledNext, rescaled, "rescaled");

            for (String job : List.of(sameNext, rescaledNext)) {
                var restored = cluster.get("/jobs/" + job + "/checkpoints").path("latest").path("restored");
                assertTrue(restored.path("is_savepoint").asBoolean(), "job " + job + " restored " + restored);
            }
            int widest = 0;
            for (var v : cluster.get("/jobs/" + rescaledNext).path("vertices")) {
                widest = Math.max(widest, v.path("parallelism").asInt());
            }
            assertEquals(2, widest, "the rescaled job runs at parallelism 2");
            for (KafkaTopics t : List.of(same, rescaled)) {
                Map<String, List<String>> got = ClusterRuns.alertsByKey(broker, t);
                assertEquals(expected, got, t.get(KafkaTopics.ALERTS) + " vs the run without a stop:"
                        + Topics.diff(expected, got));
                assertEquals(expectedDead, Topics.deadLetterReasons(broker.bootstrap(),
                        t.get(KafkaTopics.DEAD_LETTERS)));
            }
            System.out.printf("ClusterSavepointIT: %d alerts over %d keys, as the run without a stop, at the same"
                    + " parallelism and rescaled 1 -> 2; dead letters %s%n",
                    expected.values().stream().mapToInt(List::size).sum(), expected.size(), expectedDead);
        }
    }

    /**
     * Polls {@code from..to} (each 25 s of event time after Msg.T0), with the definition of the stream-defined sensor
     * first. Around the stop (after poll 70, 1,750 s; the watermark then stands 30 s behind): WF1-T1 is in alarm
     * from poll 61 to 74, so the alarm is open at the stop and clears after it (300 s back to normal); WF2-T1 rises
     * 0.25 % every poll from 69 to 72, a rapid rise half before the stop; WF2-T0 reports last at poll 68, so its
     * silence (75 s) falls due after the stop, and reports again at poll 110; WF1-T2 repeats one value from the
     * first poll to poll 100 while its district varies, stuck after 30 min (poll 73); the stream-defined sensor,
     * known only from the state, alarms at poll 110. Broken messages before and after the stop.
     */
    static List<String> recording(int from, int to) {
        List<String> m = new ArrayList<>();
        if (from == 1) {
            m.add(Msg.sensorDef("LY001", STREAM_DEFINED, "CH4", "WORKING_FACE", "WF1"));
        }
        for (int i = from; i <= to; i++) {
            long t = i * 25L;
            m.add(Msg.reading(WF1_CALM, t, 0.3 + (i % 4) * 0.01));
            m.add(Msg.reading(WF1_ALARM, t, i >= 61 && i <= 74 ? 1.1 : 0.3 + (i % 3) * 0.01));
            m.add(Msg.reading(WF1_STUCK, t, i <= 100 ? 0.42 : 0.4 + (i % 3) * 0.01));
            m.add(Msg.reading(WF2_RISING, t, i >= 69 && i <= 72 ? 0.2 + (i - 69) * 0.25 : 0.2 + (i % 3) * 0.01));
            if (i <= 68 || i >= 110) {
                m.add(Msg.reading(WF2_SILENT, t, 0.3 + (i % 2) * 0.01));
            }
            // varying: a stuck alert open on it when its alarm comes would make the stuck alert's CLEARED text depend
            // on whether the alarm (immediate path) or the clear (ordered path) reaches the lifecycle first
            m.add(Msg.reading(STREAM_DEFINED, t, i == 110 ? 1.2 : 0.25 + (i % 2) * 0.01));
            if (i == 20 || i == 100) {
                m.add("{\"type\":\"mine.reading\",\"ts\":");
                m.add(Msg.reading(WF1_CALM, t, -0.5));
                m.add(Msg.reading("NO-SUCH-SENSOR", t, 0.4));
            }
        }
        return m;
    }

    /**
     * Partition 0: district WF1's seed sensors and the broken messages; partition 1: the stream-defined sensor
     * (after its definition) and district WF2. Both carry readings to the end, each in event-time order.
     */
    private static void produce(ForkedBroker broker, KafkaTopics topics, List<String> messages) {
        String in = topics.get(KafkaTopics.MINE_READINGS);
        Predicate<String> second = m -> m.contains(STREAM_DEFINED) || m.contains("LY001-WF2-");
        Topics.produceTo(broker.bootstrap(), in, 0, messages.stream().filter(second.negate()).toList());
        Topics.produceTo(broker.bootstrap(), in, 1, messages.stream().filter(second).toList());
    }

    private static boolean has(List<Alert> alerts, String rule, String subject, AlertStatus status) {
        return alerts.stream().anyMatch(a -> a.ruleId.equals(rule) && a.subjectId.equals(subject) && a.status == status);
    }

    /**
     * "The next build": a copy of the shaded jar with one more manifest entry, so the cluster runs a jar that differs
     * from the one that took the savepoint, as a rebuilt jar would (same classes and uids: what an upgrade that
     * keeps its state must preserve).
     */
    private static Path nextBuild(Path jar, Path copy) throws Exception {
        Files.createDirectories(copy.getParent());
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + copy.toUri()), Map.of())) {
            Path mf = zip.getPath("META-INF", "MANIFEST.MF");
            Manifest manifest;
            try (var in = Files.newInputStream(mf)) {
                manifest = new Manifest(in);
            }
            manifest.getMainAttributes().put(new Attributes.Name("Jilin-Build"), "next (ClusterSavepointIT)");
            try (var out = Files.newOutputStream(mf)) {
                manifest.write(out);
            }
        }
        return copy;
    }
}
