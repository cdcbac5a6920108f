package jilin.ew.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jilin.ew.sim.MineSimConfig;
import jilin.ew.sim.MineSimulator;
import jilin.ew.testing.Pipeline;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Input shuffled within the out-of-orderness bound (30 s) gives the same alerts as the same input in order. */
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

    @Test
    void shuffledWithinTheBoundGivesTheSameAlerts() throws Exception {
        List<String> inOrder = lines(Duration.ZERO);
        List<String> shuffled = lines(Duration.ofSeconds(20));
        assertFalse(inOrder.equals(shuffled), "the jittered recording is really out of order");
        Pipeline a = Pipeline.run(inOrder);
        Pipeline b = Pipeline.run(shuffled);
        assertFalse(a.alerts.isEmpty());
        // every key's first incident and the highest level it reached (see Incidents for why not every later one)
        assertEquals(jilin.ew.testing.Incidents.first(a.alerts), jilin.ew.testing.Incidents.first(b.alerts),
                "in order:\n" + a.summary() + "\nshuffled:\n" + b.summary());
        assertEquals(a.deadLetters.size(), b.deadLetters.size());
    }
}
