package jilin.ew.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jilin.ew.mine.MineSensorFunction;
import jilin.ew.rules.Reference;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSets;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.Level;
import jilin.ew.testing.Harnesses;
import jilin.ew.testing.Msg;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link AlertLifecycle} in Flink's keyed operator harness as a replay wires it (EarlyWarningJob: ordered, with the
 * 30 s out-of-orderness bound), fed the detections {@link MineSensorFunction} makes of real readings: detections
 * wait for the watermark under a timer, arrival order does not decide, quiet alerts clear at the hold, and every
 * piece of state (pending detections, cleared alerts, activity, remembered reports) is gone once its time is up.
 * AlertLifecycleTest covers the live mode's transitions.
 */
class AlertLifecycleHarnessTest {
    static final String T1 = "LY001-WF1-T1";
    static final String DISTRICT = "LY001/WF1";
    static final String ALARM = "MINE_CH4_ALARM";
    static final String ESC = "MINE_CH4_ESCALATION";
    static final long DISORDER_MS = 30_000;

    RuleSet rules;
    KeyedOneInputStreamOperatorTestHarness<String, Detection, Alert> h;

    @BeforeEach
    void open() throws Exception {
        rules = RuleSets.defaults();
        rules.modifiers.put("KEY_PERIOD", false); // Msg.T0 is outside key periods anyway; keep grades plain
        h = replayLifecycle();
    }

