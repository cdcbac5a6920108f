package jilin.ew.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import jilin.ew.testing.Msg;
import jilin.ew.testing.Pipeline;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import jilin.ew.mine.rule.Ch4Escalation;

class SmokeTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void escalation() throws Exception {
        List<String> m = new ArrayList<>();
        double[] v = {0.3, 0.4, 0.6, 0.8, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.7, 1.7};
        for (int i = 0; i < 60; i++) {
            double x = i < v.length ? v[i] : 0.3 + (i % 3) * 0.01;
            m.add(Msg.reading("LY001-WF1-T1", i * 25L, x));
            m.add(Msg.reading("LY001-WF1-T0", i * 25L, 0.3 + (i % 4) * 0.01));
        }
        Pipeline p = Pipeline.run(m);
        System.out.println(p.summary());
        assertEquals(1, p.opened(Ch4Escalation.ID).size(), p.summary());
    }
}
