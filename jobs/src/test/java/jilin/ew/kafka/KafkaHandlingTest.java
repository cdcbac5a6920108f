package jilin.ew.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import jilin.ew.job.EarlyWarningJob;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSets;
import jilin.ew.schema.Alert;
import jilin.ew.schema.Level;
import jilin.ew.testing.Msg;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Handling on a real Kafka broker (forked, 127.0.0.1), live (processing time): an acknowledgement on the commands
 * topic, two methane alarms (single-reading alerts: live, a pattern's outcome depends on how partitions interleave),
 * and a failure injected as an escalation goes out (before its transaction commits). After the restart from the last checkpoint, read as a user would (read_committed): the acknowledged
 * incident is never escalated, the other exactly maxTimes times, each escalation and each handling version once.
 */
class KafkaHandlingTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static ForkedBroker broker;
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ACKED = "LY001-WF1-T1";
    static final String IGNORED = "LY003-WF1-T1";

    @BeforeAll
    static void startBroker() throws Exception {
        broker = ForkedBroker.startInTarget();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        ForkedBroker.stop(broker);
    }

    /**
     * Fails the job once, as an escalation message passes on its way to the sinks, once a checkpoint has completed
     * (the job then restarts from it, as in production; before any, a restart would start from nothing).
     */
    static final class FailOnEscalation implements MapFunction<Alert, Alert>, CheckpointListener {
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean FAILED = new AtomicBoolean();
        private transient boolean checkpointed;

        @Override
        public Alert map(Alert a) {
            if (a.escalation != null && checkpointed && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure at escalation " + a.alertId);
            }
            return a;
        }

        @Override
        public void notifyCheckpointComplete(long id) {
            checkpointed = true;
        }
    }

    private static String incident(String sensor) {
        // the alarm's incident starts with the first reading at alarm (100 s)
        return "MINE_CH4_ALARM:" + sensor + "/" + Msg.epochMs(100);
    }

    @Test
    void aFailureAsAnEscalationGoesOutLosesNoAcknowledgementAndDoublesNoEscalation() throws Exception {
        // the escalations come every 2 s: one of them comes after the first checkpoint (every 200 ms)
        KafkaTopics topics = Topics.createAll(broker.bootstrap(), "hd.", 2);
        List<String> acked = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (long t = 0; t <= 2400; t += 25) {
            double v = (t >= 100 ? 1.1 : 0.30) + (t / 25 % 3) * 0.01; // alarm, never power cut; not stuck
            acked.add(Msg.reading(ACKED, t, v));
            others.add(Msg.reading(IGNORED, t, v));
            others.add(Msg.reading("LY001-WF1-T0", t, 0.30 + (t / 25 % 4) * 0.01));
        }
        // each partition spans the recording's time, so both move event time on
        Topics.produceTo(broker.bootstrap(), topics.get(KafkaTopics.MINE_READINGS), 0, acked);
        Topics.produceTo(broker.bootstrap(), topics.get(KafkaTopics.MINE_READINGS), 1, others);
        String ack = "{\"type\":\"alert.command\",\"ts\":\"" + Msg.ts(300) + "\",\"commandId\":\"c-1\","
                + "\"action\":\"ACKNOWLEDGE\",\"actor\":\"duty.officer\",\"incidentId\":\"" + incident(ACKED) + "\"}";
        // at least once on the board's side: the same command twice
        Topics.produceTo(broker.bootstrap(), topics.get(KafkaTopics.COMMANDS), 0, List.of(ack, ack));

        // live, a YELLOW escalates every 2 s (processing time); the acknowledgement may come before its incident: it
        // waits for it
        RuleSet rules = RuleSets.defaults().edit().version("fast-escalation")
                .escalation(Level.YELLOW, 2, 2, 3, "province").commandWaitSec(600).build();
        JobSettings settings = new JobSettings().withRules(rules).withIdleness(Duration.ofSeconds(1));
        KafkaJob job = new KafkaJob(broker.bootstrap()).withTopics(topics).withGroupId("hd").withTransactionalIdPrefix("hd")
                .withSettings(settings).withHandling(true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        KafkaJob.exactlyOnce(env, Duration.ofMillis(200));
        FailOnEscalation.FAILED.set(false);
        EarlyWarningJob.JobOutputs out = EarlyWarningJob.buildWithRawRules(job.source(env), job.rulesSource(env),
                job.commandsSource(env), job.settings());
        job.sinks(out.mapAlerts(a -> a.map(new FailOnEscalation()).name("fail once").uid("fail-once")));
        JobClient client = env.executeAsync("kafka handling");
        List<Alert> seen;
        try {
            Topics.awaitAlerts(broker.bootstrap(), topics.get(KafkaTopics.ALERTS), Duration.ofSeconds(120),
                    l -> escalations(l, IGNORED).size() >= 3);
            Thread.sleep(4000); // a doubled escalation would have had time to show
            seen = Topics.alerts(Topics.readAll(broker.bootstrap(), topics.get(KafkaTopics.ALERTS)));
        } finally {
            client.cancel().get();
        }
        List<Alert> alerts = seen;
        assertTrue(FailOnEscalation.FAILED.get(), () -> "the failure was injected; alerts: "
                + alerts.stream().map(a -> a.alertId + " " + a.status + (a.inhibited ? " inhibited" : ""))
                .collect(Collectors.toList()) + "; handling: " + Topics.readAll(broker.bootstrap(),
                topics.get(KafkaTopics.HANDLING)).stream().map(r -> r.value()).collect(Collectors.toList())
                + "; dead letters: " + Topics.readAll(broker.bootstrap(), topics.get(KafkaTopics.DEAD_LETTERS))
                .stream().map(r -> r.value()).collect(Collectors.toList()));

        assertEquals(List.of(incident(IGNORED) + "/esc-1", incident(IGNORED) + "/esc-2",
                incident(IGNORED) + "/esc-3"), escalations(alerts, IGNORED), "each escalation once");
        assertEquals(List.of(), escalations(alerts, ACKED), "the acknowledged incident is never escalated");
        assertTrue(alerts.stream().anyMatch(a -> a.alertId.startsWith(incident(ACKED) + "/")), () -> "its alert is "
                + "there: " + alerts.stream().map(a -> a.alertId + " " + a.status).collect(Collectors.toList()));

        List<JsonNode> handling = new ArrayList<>();
        for (var r : Topics.readAll(broker.bootstrap(), topics.get(KafkaTopics.HANDLING))) {
            handling.add(JSON.readTree(r.value()));
        }
        List<String> ackedStates = handling.stream().filter(h -> h.get("incidentId").asText().equals(incident(ACKED)))
                .map(h -> h.get("version").asInt() + " " + h.get("state").asText() + " "
                        + h.path("acknowledgedBy").asText() + " " + h.path("lastCommandId").asText())
                .collect(Collectors.toList());
        assertEquals(List.of("1 ACKNOWLEDGED duty.officer c-1"), ackedStates, "acknowledged once, not lost");
        List<String> ignoredStates = handling.stream()
                .filter(h -> h.get("incidentId").asText().equals(incident(IGNORED)))
                .map(h -> h.get("version").asInt() + " " + h.get("lastAction").asText() + " "
                        + h.get("escalations").asInt())
                .collect(Collectors.toList());
        assertEquals(List.of("1 ESCALATE 1", "2 ESCALATE 2", "3 ESCALATE 3"), ignoredStates);
    }

    private static List<String> escalations(List<Alert> alerts, String sensor) {
        return alerts.stream().filter(a -> a.alertId.startsWith(incident(sensor) + "/esc-")).map(a -> a.alertId)
                .collect(Collectors.toList());
    }

}
