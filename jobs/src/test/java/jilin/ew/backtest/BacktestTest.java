package jilin.ew.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jilin.ew.cli.EarlyWarningCli;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSets;
import jilin.ew.testing.Msg;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A candidate that lowers the working-face CH4 alarm from 1.0 % to 0.8 %, backtested on a recording with labels:
 * the report shows the extra alerts with their evidence, and the precision and recall of both sets.
 *
 * <p>The recording (four working-face sensors, one reading each per 25 s for 35 min): X holds 0.9 % for a labelled
 * scenario (only the candidate sees it), Z holds 1.2 % for another (both see it), Y holds 0.85 % with no label
 * (a false alarm of the candidate: it falls only on a label of another rule, which the per-rule precision does not
 * count and the lenient one does), W stays normal.
 */
class BacktestTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String X = "LY001-BT-X";
    private static final String Y = "LY001-BT-Y";
    private static final String Z = "LY001-BT-Z";
    private static final String W = "LY001-BT-W";

    private static double value(String s, int tick) {
        double base = 0.3 + (tick % 3) * 0.01;
        if (s.equals(X) && tick >= 10 && tick <= 20) {
            return 0.9 + (tick % 3) * 0.01;
        }
        if (s.equals(Z) && tick >= 30 && tick <= 40) {
            return 1.2 + (tick % 3) * 0.01;
        }
        if (s.equals(Y) && tick >= 50 && tick <= 55) {
            return 0.85 + (tick % 3) * 0.01;
        }
        return base;
    }

    private static GroundTruth label(String id, String sensor, int fromTick, int toTick) {
        return label(id, sensor, fromTick, toTick, "MINE_CH4_ALARM");
    }

    private static GroundTruth label(String id, String sensor, int fromTick, int toTick, String ruleId) {
        return new GroundTruth(id, "LY001", sensor, "D-" + sensor, List.of(sensor),
                Msg.ts(25L * fromTick), Msg.ts(25L * toTick), ruleId, "YELLOW", null);
    }

    @Test
    void loweredThresholdShowsExtraAlertsEvidenceAndQuality(@TempDir Path tmp) throws Exception {
        List<String> rec = new ArrayList<>();
        for (String s : List.of(X, Y, Z, W)) {
            rec.add(Msg.sensorDef("LY001", s, "CH4", "WORKING_FACE", "D-" + s));
        }
        for (int t = 1; t <= 84; t++) {
            for (String s : List.of(X, Y, Z, W)) {
                rec.add(Msg.reading(s, 25L * t, value(s, t)));
            }
        }
        Path recording = tmp.resolve("rec.jsonl");
        Files.write(recording, rec, StandardCharsets.UTF_8);
        ObjectMapper json = new ObjectMapper();
        Path labels = tmp.resolve("labels.jsonl");
        Files.write(labels, List.of(json.writeValueAsString(label("L-X", X, 10, 20)),
                json.writeValueAsString(label("L-Z", Z, 30, 40)),
                json.writeValueAsString(label("L-Y", Y, 50, 55, "MINE_CH4_POWER_CUT"))), StandardCharsets.UTF_8);
        RuleSet cand = RuleSets.defaults().edit().version("candidate-wf-0.8").ch4("WORKING_FACE").alarm(0.8).build();
        Path candidate = tmp.resolve("candidate.json");
        Files.writeString(candidate, RuleSets.toJson(cand));
        Path dir = tmp.resolve("report");

        int rc = EarlyWarningCli.commandLine().execute("backtest", "--input", recording.toString(), "--baseline",
                "default", "--candidate", candidate.toString(), "--labels", labels.toString(), "--report",
                dir.toString());
        assertEquals(0, rc);

        JsonNode r = json.readTree(dir.resolve("report.json").toFile());
        String text = r.toPrettyString();
        assertEquals(1, r.at("/baseline/alertsNew").asInt(), text);
        assertEquals(3, r.at("/candidate/alertsNew").asInt(), text);
        assertEquals(3, r.at("/candidate/byRuleAndLevel/MINE_CH4_ALARM/YELLOW").asInt(), text);

        // the extra alerts: X (explained by its label) and Y (a false alarm), each with its evidence
        assertEquals(0, r.get("onlyBaseline").size(), text);
        Set<String> extra = new HashSet<>();
        for (JsonNode a : r.get("onlyCandidate")) {
            extra.add(a.get("subjectId").asText());
            assertEquals("candidate-wf-0.8", a.get("ruleSetVersion").asText(), text);
            assertTrue(a.get("evidence").get(0).asText().contains(a.get("subjectId").asText()), text);
            if (a.get("subjectId").asText().equals(X)) {
                assertEquals("L-X", a.get("explainedBy").asText(), text);
                assertTrue(a.get("evidence").get(0).asText().contains("\"value\":0.9"), text);
                assertEquals(Msg.ts(250), a.get("detectedTs").asText(), text);
            } else {
                assertTrue(a.get("explainedBy").isNull(), "Y's only label is of another rule: " + text);
                assertEquals("L-Y", a.get("onOtherRuleLabel").asText(), text);
            }
        }
        assertEquals(Set.of(X, Y), extra, text);

        // precision and recall of both, and the difference
        JsonNode q = r.at("/quality/MINE_CH4_ALARM");
        assertEquals(1.0, q.at("/baseline/precision").asDouble(), 1e-9, text);
        assertEquals(0.5, q.at("/baseline/recall").asDouble(), 1e-9, text);
        assertEquals(0.667, q.at("/candidate/precision").asDouble(), 1e-9, text);
        assertEquals(1.0, q.at("/candidate/recall").asDouble(), 1e-9, text);
        assertEquals(0.5, q.get("recallDelta").asDouble(), 1e-9, text);
        assertEquals(-0.333, q.get("precisionDelta").asDouble(), 1e-9, text);
        // the lenient figure counts Y, which lies on the power-cut scenario's label, as right
        assertEquals(1.0, q.at("/candidate/precisionLenient").asDouble(), 1e-9, text);
        assertEquals(1.0, q.at("/baseline/precisionLenient").asDouble(), 1e-9, text);
        assertEquals(3, q.at("/candidate/explainedLenient").asInt(), text);
        assertEquals(0, r.at("/quality/MINE_CH4_POWER_CUT/candidate/detected").asInt(), text);
        assertEquals(0.0, q.at("/candidate/meanLatencySec").asDouble(), 1e-9, "raised on the label's first reading");

        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("<svg"), "the plot is inline SVG");
        assertTrue(html.contains("Raised only by the candidate (candidate-wf-0.8): 2"), html);
        assertTrue(html.contains("none of its rule (on L-Y"), html);
        assertTrue(html.contains("lenient precision"), html);
        assertTrue(!html.contains("<script"), "no scripts: the page works offline");
    }

    /**
     * A candidate that lowers the working-face restore value from 1.0 % to 0.5 %: sensor R cuts power (1.6 %), reads
     * 0.8 % for 12 min, then 1.6 % again. Under the baseline 0.8 % is below restore, so the power-cut alert clears
     * after the 5 min hold and the second 1.6 % is a new incident (a repeat, one grade up); under the candidate power
     * stays off through the dip, so the second 1.6 % belongs to the one open incident.
     */
    @Test
    void restoreValueDecidesWhetherTheSecondCutIsANewIncident(@TempDir Path tmp) throws Exception {
        String r = "LY001-BT-R";
        List<String> rec = new ArrayList<>();
        rec.add(Msg.sensorDef("LY001", r, "CH4", "WORKING_FACE", "D-R"));
        for (int t = 1; t <= 70; t++) {
            double v = 0.3 + (t % 3) * 0.01;
            if ((t >= 5 && t <= 7) || (t >= 37 && t <= 39)) {
                v = 1.6;
            } else if (t >= 8 && t <= 36) {
                v = 0.8;
            }
            rec.add(Msg.reading(r, 25L * t, v));
        }
        Path recording = tmp.resolve("rec.jsonl");
        Files.write(recording, rec, StandardCharsets.UTF_8);
        RuleSet cand = RuleSets.defaults().edit().version("candidate-wf-restore-0.5")
                .ch4("WORKING_FACE").restore(0.5).build();
        Path candidate = tmp.resolve("candidate.json");
        Files.writeString(candidate, RuleSets.toJson(cand));
        Path dir = tmp.resolve("report");

        int rc = EarlyWarningCli.commandLine().execute("backtest", "--input", recording.toString(), "--baseline",
                "default", "--candidate", candidate.toString(), "--report", dir.toString());
        assertEquals(0, rc);

        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        String text = report.toPrettyString();
        assertEquals(2, report.at("/baseline/byRuleAndLevel/MINE_CH4_POWER_CUT/ORANGE").asInt()
                + report.at("/baseline/byRuleAndLevel/MINE_CH4_POWER_CUT/RED").asInt(), text);
        assertEquals(1, report.at("/baseline/byRuleAndLevel/MINE_CH4_POWER_CUT/RED").asInt(), text);
        assertEquals(1, report.at("/candidate/byRuleAndLevel/MINE_CH4_POWER_CUT/ORANGE").asInt(), text);
        assertTrue(report.at("/candidate/byRuleAndLevel/MINE_CH4_POWER_CUT/RED").isMissingNode()
                || report.at("/candidate/byRuleAndLevel/MINE_CH4_POWER_CUT/RED").asInt() == 0, text);
        // the baseline's repeat, 31 min after the first cut, pairs with nothing in the candidate
        assertEquals(1, report.get("onlyBaseline").size(), text);
        JsonNode repeat = report.get("onlyBaseline").get(0);
        assertEquals("MINE_CH4_POWER_CUT", repeat.get("ruleId").asText(), text);
        assertEquals(r, repeat.get("subjectId").asText(), text);
        assertEquals("RED", repeat.get("level").asText(), text);
        assertEquals(Msg.ts(25L * 37), repeat.get("firstEventTs").asText(), text);
        assertEquals(0, report.get("onlyCandidate").size(), text);
    }

    @Test
    void aLabelsFileFromElsewhereIsReadWhateverItsScenarioNames(@TempDir Path tmp) throws Exception {
        // an analyst's labels of real history: a scenario name no simulator knows, fields the backtest does not use
        Path labels = tmp.resolve("labels.jsonl");
        Files.writeString(labels, "{\"scenarioId\":\"H-2026-11-03\",\"scenario\":\"SHIFT_CHANGE_SPIKE\","
                + "\"domain\":\"MINE\",\"analyst\":\"wang\",\"subjectId\":\"LY001-WF1-T1\","
                + "\"start\":\"2026-11-03T08:00:00+08:00\",\"end\":\"2026-11-03T08:10:00+08:00\","
                + "\"ruleId\":\"MINE_CH4_ALARM\",\"minLevel\":\"YELLOW\"}\n\n", StandardCharsets.UTF_8);
        List<GroundTruth> read = Backtest.readLabels(labels);
        assertEquals(List.of(new GroundTruth("H-2026-11-03", null, "LY001-WF1-T1", null, null,
                "2026-11-03T08:00:00+08:00", "2026-11-03T08:10:00+08:00", "MINE_CH4_ALARM", "YELLOW", null)), read);
    }

    /**
     * backtest --commands: both runs act on the commands; a candidate that escalates RED after 15 min instead of 5
     * sends one escalation less within the recording's 25 minutes, and the report counts them by level.
     */
    @Test
    void withCommandsTheReportCountsEscalations(@TempDir Path tmp) throws Exception {
        List<String> rec = new ArrayList<>();
        for (long t = 0; t <= 1500; t += 25) {
            rec.add(Msg.reading("LY003-WF1-T1", t, t >= 200 ? 1.6 : t >= 100 ? 1.1 : 0.30));
            rec.add(Msg.reading("LY003-WF1-T0", t, 0.30 + (t / 25 % 4) * 0.01));
        }
        Path recording = tmp.resolve("rec.jsonl");
        Files.write(recording, rec, StandardCharsets.UTF_8);
        Path commands = tmp.resolve("commands.jsonl");
        Files.write(commands, List.of(), StandardCharsets.UTF_8); // nobody answers
        RuleSet cand = RuleSets.defaults().edit().version("candidate-red-15min")
                .escalation(jilin.ew.schema.Level.RED, 900, 600, 3, "province").build();
        Path candidate = tmp.resolve("candidate.json");
        Files.writeString(candidate, RuleSets.toJson(cand));
        Path dir = tmp.resolve("report");
        int rc = EarlyWarningCli.commandLine().execute("backtest", "--input", recording.toString(), "--baseline",
                "default", "--candidate", candidate.toString(), "--commands", commands.toString(),
                "--report", dir.toString());
        assertEquals(0, rc);
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
        String text = report.toPrettyString();
        // NEW at 200 s, event time reaches about 1470 s: RED at +5 and +15 min, or only at +15 min
        assertEquals(2, report.at("/baseline/escalationsByLevel/RED").asInt(), text);
        assertEquals(1, report.at("/candidate/escalationsByLevel/RED").asInt(), text);
        assertTrue(Files.readString(dir.resolve("report.html")).contains("Escalations by level"));
    }
}
