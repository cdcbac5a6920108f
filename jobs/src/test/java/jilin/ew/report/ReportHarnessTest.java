package jilin.ew.report;

import static jilin.ew.testing.Harnesses.deadLetters;
import static jilin.ew.testing.Harnesses.keyedStateEntries;
import static jilin.ew.testing.Harnesses.keysWith;
import static jilin.ew.testing.Harnesses.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jilin.ew.alert.Detection;
import jilin.ew.alert.Corroboration;
import jilin.ew.report.rule.MajorHazard;
import jilin.ew.gas.GasMsg;
import jilin.ew.reference.Reference;
import jilin.ew.rules.RuleBroadcast;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSets;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.Level;
import jilin.ew.testing.Harnesses;
import jilin.ew.testing.Msg;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ReportFunction} in Flink's keyed broadcast operator harness, fed as the report pipeline keys it (a report
 * under its subject, a sensor definition also under its mine) with the rule set broadcast: the report's alert and
 * its notices, the duplicate window's timer and state, reports on undefined subjects waiting for the watermark, and
 * a broadcast rule set.
 */
class ReportHarnessTest {
    static final String MINE = "LY001"; // seed mine with district WF1
    static final String NEW_POINT = "CC-MH-999"; // in no seed
    static final long DAY = ReportFunction.DEDUP_MS / 1000;

    KeyedBroadcastOperatorTestHarness<String, Tuple2<String, Envelope>, RuleSet, Detection> h;

    @BeforeEach
    void open() throws Exception {
        h = Harnesses.dataTimeOnly(ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new ReportFunction(RuleSets.defaults(), Reference.classpath()), t -> t.f0, Types.STRING,
                RuleBroadcast.DESCRIPTOR));
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    /** Sends a message under every key the report pipeline gives it ({@link ReportFunction#keys}). */
    void send(String raw) throws Exception {
        Envelope e = Harnesses.envelope(raw);
        List<Tuple2<String, Envelope>> keyed = new ArrayList<>();
        ReportFunction.keys(e, new ListCollector<>(keyed));
        for (Tuple2<String, Envelope> t : keyed) {
            h.processElement(t, e.ts);
        }
    }

    void watermark(long sec) throws Exception {
        h.processWatermark(Msg.epochMs(sec));
    }

    List<String> majors() {
        return summary(h).stream().filter(s -> s.startsWith(MajorHazard.ID)).collect(Collectors.toList());
    }

    Set<String> noticed() {
        return h.extractOutputValues().stream().filter(d -> Corroboration.RULE.equals(d.ruleId))
                .map(d -> d.subjectId).collect(Collectors.toSet());
    }

    @Test
    void aMajorReportOnAMineAlertsAtOnceAndNoticesEverySensorAndDistrictOfIt() throws Exception {
        send(GasMsg.report("R-1", MINE, "MAJOR", 0));
        assertEquals(List.of("REPORT_MAJOR_HAZARD ORANGE " + MINE), majors(), "no watermark has come");
        assertTrue(noticed().containsAll(Set.of(MINE, "LY001-WF1-T1", "LY001-WF1-CO", "LY001/WF1")),
                noticed().toString());
        assertTrue(h.extractOutputValues().stream().filter(d -> Corroboration.RULE.equals(d.ruleId))
                .allMatch(d -> "R-1".equals(d.reportId)), "each notice names its report");
        send(GasMsg.report("R-2", MINE, "GENERAL", 10));
        assertEquals(1, majors().size(), "a general report raises no alert of its own");
    }

    @Test
    void aLongReportsTextIsCutInTheAlertWithoutSplittingACharacter() throws Exception {
        // an emoji (two UTF-16 units) across the 300th unit, where the alert cuts the report's text
        String text = "x".repeat(299) + "\uD83D\uDD25" + " fire at the intake, spreading";
        send(GasMsg.report("R-1", MINE, "MAJOR", 0).replace("corroded valve body", text));
        String detail = h.extractOutputValues().stream().filter(d -> MajorHazard.ID.equals(d.ruleId))
                .findFirst().orElseThrow().detail;
        assertTrue(detail.contains("\"" + "x".repeat(299) + "…\""), detail);
        assertTrue(detail.chars().noneMatch(c -> Character.isSurrogate((char) c)), "half a character in: " + detail);
    }

