package jilin.ew.gas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import jilin.ew.schema.Alert;
import jilin.ew.schema.Level;
import jilin.ew.sim.GasSimulator;
import jilin.ew.sim.ScenarioLabel;
import jilin.ew.testing.Pipeline;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A replayed 6-hour gas network and hazard report simulation: every label found, nothing else raised. */
class GasReplayTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static List<String> lines(GasSimulator sim) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = sim.lines(); it.hasNext(); ) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void everyScenarioIsDetectedAndTheBaselineIsQuiet() throws Exception {
        GasSimulator sim = new GasSimulator(GasSimulator.Config.defaults());
        List<ScenarioLabel> labels = sim.labels();
        assertEquals(6, labels.size(), labels.toString());
        Pipeline p = Pipeline.run(lines(sim));
        Set<String> explained = new HashSet<>();
        for (ScenarioLabel l : labels) {
            long from = l.startInstant().toEpochMilli();
            long to = l.endInstant().toEpochMilli() + Duration.ofMinutes(10).toMillis();
            if (Boolean.TRUE.equals(l.expectNoAlert())) {
                for (Alert a : p.alerts) {
                    assertTrue(!l.sensorIds().contains(a.subjectId), l.scenarioId() + " must raise nothing: " + a
                            + "\n" + p.summary());
                }
                continue;
            }
            explained.addAll(l.sensorIds());
            Level min = Level.valueOf(l.minLevel());
            boolean found = p.alerts.stream().anyMatch(a -> a.ruleId.equals(l.ruleId())
                    && a.subjectId.equals(l.subjectId()) && a.level.atLeast(min)
                    && a.firstEventTs <= to && a.lastEventTs >= from);
            assertTrue(found, l + " not detected at " + min + " or above\n" + p.summary());
        }
        for (Alert a : p.alerts) {
            assertTrue(explained.contains(a.subjectId), "alert outside every scenario: " + a + "\n" + p.summary());
        }
        assertTrue(p.deadLetters.isEmpty(), p.summary());
    }

    @Test
    void cleanBaselineRaisesNothing() throws Exception {
        GasSimulator sim = new GasSimulator(GasSimulator.Config.defaults().withSeed(7)
                .withDuration(Duration.ofHours(2)).withScenarios(false));
        Pipeline p = Pipeline.run(lines(sim));
        assertTrue(p.alerts.isEmpty(), p.summary());
        assertTrue(p.deadLetters.isEmpty(), p.summary());
    }
}
