package jilin.ew.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jilin.ew.schema.Alert;
import jilin.ew.schema.DeadLetter;
import jilin.ew.testing.Msg;
import jilin.ew.testing.Pipeline;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bad input in the middle of a valid stream: each kind is dead-lettered with its own reason (keeping the
 * raw message), the job finishes, and the valid messages give exactly the alerts they give on their own.
 */
class BadInputPipelineTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** A working-face alarm that clears, plus background readings to move event time on. */
    private static List<String> valid() {
        List<String> m = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            m.add(Msg.reading("LY001-WF1-T1", i * 25L, i >= 10 && i < 16 ? 1.2 : 0.3 + (i % 3) * 0.01));
            m.add(Msg.reading("LY001-WF1-T0", i * 25L + 3, 0.35 + (i % 4) * 0.01));
        }
        return m;
    }

    @Test
    void eachKindOfBadInputIsDeadLetteredAndNothingValidIsLost() throws Exception {
        Pipeline clean = Pipeline.run(valid());
        assertEquals(1, clean.opened("MINE_CH4_ALARM").size(), clean.summary());

        List<String> bad = new ArrayList<>();
        bad.add("{\"type\":\"mine.reading\",\"ts\":\"2026-06-10T08:01:00+08:00\",\"sensorId\":\"LY001-WF1-T1\",\"val");
        bad.add("{\"type\":\"mine.reading\",\"ts\":\"2026-06-10T08:01:00+08:00\",\"sensorId\":\"LY001-WF1-T1\","
                + "\"value\":\"high\"}");
        bad.add("{\"type\":\"mine.reading\",\"ts\":\"2026-06-10T08:01:00+08:00\",\"sensorId\":\"LY001-WF1-T1\","
                + "\"value\":NaN}");
        bad.add("{\"type\":\"mine.reading\",\"ts\":\"2026-06-10T08:01:00+08:00\",\"sensorId\":\"LY001-WF1-T1\","
                + "\"value\":Infinity}");
        bad.add("{\"type\":\"mine.reading\",\"ts\":\"2026-06-10T08:01:00+08:00\",\"sensorId\":\"LY001-WF1-T1\","
                + "\"value\":-0.4}");
        bad.add("{\"type\":\"mine.weather\",\"ts\":\"2026-06-10T08:01:00+08:00\",\"sensorId\":\"LY001-WF1-T1\"}");
        bad.add(Msg.reading("NO-SUCH-SENSOR", 100, 2.0));
        bad.add("{\"type\":\"hazard.report\",\"ts\":\"2026-06-10T08:01:00+08:00\",\"reportId\":\"R1\",\"source\":"
                + "\"PUBLIC\",\"subjectId\":\"LY001\",\"severity\":\"GENERAL\",\"text\":\"" + "x".repeat(1 << 20) + "\"}");
        // two days past the recording's own time (not the clock's: the test must not depend on the day it runs)
        bad.add(Msg.reading("LY001-WF1-T1", 100 + 2 * 86_400L, 0.3));
        List<String> mixed = new ArrayList<>(valid());
        // bad messages spread through the valid stream; the duplicate repeats a valid reading exactly
        for (int i = 0; i < bad.size(); i++) {
            mixed.add(10 + i * 9, bad.get(i));
        }
        mixed.add(41, mixed.get(40));

        Pipeline p = Pipeline.run(mixed);

        Map<String, Long> reasons = p.deadLetters.stream()
                .collect(Collectors.groupingBy(d -> d.reason, TreeMap::new, Collectors.counting()));
        assertEquals(Map.of(
                "malformed-json", 1L, "wrong-type", 1L, "non-finite-number", 2L, "out-of-range", 1L,
                "unknown-type", 1L, "unknown-subject", 1L, "too-large", 1L, "ts-too-far-ahead", 1L,
                "duplicate", 1L), reasons, p.summary());
        for (DeadLetter d : p.deadLetters) {
            assertTrue(d.rawLength > 0 && !d.raw.isEmpty() && d.detail != null, "dead letters keep the message: " + d);
        }
        assertEquals(keys(clean.alerts), keys(p.alerts), "valid input gives the same alerts with bad input around it");
    }

    private static List<String> keys(List<Alert> alerts) {
        return alerts.stream().map(a -> a.status + " " + a.level + " " + a.key).sorted().collect(Collectors.toList());
    }
}
