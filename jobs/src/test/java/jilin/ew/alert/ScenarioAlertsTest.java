package jilin.ew.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jilin.ew.JobSettings;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.sim.MineSimConfig;
import jilin.ew.sim.MineSimulator;
import jilin.ew.sim.Scenario;
import jilin.ew.sim.ScenarioLabel;
import jilin.ew.testing.Pipeline;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The foundation's simulated scenarios (6 h, 10 mines, default seed) through the whole job: each scenario is one
 * notified NEW alert of its rule and subject and its later transitions, and no more alerts in total than the
 * scenarios imply. (The single-reading alerts of a scenario's sensors are notified until the pattern alert that
 * absorbs them arrives, so they count toward the total, not toward their scenario's own alert.)
 */
class ScenarioAlertsTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void oneAlertPerScenarioAndItsTransitions() throws Exception {
        MineSimulator sim = new MineSimulator(MineSimConfig.builder().build());
        List<String> messages = new ArrayList<>();
        for (Iterator<String> it = sim.lines(); it.hasNext(); ) {
            messages.add(it.next());
        }
        JobSettings settings = new JobSettings();
        Pipeline p = Pipeline.run(messages, settings);
        List<Alert> notified = p.alerts.stream().filter(a -> !a.inhibited).collect(Collectors.toList());
        long interval = settings.rules.lifecycle.updateIntervalSec * 1000L;
        int scenarios = 0;
        long allowed = 0;
        Set<String> scenarioSubjects = new HashSet<>();
        for (ScenarioLabel l : sim.labels()) {
            if (l.scenario() == Scenario.CALIBRATION) {
                continue;
            }
            scenarios++;
            List<Alert> news = notified.stream().filter(a -> a.status == AlertStatus.NEW
                    && a.ruleId.equals(l.ruleId()) && a.subjectId.equals(l.subjectId())).collect(Collectors.toList());
            assertEquals(1, news.size(), l.scenarioId() + " " + l.ruleId() + " on " + l.subjectId() + "\n" + p.summary());
            Set<String> subjects = new HashSet<>(l.sensorIds());
            subjects.add(l.subjectId());
            scenarioSubjects.addAll(subjects);
            // what a scenario implies: NEW, one ESCALATED, one UPDATED per interval of its span, CLEARED
            long span = l.endInstant().toEpochMilli() - l.startInstant().toEpochMilli();
            long implied = 3 + span / interval + 1;
            allowed += implied;
            long got = notified.stream().filter(a -> a.ruleId.equals(l.ruleId()) && a.subjectId.equals(l.subjectId()))
                    .count();
            assertTrue(got <= implied, l.scenarioId() + ": " + got + " notified messages of its alert, at most "
                    + implied + " implied\n" + p.summary());
        }
        for (Alert a : notified) {
            assertTrue(scenarioSubjects.contains(a.subjectId), "an alert outside every scenario: " + a);
        }
        assertTrue(notified.size() <= allowed, notified.size() + " notified alerts for " + scenarios
                + " scenarios allowing " + allowed);
        System.out.println(scenarios + " scenarios: " + notified.size() + " notified alerts (" + p.alerts.size()
                + " recorded), " + allowed + " allowed");
    }
}
