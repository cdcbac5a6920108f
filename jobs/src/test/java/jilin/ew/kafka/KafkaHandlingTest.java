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
 * topic, two RED incidents, and a failure injected as the first escalation goes out (before its transaction
 * commits). After the restart from the last checkpoint, read as a user would (read_committed): the acknowledged
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

    /** Fails the job once, as the first escalation message passes on its way to the sinks. */
    static final class FailOnFirstEscalation implements MapFunction<Alert, Alert> {
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean FAILED = new AtomicBoolean();

        @Override
        public Alert map(Alert a) {
            if (a.escalation != null && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure at escalation " + a.alertId);
            }
            return a;
        }
    }

    private static String incident(String sensor) {
        // the methane escalation's incident starts with the first reading at alarm (100 s)
        return "MINE_CH4_ESCALATION:" + sensor + "/" + Msg.epochMs(100);
    }

    @Test
    void aFailureAsAnEscalationGoesOutLosesNoAcknowledgementAndDoublesNoEscalation() throws Exception {
        KafkaTopics topics = Topics.createAll(broker.bootstrap(), "hd.", 2);
        List<String> acked = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (long t = 0; t <= 2400; t += 25) {
            double v = t >= 200 ? 1.6 : t >= 100 ? 1.1 : 0.30;
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

        // live, escalations every 2 s (processing time); the acknowledgement may come before its incident: it waits
        RuleSet rules = RuleSets.defaults().edit().version("fast-escalation")
                .escalation(Level.RED, 2, 2, 3, "province").commandWaitSec(600).build();
        JobSettings settings = new JobSettings().withRules(rules).withIdleness(Duration.ofSeconds(1));
        KafkaJob job = new KafkaJob(broker.bootstrap()).withTopics(topics).withGroupId("hd").withTransactionalIdPrefix("hd")
                .withSettings(settings).withHandling(true);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        KafkaJob.exactlyOnce(env, Duration.ofMillis(200));
        FailOnFirstEscalation.FAILED.set(false);
        EarlyWarningJob.JobOutputs out = EarlyWarningJob.buildWithRawRules(job.source(env), job.rulesSource(env),
                job.commandsSource(env), job.settings());
        job.sinks(out.mapAlerts(a -> a.map(new FailOnFirstEscalation()).name("fail once").uid("fail-once")));
        JobClient client = env.executeAsync("kafka handling");
        List<Alert> alerts;
        try {
            alerts = Topics.awaitAlerts(broker.bootstrap(), topics.get(KafkaTopics.ALERTS), Duration.ofSeconds(120),
                    l -> escalations(l, IGNORED).size() >= 3);
            Thread.sleep(4000); // a doubled escalation would have had time to show
            alerts = Topics.alerts(Topics.readAll(broker.bootstrap(), topics.get(KafkaTopics.ALERTS)));
        } finally {
            client.cancel().get();
        }
        assertTrue(FailOnFirstEscalation.FAILED.get(), "the failure was injected");

        assertEquals(List.of(incident(IGNORED) + "/esc-1", incident(IGNORED) + "/esc-2",
                incident(IGNORED) + "/esc-3"), escalations(alerts, IGNORED), "each escalation once");
        assertEquals(List.of(), escalations(alerts, ACKED), "the acknowledged incident is never escalated");
        assertTrue(alerts.stream().anyMatch(a -> a.alertId.startsWith(incident(ACKED) + "/")), "its alert is there");

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