    @Test
    void aReportIdIsRememberedForTheDuplicateWindowUnderOneTimerAndThenForgotten() throws Exception {
        send(GasMsg.report("R-1", MINE, "MAJOR", 0));
        assertEquals(1, h.numEventTimeTimers(), "the duplicate window's timer");
        assertEquals(Set.of(MINE), keysWith(h, "report-ids"));
        send(GasMsg.report("R-1", MINE, "MAJOR", 60));
        assertEquals(List.of("duplicate"), deadLetters(h).stream().map(d -> d.reason).toList());
        assertEquals("reportId", deadLetters(h).get(0).field);
        assertEquals(1, majors().size());
        h.processWatermark(Msg.epochMs(DAY) - 1);
        assertEquals(Set.of(MINE), keysWith(h, "report-ids"));
        watermark(DAY);
        assertEquals(0, keyedStateEntries(h), "the window has passed: nothing kept");
        assertEquals(0, h.numEventTimeTimers());
        send(GasMsg.report("R-1", MINE, "MAJOR", DAY + 60));
        assertEquals(2, majors().size(), "a day later the id is new again");
    }

    @Test
    void aReportOnAnUndefinedSubjectWaitsForTheWatermarkAndIsThenUsed() throws Exception {
        send(GasMsg.report("R-9", NEW_POINT, "MAJOR", 100));
        assertEquals(List.of(), majors(), "a definition stamped before it may still be on its way");
        assertEquals(Set.of(NEW_POINT), keysWith(h, "held-reports"));
        assertEquals(2, h.numEventTimeTimers(), "the watermark's and the duplicate window's");
        h.processWatermark(Msg.epochMs(100) - 1);
        assertEquals(List.of(), majors());
        watermark(100);
        assertEquals(List.of("REPORT_MAJOR_HAZARD ORANGE " + NEW_POINT), majors(), "used, defined or not");
        assertEquals(Set.of(), keysWith(h, "held-reports"));
        assertEquals(1, h.numEventTimeTimers());
    }

    @Test
    void aDefinitionReleasesAWaitingReportAtOnceResolvedFromIt() throws Exception {
        send(GasMsg.report("R-9", NEW_POINT, "MAJOR", 100));
        send(GasMsg.station(NEW_POINT, "MANHOLE", 43.89, 125.32, "MEDIUM_B", 0.15, false));
        assertEquals(List.of("REPORT_MAJOR_HAZARD ORANGE " + NEW_POINT), majors());
        Detection d = h.extractOutputValues().get(0);
        assertEquals(NEW_POINT, d.stationId, "resolved from the stream definition");
        assertEquals("220100", d.prefecture);
        assertEquals(Set.of(), keysWith(h, "held-reports"));
        assertEquals(Set.of(NEW_POINT), keysWith(h, "definition"));
    }

    @Test
    void aStreamSensorIsKeptUnderItsMineSoTheMinesReportReachesIt() throws Exception {
        send(Msg.sensorDef(MINE, "LY001-WF9-T9", "CH4", "WORKING_FACE", "WF9"));
        assertEquals(Set.of(MINE), keysWith(h, "mine-sensors"));
        send(GasMsg.report("R-3", MINE, "GENERAL", 10));
        assertTrue(noticed().containsAll(Set.of("LY001-WF9-T9", "LY001/WF9")), noticed().toString());
    }

    @Test
    void aReportOutsideTheProvinceIsDeadLetteredAndKeepsNothing() throws Exception {
        send(GasMsg.report("R-4", MINE, "MAJOR", 0, 39.9, 116.4)); // Beijing
        assertEquals(List.of("out-of-province"), deadLetters(h).stream().map(d -> d.reason).toList());
        assertEquals(List.of(), summary(h));
        assertEquals(0, keyedStateEntries(h));
        assertEquals(0, h.numEventTimeTimers());
    }

    @Test
    void aBroadcastRuleSetChangesTheMajorReportsLevel() throws Exception {
        send(GasMsg.report("R-5", MINE, "MAJOR", 0));
        RuleSet red = RuleSets.defaults().edit().version("major-red").level(MajorHazard.ID, Level.RED).build();
        h.processBroadcastElement(red, Msg.epochMs(5));
        send(GasMsg.report("R-6", MINE, "MAJOR", 10));
        assertEquals(List.of("REPORT_MAJOR_HAZARD ORANGE " + MINE, "REPORT_MAJOR_HAZARD RED " + MINE), majors());
        assertEquals("major-red", h.extractOutputValues().stream()
                .filter(d -> d.baseLevel == Level.RED).findFirst().get().ruleSetVersion);
    }
}