    KeyedOneInputStreamOperatorTestHarness<String, Detection, Alert> replayLifecycle() throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new AlertLifecycle(rules, Reference.classpath(), true, DISORDER_MS), Detection::lifecycleKey,
                Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    /** What the sensor function emits for the readings (detections and keep-alives), in order. */
    List<Detection> fromReadings(String... messages) throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, Envelope, RuleSet, Detection> sensors =
                     Harnesses.bySubject(new MineSensorFunction(rules, Reference.classpath()))) {
            for (String m : messages) {
                Harnesses.send(sensors, m);
            }
            return new ArrayList<>(sensors.extractOutputValues());
        }
    }

    static void in(KeyedOneInputStreamOperatorTestHarness<String, Detection, Alert> h, List<Detection> ds)
            throws Exception {
        for (Detection d : ds) {
            h.processElement(d, d.eventTs);
        }
    }

    static List<String> statuses(KeyedOneInputStreamOperatorTestHarness<String, Detection, Alert> h) {
        return h.extractOutputValues().stream().map(a -> a.status + " " + a.ruleId + " " + a.level + " " + a.subjectId
                + (a.inhibited ? " inhibited" : "")).collect(Collectors.toList());
    }

    /** A pattern's detection (CEP) of the sensor at the time: RED, containing the sensor's own alarms. */
    static Detection escalation(long sec) {
        Detection d = new Detection();
        d.ruleId = ESC;
        d.domain = Domain.MINE;
        d.baseLevel = Level.RED;
        d.subjectId = T1;
        d.sensorId = T1;
        d.mineId = "LY001";
        d.district = "WF1";
        d.group = DISTRICT;
        d.title = "escalation at " + T1;
        d.detail = "test";
        d.certainty = "LIKELY";
        d.eventTs = Msg.epochMs(sec);
        d.firstEventTs = d.eventTs;
        d.contains.addAll(List.of(ALARM, "MINE_CH4_POWER_CUT"));
        d.evidence.add(Msg.reading(T1, sec, 1.6));
        return d;
    }

    @Test
    void aDetectionWaitsForTheWatermarkUnderATimerAndLeavesNothingPending() throws Exception {
        in(h, fromReadings(Msg.reading(T1, 0, 1.2)));
        assertEquals(List.of(), statuses(h), "replay: nothing before the watermark passes the detection");
        assertEquals(1, h.numEventTimeTimers());
        assertEquals(1, Harnesses.keysWith(h, "pending").size());
        h.processWatermark(Msg.epochMs(0));
        assertEquals(1, h.extractOutputValues().size(), statuses(h).toString());
        Alert a = h.extractOutputValues().get(0);
        assertEquals(AlertStatus.NEW, a.status);
        assertEquals(ALARM, a.ruleId);
        assertEquals(T1, a.subjectId);
        assertEquals(Level.YELLOW, a.baseLevel);
        assertEquals(Msg.epochMs(0), a.firstEventTs);
        assertEquals(List.of(), List.copyOf(Harnesses.keysWith(h, "pending")), "no detection waits any more");
        assertEquals(1, h.numEventTimeTimers(), "only the alert's clear timer");
    }

    @Test
    void theArrivalOrderOfTwoPathsDoesNotDecideWhatIsNotified() throws Exception {
        // the immediate path's alarm and the CEP escalation of the same instant, in both arrival orders
        List<Detection> alarm = fromReadings(Msg.reading(T1, 100, 1.2));
        List<Detection> first = new ArrayList<>(alarm);
        first.add(escalation(100));
        List<Detection> second = new ArrayList<>();
        second.add(escalation(100));
        second.addAll(alarm);
        in(h, first);
        h.processWatermark(Msg.epochMs(100));
        try (KeyedOneInputStreamOperatorTestHarness<String, Detection, Alert> other = replayLifecycle()) {
            in(other, second);
            other.processWatermark(Msg.epochMs(100));
            assertEquals(statuses(h), statuses(other));
        }
        assertTrue(statuses(h).contains("NEW " + ESC + " RED " + T1), statuses(h).toString());
    }

    @Test
    void aQuietAlertClearsAtItsHoldAndItsStateGoesAfterTheRetention() throws Exception {
        in(h, fromReadings(Msg.reading(T1, 0, 1.2)));
        h.processWatermark(Msg.epochMs(300)); // the mine hold is 5 min; its timer is rounded up to the next second
        assertEquals(1, h.extractOutputValues().size());
        h.processWatermark(Msg.epochMs(301));
        List<Alert> out = h.extractOutputValues();
        assertEquals(List.of(AlertStatus.NEW, AlertStatus.CLEARED), out.stream().map(a -> a.status).toList());
        assertEquals(Msg.epochMs(300), out.get(1).lastEventTs, "cleared at the end of the hold, in event time");
        assertTrue(h.numKeyedStateEntries() > 0, "the cleared alert is kept for a repeat");
        assertEquals(1, h.numEventTimeTimers(), "the retention timer");
        h.processWatermark(Msg.epochMs(301 + rules.lifecycle.repeatWindowSec + 1));
        assertEquals(0, h.numKeyedStateEntries(), "nothing left of the incident");
        assertEquals(0, h.numEventTimeTimers());
    }

    @Test
    void keepAlivesAloneLeaveNoState() throws Exception {
        // a district keep-alive with no alert of the group open (as after a sensor's alarm rule was switched off)
        in(h, List.of(Detection.keepAlive(Domain.MINE, DISTRICT, Msg.epochMs(0))));
        h.processWatermark(Msg.epochMs(0));
        assertEquals(List.of(), statuses(h));
        assertEquals(0, h.numKeyedStateEntries());
        assertEquals(0, h.numEventTimeTimers());
    }

    @Test
    void aReportRaisesAnAlertWithinItsWindowAndIsForgottenAfterIt() throws Exception {
        Detection notice = new Detection();
        notice.ruleId = Corroboration.RULE;
        notice.domain = Domain.REPORT;
        notice.baseLevel = Level.BLUE;
        notice.subjectId = T1;
        notice.group = DISTRICT;
        notice.reportId = "R-1";
        notice.detail = "inspector report R-1 (MAJOR) on sensor " + T1;
        notice.eventTs = Msg.epochMs(0);
        notice.firstEventTs = notice.eventTs;
        in(h, List.of(notice));
        h.processWatermark(Msg.epochMs(0));
        assertEquals(List.of(), statuses(h), "a report's notice opens no alert");
        in(h, fromReadings(Msg.reading(T1, 60, 1.2)));
        h.processWatermark(Msg.epochMs(60));
        Alert a = h.extractOutputValues().get(0);
        assertEquals(AlertStatus.NEW, a.status);
        assertTrue(a.modifiers.stream().anyMatch(m -> m.modifier.equals(Corroboration.MODIFIER)), a.modifiers.toString());
        assertEquals(a.baseLevel.raise(a.modifiers.size()), a.level);
        long window = 86400;
        h.processWatermark(Msg.epochMs(361 + window + 1)); // past the report's window and the alert's retention
        assertEquals(0, h.numKeyedStateEntries(), "report and alert forgotten");
        assertEquals(0, h.numEventTimeTimers());
    }

    @Test
    void afterTheEndOfInputADetectionIsHandledAtOnceAndNothingClears() throws Exception {
        h.processWatermark(Long.MAX_VALUE);
        in(h, fromReadings(Msg.reading(T1, 0, 1.2)));
        assertEquals(List.of(AlertStatus.NEW), h.extractOutputValues().stream().map(a -> a.status).toList());
    }
}
