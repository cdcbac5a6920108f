package jilin.ew.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jilin.ew.schema.Alert;
import jilin.ew.sim.MineSimConfig;
import jilin.ew.sim.MineSimulator;
import jilin.ew.sim.ScenarioLabel;
import jilin.ew.testing.Pipeline;
import jilin.ew.testing.Scenarios;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Six simulated hours over ten mines with every scenario injected, replayed through the whole job: every
 * labelled scenario is detected with its rule at or above its level; calibration raises nothing; and the
 * clean baseline of the same run raises no alert at all.
 */
class MineScenarioReplayTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static List<String> lines(MineSimulator sim) {
        List<String> out = new ArrayList<>();
        sim.lines().forEachRemaining(out::add);
        return out;
    }

    private static MineSimConfig.Builder sixHoursTenMines() {
        return MineSimConfig.builder().seed(42).duration(Duration.ofHours(6)).mineCount(10);
    }

    @Test
    void everyLabelledScenarioIsDetectedAndNothingElseAlerts() throws Exception {
        MineSimulator sim = new MineSimulator(sixHoursTenMines().scenarios(true).build());
        assertEquals(8, sim.labels().size(), "the simulator injects all eight scenarios");
        Pipeline p = Pipeline.run(lines(sim));

        for (ScenarioLabel l : sim.labels()) {
            if (Boolean.TRUE.equals(l.expectNoAlert())) {
                for (Alert a : p.alerts) {
                    assertFalse(Scenarios.explains(l, a), l.scenario() + " must raise nothing, got " + a + "\n"
                            + p.summary());
                }
            } else {
                assertFalse(Scenarios.detecting(l, p.alerts).isEmpty(),
                        l.scenarioId() + " " + l.scenario() + ": expected " + l.ruleId() + " >= " + l.minLevel()
                                + " on " + l.subjectId() + "\n" + p.summary());
            }
        }
        for (Alert a : p.alerts) {
            boolean explained = sim.labels().stream()
                    .anyMatch(l -> !Boolean.TRUE.equals(l.expectNoAlert()) && Scenarios.explains(l, a));
            assertTrue(explained, "an alert no scenario explains (a false alarm on the baseline): " + a);
        }
        assertTrue(p.deadLetters.isEmpty(), "simulated input is valid: " + p.deadLetters);
    }

    @Test
    void cleanBaselineRaisesNoAlert() throws Exception {
        MineSimulator sim = new MineSimulator(sixHoursTenMines().scenarios(false).build());
        assertTrue(sim.labels().isEmpty());
        Pipeline p = Pipeline.run(lines(sim));
        assertTrue(p.alerts.isEmpty(), "baseline alerts:\n" + p.summary());
        assertTrue(p.deadLetters.isEmpty(), "simulated input is valid: " + p.deadLetters);
    }
}
