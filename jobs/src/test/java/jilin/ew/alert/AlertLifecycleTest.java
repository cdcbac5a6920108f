package jilin.ew.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jilin.ew.reference.Reference;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSets;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;
import jilin.ew.testing.Msg;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The alert lifecycle on Flink's keyed operator harness: each transition, dedup, inhibition, clearing, state. */
class AlertLifecycleTest {
    static final String MINE = "LY001";
    static final String DISTRICT = "LY001/WF1";
    static final String T1 = "LY001-WF1-T1";
    static final String T0 = "LY001-WF1-T0";
    static final String ALARM = "MINE_CH4_ALARM";
    static final String CUT = "MINE_CH4_POWER_CUT";
    static final String ESC = "MINE_CH4_ESCALATION";
    static final String MULTI = "MINE_MULTI_SENSOR";

    KeyedOneInputStreamOperatorTestHarness<String, Detection, Alert> h;
    RuleSet rules;

    @BeforeEach
    void open() throws Exception {
        rules = RuleSets.defaults().edit().modifier("KEY_PERIOD", false).build(); // Msg.T0 is outside key periods anyway; keep grades plain
        h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AlertLifecycle(rules, Reference.classpath())),
                Detection::lifecycleKey, Types.STRING);
        h.open();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    static Detection det(String rule, Level level, String subject, long sec) {
        Detection d = new Detection();
        d.ruleId = rule;
        d.domain = Domain.MINE;
        d.baseLevel = level;
        d.subjectId = subject;
        d.mineId = MINE;
        d.district = "WF1";
        d.sensorId = subject.equals(DISTRICT) ? null : subject;
        d.group = DISTRICT;
        d.prefecture = "220400";
        d.operatorId = "OP-LY-01";
        d.title = rule + " at " + subject;
        d.detail = "test";
        d.certainty = "OBSERVED";
        d.eventTs = Msg.epochMs(sec);
        d.firstEventTs = d.eventTs;
        d.evidence.add("{\"type\":\"mine.reading\",\"sensorId\":\"" + subject + "\",\"sec\":" + sec + "}");
        return d;
    }

    static Detection higher(String rule, String subject, long sec) {
        Detection d = det(rule, Level.RED, subject, sec);
        d.certainty = "LIKELY";
        d.contains.addAll(List.of(ALARM, CUT));
        return d;
    }

    void in(Detection d) throws Exception {
        h.processElement(new StreamRecord<>(d, d.eventTs));
    }

    void watermark(long sec) throws Exception {
        h.processWatermark(Msg.epochMs(sec));
    }

    List<Alert> out() {
        List<Alert> a = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord) {
                a.add((Alert) ((StreamRecord<?>) o).getValue());
            }
        }
        return a;
    }

    List<Alert> notified() {
        return out().stream().filter(a -> !a.inhibited).collect(Collectors.toList());
    }

    static List<AlertStatus> statuses(List<Alert> alerts, String rule, String subject) {
        return alerts.stream().filter(a -> a.ruleId.equals(rule) && a.subjectId.equals(subject))
                .map(a -> a.status).collect(Collectors.toList());
    }

    @Test
    void newThenEscalatedThenUpdatedAtTheIntervalThenClearedAfterTheHold() throws Exception {
        in(det(ALARM, Level.YELLOW, T1, 0));
        in(det(ALARM, Level.ORANGE, T1, 30)); // a higher grade of the same rule (e.g. a modifier came in)
        in(det(ALARM, Level.ORANGE, T1, 60)); // new evidence within the interval: held back
        in(det(ALARM, Level.ORANGE, T1, 330)); // past the 300 s interval since the last message: UPDATED
        watermark(330 + 299);
        assertEquals(List.of(AlertStatus.NEW, AlertStatus.ESCALATED, AlertStatus.UPDATED), statuses(out(), ALARM, T1));
        watermark(330 + 301); // 5 min (the mine hold) without a detection: CLEARED
        List<Alert> a = out();
        assertEquals(List.of(AlertStatus.NEW, AlertStatus.ESCALATED, AlertStatus.UPDATED, AlertStatus.CLEARED),
                statuses(a, ALARM, T1));
        assertEquals(Level.YELLOW, a.get(0).level);
        assertEquals(Level.ORANGE, a.get(1).level);
        for (int i = 1; i < a.size(); i++) {
            assertEquals(List.of(a.get(i - 1).alertId), a.get(i).references, "each message references the one before");
            assertEquals(List.of(a.get(i - 1).lastEventTs), a.get(i).referenceTimes);
        }
        assertEquals(Msg.epochMs(330 + 300), a.get(3).lastEventTs, "cleared at the end of the hold, in event time");
    }

    @Test
    void aBurstOfOneHundredBreachingReadingsIsOneNewAlertThenUpdatesAtTheInterval() throws Exception {
        for (int i = 0; i < 100; i++) {
            in(det(ALARM, Level.YELLOW, T1, i * 10L)); // 100 readings over 990 s
        }
        List<AlertStatus> s = statuses(out(), ALARM, T1);
        assertEquals(1, s.stream().filter(x -> x == AlertStatus.NEW).count(), s.toString());
        // updates at 300, 600 and 900 s: one per interval, not one per reading
        assertEquals(List.of(AlertStatus.NEW, AlertStatus.UPDATED, AlertStatus.UPDATED, AlertStatus.UPDATED), s);
    }

    @Test
    void anExplicitClearEndsAHeldOpenAlertAtOnce() throws Exception {
        Detection silent = det("MINE_SENSOR_SILENT", Level.YELLOW, T1, 0);
        silent.holdOpen = true;
        in(silent);
        watermark(3600); // an hour of quiet does not end a silent sensor's alert
        assertEquals(List.of(AlertStatus.NEW), statuses(out(), "MINE_SENSOR_SILENT", T1));
        Detection back = det("MINE_SENSOR_SILENT", Level.YELLOW, T1, 3700);
        back.clear = true; // the sensor reports again
        in(back);
        assertEquals(List.of(AlertStatus.NEW, AlertStatus.CLEARED), statuses(out(), "MINE_SENSOR_SILENT", T1));
    }

    @Test
    void aNewIncidentAfterTheClearIsARepeatOneGradeHigher() throws Exception {
        in(det(ALARM, Level.YELLOW, T1, 0));
        watermark(400);
        in(det(ALARM, Level.YELLOW, T1, 1000));
        List<Alert> a = out();
        assertEquals(List.of(AlertStatus.NEW, AlertStatus.CLEARED, AlertStatus.NEW), statuses(a, ALARM, T1));
        assertEquals(Level.ORANGE, a.get(2).level);
        assertEquals("REPEAT", a.get(2).modifiers.get(0).modifier);
        assertEquals(List.of(a.get(1).alertId), a.get(2).references);
    }

    @Test
    void anEscalationAbsorbsTheSensorAlertsThatCameFirst() throws Exception {
        in(det(ALARM, Level.YELLOW, T1, 0));
        in(det(CUT, Level.ORANGE, T1, 100));
        in(higher(ESC, T1, 100)); // CEP waits for the watermark: the escalation comes last
        for (int i = 1; i <= 20; i++) {
            in(det(CUT, Level.ORANGE, T1, 100 + i * 25L)); // the breach goes on for 500 s
        }
        watermark(2000);
        List<Alert> all = out();
        Alert esc = all.stream().filter(a -> a.ruleId.equals(ESC) && a.status == AlertStatus.NEW).findFirst().get();
        Alert alarmNew = all.get(0);
        Alert cutNew = all.stream().filter(a -> a.ruleId.equals(CUT)).findFirst().get();
        assertEquals(List.of(alarmNew.alertId, cutNew.alertId), esc.references, "the escalation references what it absorbed");
        assertFalse(esc.inhibited);
        // after the escalation, the sensor alerts are recorded as inhibited, never notified again
        List<Alert> n = notified();
        assertEquals(List.of(AlertStatus.NEW), statuses(n, ALARM, T1));
        assertEquals(List.of(AlertStatus.NEW), statuses(n, CUT, T1));
        assertEquals(List.of(AlertStatus.NEW, AlertStatus.CLEARED), statuses(n, ESC, T1));
        assertTrue(statuses(all, CUT, T1).contains(AlertStatus.UPDATED), "the updates are still recorded");
        Alert cancel = n.get(n.size() - 1);
        assertTrue(cancel.references.containsAll(List.of(alarmNew.alertId, cutNew.alertId)),
                "the escalation's end references the absorbed alerts too: " + cancel.references);
    }

    @Test
    void sensorAlertsArrivingWhileAnEscalationIsOpenAreInhibitedFromTheStart() throws Exception {
        in(higher(ESC, T1, 100)); // the other order: the pattern's detection arrives before the reading's
        in(det(CUT, Level.ORANGE, T1, 100));
        in(det(ALARM, Level.YELLOW, T1, 125));
        watermark(2000);
        List<Alert> n = notified();
        assertEquals(List.of(AlertStatus.NEW, AlertStatus.CLEARED), statuses(n, ESC, T1));
        assertEquals(List.of(), statuses(n, CUT, T1));
        assertEquals(List.of(), statuses(n, ALARM, T1));
        assertTrue(out().stream().anyMatch(a -> a.ruleId.equals(CUT) && a.inhibited && a.status == AlertStatus.NEW));
    }

    @Test
    void aDistrictAlertInhibitsTheSensorAlertsOfItsDistrictInEitherOrder() throws Exception {
        in(det(ALARM, Level.YELLOW, T1, 0));
        in(det(ALARM, Level.YELLOW, T0, 10));
        in(higher(MULTI, DISTRICT, 10));
        in(det(ALARM, Level.YELLOW, "LY001-WF1-T2", 40)); // a third sensor after the district alert
        for (int i = 1; i <= 20; i++) {
            in(det(ALARM, Level.YELLOW, T1, i * 25L));
            in(det(ALARM, Level.YELLOW, T0, 10 + i * 25L));
            in(Detection.keepAlive(Domain.MINE, DISTRICT, Msg.epochMs(10 + i * 25L)));
        }
        watermark(3000);
        List<Alert> n = notified();
        Alert multi = n.stream().filter(a -> a.ruleId.equals(MULTI)).findFirst().get();
        assertEquals(2, multi.references.size(), multi.references.toString());
        assertEquals(List.of(AlertStatus.NEW), statuses(n, ALARM, T1));
        assertEquals(List.of(AlertStatus.NEW), statuses(n, ALARM, T0));
        assertEquals(List.of(), statuses(n, ALARM, "LY001-WF1-T2"));
        assertEquals(List.of(AlertStatus.NEW, AlertStatus.CLEARED), statuses(n, MULTI, DISTRICT));
        // the district alert ended last: its sensors went quiet no later than it did
        assertEquals(MULTI, n.get(n.size() - 1).ruleId);
    }

    @Test
    void lowerAlertsOfAnotherSensorOrRuleAreNotInhibited() throws Exception {
        in(higher(ESC, T1, 0));
        in(det(ALARM, Level.YELLOW, T0, 10)); // another sensor: an escalation contains only its own sensor
        in(det("MINE_CH4_RAPID_RISE", Level.ORANGE, T1, 20)); // a rule the escalation does not contain
        List<Alert> n = notified();
        assertEquals(List.of(AlertStatus.NEW), statuses(n, ALARM, T0));
        assertEquals(List.of(AlertStatus.NEW), statuses(n, "MINE_CH4_RAPID_RISE", T1));
    }

    @Test
    void theEndOfARecordingClearsNothing() throws Exception {
        in(det(ALARM, Level.YELLOW, T1, 0));
        h.processWatermark(Long.MAX_VALUE);
        assertEquals(List.of(AlertStatus.NEW), statuses(out(), ALARM, T1));
    }

    @Test
    void lifecycleStateIsReleasedAfterTheRetentionTime() throws Exception {
        in(det(ALARM, Level.YELLOW, T1, 0));
        in(higher(ESC, T1, 30));
        in(det(ALARM, Level.YELLOW, T0, 30));
        watermark(600);
        assertEquals(3, statuses(notified(), ALARM, T1).size() + statuses(notified(), ALARM, T0).size());
        assertTrue(h.numKeyedStateEntries() > 0, "cleared alerts are kept for repeats within the retention time");
        long retention = rules.lifecycle().repeatWindowSec();
        watermark(600 + retention + 10);
        assertEquals(0, h.numKeyedStateEntries(), "nothing is left of the cleared alerts");
        assertEquals(0, h.numEventTimeTimers(), "and no timer waits for them");
    }
}
