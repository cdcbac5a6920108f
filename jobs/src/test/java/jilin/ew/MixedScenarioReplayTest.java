package jilin.ew;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jilin.ew.schema.Alert;
import jilin.ew.sim.MixedSimConfig;
import jilin.ew.sim.MixedSimulator;
import jilin.ew.sim.Scenario;
import jilin.ew.sim.ScenarioLabel;
import jilin.ew.sim.SimDomain;
import jilin.ew.testing.Pipeline;
import jilin.ew.testing.Scenarios;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Six simulated hours of ten coal mines, the city gas networks (with hazard reports) and the key vehicles at once,
 * merged in event-time order and replayed through the whole job: every labelled scenario of every domain is
 * detected with its rule at or above its level; the must-stay-quiet scenarios raise nothing; every alert is
 * explained by a scenario (the clean baseline of all three domains raises nothing); no message is dead-lettered.
 */
class MixedScenarioReplayTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void everyScenarioOfEveryDomainIsDetectedAndNothingElseAlerts() throws Exception {
        MixedSimulator sim = new MixedSimulator(MixedSimConfig.builder().seed(42).duration(Duration.ofHours(6))
                .mineCount(10).build());
        List<ScenarioLabel> labels = sim.labels();
        Map<String, Long> byDomain = labels.stream()
                .collect(Collectors.groupingBy(ScenarioLabel::domain, Collectors.counting()));
        assertEquals(Map.of("MINE", (long) Scenario.of(SimDomain.MINE).size(), "GAS_NETWORK", 4L, "REPORT", 2L,
                "VEHICLE", (long) Scenario.of(SimDomain.VEHICLE).size()), byDomain,
                "every scenario of every domain placed");

        List<String> messages = new ArrayList<>();
        sim.lines().forEachRemaining(messages::add);
        Pipeline p = Pipeline.run(messages);

        for (ScenarioLabel l : labels) {
            if (l.quiet()) {
                for (Alert a : p.alerts) {
                    assertFalse(Scenarios.explains(l, a), l.scenarioId() + " " + l.scenario()
                            + " must raise nothing, got " + a + "\n" + p.summary());
                }
            } else {
                assertFalse(Scenarios.detecting(l, p.alerts).isEmpty(), l.scenarioId() + " " + l.scenario()
                        + ": expected " + l.ruleId() + " >= " + l.minLevel() + " on " + l.subjectId() + "\n"
                        + p.summary());
            }
        }
        for (Alert a : p.alerts) {
            assertTrue(labels.stream().anyMatch(l -> !l.quiet() && Scenarios.explains(l, a)),
                    "an alert no scenario explains (a false alarm on the baseline): " + a + "\n" + a.detail);
        }
        assertTrue(p.deadLetters.isEmpty(), "simulated input is valid: " + p.deadLetters);
    }
}
