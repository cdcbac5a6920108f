package jilin.ew.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jilin.ew.reference.Reference;
import jilin.ew.rules.RuleSets;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;
import jilin.ew.testing.Msg;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** REPORT_CORROBORATED in the lifecycle, with the arrival order pinned: report then alert, alert then report. */
class CorroborationTest {
    private static final long H = 3600_000L;

    private static KeyedOneInputStreamOperatorTestHarness<String, Detection, Alert> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Detection, Alert> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AlertLifecycle(RuleSets.defaults(), Reference.classpath())),
                d -> d.subjectId, org.apache.flink.api.common.typeinfo.Types.STRING);
        h.open();
        return h;
    }

    private static Detection alert(String subject, long ts) {
        Detection d = new Detection();
        d.ruleId = "GAS_PRESSURE_ABNORMAL";
        d.domain = Domain.GAS_NETWORK;
        d.baseLevel = Level.YELLOW;
        d.subjectId = subject;
        d.stationId = subject;
        d.title = "pressure";
        d.detail = "pressure outside its class";
        d.firstEventTs = ts;
        d.eventTs = ts;
        d.evidence.add("reading@" + ts);
        return d;
    }

    private static Detection report(String subject, long ts) {
        Detection d = new Detection();
        d.ruleId = Corroboration.RULE;
        d.domain = Domain.REPORT;
        d.baseLevel = Level.YELLOW;
        d.subjectId = subject;
        d.reportId = "R-" + ts;
        d.title = "report";
        d.detail = "inspector report R-" + ts + " (GENERAL) on " + subject;
        d.firstEventTs = ts;
        d.eventTs = ts;
        d.evidence.add("report@" + ts);
        return d;
    }

    private static List<Alert> out(KeyedOneInputStreamOperatorTestHarness<String, Detection, Alert> h) {
        List<Alert> a = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                a.add((Alert) r.getValue());
            }
        }
        return a;
    }

    private static void process(KeyedOneInputStreamOperatorTestHarness<String, Detection, Alert> h, Detection d)
            throws Exception {
        h.processElement(new StreamRecord<>(d, d.eventTs));
    }

    @Test
    void reportThenAlertOpensRaised() throws Exception {
        long t0 = Msg.epochMs(0);
        var h = harness();
        process(h, report("S1", t0));
        process(h, alert("S1", t0 + 23 * H));
        List<Alert> a = out(h);
        assertEquals(1, a.size());
        assertEquals(AlertStatus.NEW, a.get(0).status);
        assertEquals(Level.ORANGE, a.get(0).level);
        assertEquals(Corroboration.MODIFIER, a.get(0).modifiers.get(0).modifier);
    }

    @Test
    void alertThenReportEscalates() throws Exception {
        long t0 = Msg.epochMs(0);
        var h = harness();
        process(h, alert("S1", t0));
        process(h, alert("S1", t0 + 60_000));
        process(h, report("S1", t0 + 120_000));
        List<Alert> a = out(h);
        assertEquals(2, a.size(), a.toString());
        assertEquals(Level.YELLOW, a.get(0).level);
        assertEquals(AlertStatus.ESCALATED, a.get(1).status);
        assertEquals(Level.ORANGE, a.get(1).level);
        assertTrue(a.get(1).evidence.contains("report@" + (t0 + 120_000)));
    }

    @Test
    void quietOutsideTheWindowAndForOtherSubjectsAndReports() throws Exception {
        long t0 = Msg.epochMs(0);
        var h = harness();
        process(h, report("S1", t0));
        process(h, alert("S1", t0 + 24 * H + 1000));  // just over 24 h later
        process(h, alert("S2", t0 + 60_000));          // another subject
        Detection major = alert("S1", t0 + 60_000);
        major.ruleId = "REPORT_MAJOR_HAZARD";
        major.domain = Domain.REPORT;
        major.baseLevel = Level.ORANGE;
        process(h, major);                             // a report's own alert is not corroborated by it
        for (Alert a : out(h)) {
            assertEquals(List.of(), a.modifiers, a.toString());
        }
        assertEquals(3, out(h).size());
    }
}
