package jilin.ew.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jilin.ew.job.OutputOrder;
import jilin.ew.schema.Alert;
import jilin.ew.sim.MineSimConfig;
import jilin.ew.sim.MineSimulator;
import jilin.ew.testing.AlertLines;
import jilin.ew.testing.Pipeline;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Input shuffled within the out-of-orderness bound (30 s) gives the same alerts as the same input in order: the
 * same keys, each with the same sequence of messages (status, level, inhibited), the same counts, and every
 * message the same in full (ids, times, evidence, modifiers, references), {@code emittedAt} aside.
 */
class MineOutOfOrderTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static List<String> lines(Duration jitter) {
        MineSimulator sim = new MineSimulator(MineSimConfig.builder().seed(7).duration(Duration.ofHours(6))
                .mineCount(10).jitter(jitter).build());
        List<String> out = new ArrayList<>();
        sim.lines().forEachRemaining(out::add);
        return out;
    }

    /** Per alert key, its messages in order as "STATUS LEVEL" (plus "inhibited" when not notified). */
    private static Map<String, List<String>> sequences(List<Alert> alerts) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Alert a : OutputOrder.alerts(alerts)) {
            out.computeIfAbsent(a.key, k -> new ArrayList<>())
                    .add(a.status + " " + a.level + (a.inhibited ? " inhibited" : ""));
        }
        return out;
    }

    @Test
    void shuffledWithinTheBoundGivesTheSameAlerts() throws Exception {
        List<String> inOrder = lines(Duration.ZERO);
        List<String> shuffled = lines(Duration.ofSeconds(20));
        assertFalse(inOrder.equals(shuffled), "the jittered recording is really out of order");
        Pipeline a = Pipeline.run(inOrder);
        Pipeline b = Pipeline.run(shuffled);
        assertTrue(a.alerts.size() > 20, a.summary());
        assertTrue(a.alerts.stream().anyMatch(x -> x.inhibited), "the run has inhibited alerts: " + a.summary());
        String both = "in order:\n" + a.summary() + "\nshuffled:\n" + b.summary();
        assertEquals(sequences(a.alerts), sequences(b.alerts), both);
        assertEquals(a.alerts.size(), b.alerts.size(), both);
        assertEquals(counts(a.alerts), counts(b.alerts));
        assertEquals(AlertLines.of(a.alerts), AlertLines.of(b.alerts), "every message in full");
        assertEquals(a.deadLetters.size(), b.deadLetters.size());
    }

    private static Map<String, Long> counts(List<Alert> alerts) {
        return alerts.stream().collect(Collectors.groupingBy(x -> x.ruleId + " " + x.status + " " + x.level,
                TreeMap::new, Collectors.counting()));
    }
}
