package jilin.ew.vehicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jilin.ew.schema.Alert;
import jilin.ew.schema.Level;
import jilin.ew.sim.Scenario;
import jilin.ew.sim.ScenarioLabel;
import jilin.ew.sim.SimDomain;
import jilin.ew.sim.VehicleSimConfig;
import jilin.ew.sim.VehicleSimulator;
import jilin.ew.testing.Pipeline;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A replayed 6-hour simulation of the key vehicles: every label found at its level; the baseline raises nothing. */
class VehicleReplayTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** How long after a scenario's last position its alert may come (fatigue fires inside, the rest at once). */
    private static final long AFTER_MS = 5 * 60_000;

    @Test
    void everyScenarioIsDetectedAndTheBaselineIsQuiet() throws Exception {
        VehicleSimulator sim = new VehicleSimulator(VehicleSimConfig.builder().build());
        assertEquals(Scenario.of(SimDomain.VEHICLE).size(), sim.labels().size(), "a label for every scenario");
        List<String> messages = new ArrayList<>();
        sim.lines().forEachRemaining(messages::add);
        Pipeline p = Pipeline.run(messages);
        assertEquals(0, p.deadLetters.size(), p.summary());

        Map<String, ScenarioLabel> byVehicle = new HashMap<>();
        for (ScenarioLabel l : sim.labels()) {
            byVehicle.put(l.subjectId(), l);
            long from = l.startInstant().toEpochMilli();
            long to = l.endInstant().toEpochMilli() + AFTER_MS;
            List<Alert> mine = p.alerts.stream().filter(a -> a.subjectId.equals(l.subjectId())
                    && a.lastEventTs >= from && a.firstEventTs <= to).toList();
            if (Boolean.TRUE.equals(l.expectNoAlert())) {
                assertTrue(mine.isEmpty(), l + " must raise nothing: " + mine);
                continue;
            }
            Level min = Level.valueOf(l.minLevel());
            assertTrue(mine.stream().anyMatch(a -> a.ruleId.equals(l.ruleId()) && a.level.compareTo(min) >= 0),
                    l + " not detected at " + min + " or above\n" + p.summary());
        }
        for (Alert a : p.alerts) {
            ScenarioLabel l = byVehicle.get(a.subjectId);
            assertTrue(l != null, "the baseline raised " + a + "\n" + a.detail);
            // a scenario vehicle's alerts belong to its scenario (e.g. a runaway is also section speeding)
            assertTrue(a.firstEventTs >= l.startInstant().toEpochMilli() - 60_000
                    && a.firstEventTs <= l.endInstant().toEpochMilli() + AFTER_MS, "outside " + l + ": " + a
                    + "\n" + a.detail);
        }
    }
}
