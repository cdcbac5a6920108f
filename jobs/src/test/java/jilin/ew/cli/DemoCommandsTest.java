package jilin.ew.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import jilin.ew.job.JobOutput;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Command;
import jilin.ew.schema.Handling;
import jilin.ew.schema.Level;
import jilin.ew.sim.SimDomain;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The demo's board acting on alerts: a command given while the demo runs reaches the embedded job between the
 * simulated messages, in simulated time; the job answers with handling, and the acknowledged RED escalates no more
 * while the others do.
 */
class DemoCommandsTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

    @Test
    void anAcknowledgementOnTheDemosBoardReachesTheJobInSimulatedTimeAndEndsTheEscalations() throws Exception {
        SimulatedSource.Spec spec = new SimulatedSource.Spec();
        spec.domains = EnumSet.of(SimDomain.MINE);
        spec.seed = 7;
        spec.durationSec = 3 * 3600;
        String inbox = DemoCommands.open();
        spec.commandInbox = inbox;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        List<Alert> alerts = new ArrayList<>();
        List<Handling> handling = new ArrayList<>();
        String acked = null;
        try (CloseableIterator<JobOutput> it = DemoCommand.withProbes(SimulatedSource.of(env, spec, 20_000),
                new JobSettings(), null)) {
            while (it.hasNext()) {
                JobOutput o = it.next();
                if (o.handling != null) {
                    handling.add(o.handling);
                }
                if (o.alert == null) {
                    continue;
                }
                alerts.add(o.alert);
                if (acked == null && o.alert.level == Level.RED && o.alert.status == AlertStatus.NEW) {
                    acked = Command.incidentOf(o.alert.alertId);
                    Command c = new Command();
                    c.commandId = "ack-1";
                    c.action = Command.Action.ACKNOWLEDGE;
                    c.actor = "duty";
                    c.incidentId = acked;
                    c.ts = System.currentTimeMillis(); // the board's clock: the source restamps it
                    assertTrue(DemoCommands.offer(inbox, c));
                }
            }
        } finally {
            DemoCommands.close(inbox);
        }
        assertNotNull(acked, "the mine scenarios raise a RED");
        String id = acked;
        Handling h = handling.stream().filter(x -> x.incidentId.equals(id)).reduce((a, b) -> b).orElseThrow();
        assertEquals(Handling.State.ACKNOWLEDGED, h.state);
        assertEquals("duty", h.acknowledgedBy);
        long first = alerts.stream().filter(a -> a.alertId.startsWith(id + "/")).mapToLong(a -> a.firstEventTs).min()
                .orElseThrow();
        assertTrue(h.acknowledgedAt >= first && h.acknowledgedAt < first + spec.durationSec * 1000,
                "acknowledged in simulated time, not the board's clock: " + h.acknowledgedAt);
        for (Alert a : alerts) {
            if (a.escalation != null && Command.incidentOf(a.alertId).equals(id)) {
                long at = a.referenceTimes.get(0) + a.escalation.unacknowledgedSec * 1000; // NEW + the wait
                assertTrue(at <= h.acknowledgedAt, "no escalation after the acknowledgement: " + a.alertId);
            }
        }
        assertFalse(alerts.stream().noneMatch(a -> a.escalation != null && !Command.incidentOf(a.alertId).equals(id)),
                "the REDs nobody acknowledged escalate");
    }
}
