package jilin.ew.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jilin.ew.schema.Handling;
import jilin.ew.schema.SchemaValidator;
import jilin.ew.schema.Times;
import jilin.ew.testing.AlertLines;
import jilin.ew.testing.Msg;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --commands} through the command line on a MiniCluster: two methane escalations (RED) in two mines,
 * one acknowledged three minutes in, the other never. The acknowledged one is not escalated; the other is, 5, 15
 * and 25 minutes after its NEW message; the same files at parallelism 1 and 2; and without commands nothing is.
 */
class ReplayCommandsTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACKED = "LY001-WF1-T1";
    private static final String IGNORED = "LY003-WF1-T1";

    @TempDir
    static Path dir;
    static Path recording;

    @BeforeAll
    static void record() throws Exception {
        List<String> m = new ArrayList<>();
        for (long t = 0; t <= 2400; t += 25) {
            for (String s : List.of(ACKED, IGNORED)) {
                m.add(Msg.reading(s, t, t >= 200 ? 1.6 : t >= 100 ? 1.1 : 0.30));
            }
            m.add(Msg.reading("LY001-WF1-T0", t, 0.30 + (t / 25 % 4) * 0.01));
        }
        recording = dir.resolve("two-reds.jsonl");
        Files.write(recording, m, StandardCharsets.UTF_8);
    }

    /** Runs replay; returns the alert lines without emittedAt. */
    private static List<String> replay(String name, int parallelism, Path commands) throws Exception {
        List<String> args = new ArrayList<>(List.of("replay", "--input", recording.toString(),
                "--output", dir.resolve(name + ".jsonl").toString(),
                "--dead-letter", dir.resolve(name + "-dead.jsonl").toString(),
                "--parallelism", String.valueOf(parallelism)));
        if (commands != null) {
            args.addAll(List.of("--commands", commands.toString(),
                    "--handling-output", dir.resolve(name + "-handling.jsonl").toString()));
        }
        assertEquals(0, EarlyWarningCli.commandLine().execute(args.toArray(new String[0])), "replay exit code");
        return Files.readAllLines(dir.resolve(name + ".jsonl"), StandardCharsets.UTF_8).stream()
                .map(AlertLines::withoutEmittedAt).collect(Collectors.toList());
    }

    private static JsonNode node(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }

    /** The NEW message of the RED methane escalation of {@code sensor}. */
    private static JsonNode redNew(List<String> lines, String sensor) {
        return lines.stream().map(ReplayCommandsTest::node)
                .filter(n -> n.get("ruleId").asText().equals("MINE_CH4_ESCALATION")
                        && n.get("subjectId").asText().equals(sensor) && n.get("status").asText().equals("NEW"))
                .findFirst().orElseThrow(() -> new AssertionError("no RED escalation NEW for " + sensor));
    }

    private static String command(long at, String id, String action, String incident, String extra) {
        return "{\"type\":\"alert.command\",\"ts\":\"" + Times.format(at) + "\",\"commandId\":\"" + id
                + "\",\"action\":\"" + action + "\",\"actor\":\"duty.officer\",\"incidentId\":\"" + incident + "\""
                + extra + "}";
    }

    @Test
    void theAcknowledgedRedIsNotEscalatedTheOtherIsAtItsTimesTheSameAtAnyParallelism() throws Exception {
        List<String> plain = replay("plain", 1, null);
        assertTrue(plain.stream().noneMatch(l -> l.contains("\"escalation\"")), "no commands, no escalation");
        JsonNode ackedNew = redNew(plain, ACKED);
        JsonNode ignoredNew = redNew(plain, IGNORED);
        assertEquals("RED", ackedNew.get("level").asText());
        String ackedId = ackedNew.get("alertId").asText(); // an alert message id names its incident too
        long ackedAt = Times.parse(ackedNew.get("lastEventTs").asText());
        long ignoredAt = Times.parse(ignoredNew.get("lastEventTs").asText());

        Path commands = dir.resolve("commands.jsonl");
        Files.write(commands, List.of(
                command(ackedAt + 180_000, "c-1", "ACKNOWLEDGE", ackedId, ""),
                command(ackedAt + 240_000, "c-2", "NOTE", ackedId, ",\"text\":\"ventilation restored\""),
                command(ackedAt + 240_000, "c-2", "NOTE", ackedId, ",\"text\":\"ventilation restored\""),
                command(ackedAt, "c-3", "ACKNOWLEDGE", "MINE_CH4_ALARM:LY009-WF1-T1/" + ackedAt, ""),
                "{\"type\":\"alert.command\",\"ts\":\"" + Times.format(ackedAt) + "\",\"commandId\":\"c-4\"}",
                // a silence on the unacknowledged RED's sensor: a RED is never silenced
                "{\"type\":\"alert.command\",\"ts\":\"" + Times.format(ignoredAt - 60_000) + "\",\"commandId\":\"s-1\","
                        + "\"action\":\"SILENCE\",\"actor\":\"duty.officer\",\"text\":\"maintenance\","
                        + "\"matchers\":{\"subjectId\":\"" + IGNORED + "\"},\"endsAt\":\""
                        + Times.format(ignoredAt + 3_600_000) + "\"}",
                "{\"type\":\"alert.command\",\"ts\":\"" + Times.format(ignoredAt + 60_000) + "\",\"commandId\":\"e-1\","
                        + "\"action\":\"EXPIRE\",\"actor\":\"duty.officer\",\"silenceId\":\"s-none\"}"),
                StandardCharsets.UTF_8);
        List<String> p1 = replay("p1", 1, commands);
        List<String> p2 = replay("p2", 2, commands);
        assertSameLines(p1, p2, "parallelism 1 and 2");
        assertEquals(Files.readAllLines(dir.resolve("p1-handling.jsonl")),
                Files.readAllLines(dir.resolve("p2-handling.jsonl")), "handling at parallelism 1 and 2");
        assertEquals(Files.readAllLines(dir.resolve("p1-dead.jsonl")).stream().map(l -> l.replaceAll(
                        "\"receivedAt\":\"[^\"]*\"", "")).collect(Collectors.toList()),
                Files.readAllLines(dir.resolve("p2-dead.jsonl")).stream().map(l -> l.replaceAll(
                        "\"receivedAt\":\"[^\"]*\"", "")).collect(Collectors.toList()));

        // every lifecycle message is still there, unchanged; the escalations are added
        List<String> lifecycle = p1.stream().filter(l -> !l.contains("\"escalation\"")).collect(Collectors.toList());
        assertEquals(plain, lifecycle);

        List<JsonNode> escalated = p1.stream().filter(l -> l.contains("\"escalation\"")).map(ReplayCommandsTest::node)
                .filter(n -> n.get("ruleId").asText().equals("MINE_CH4_ESCALATION")).collect(Collectors.toList());
        assertTrue(escalated.stream().noneMatch(n -> n.get("subjectId").asText().equals(ACKED)), p1.toString());
        List<String> times = escalated.stream().map(n -> n.get("escalation").get("count").asInt() + " +"
                        + (Times.parse(n.get("lastEventTs").asText()) - ignoredAt) / 60_000 + "min "
                        + n.get("escalation").get("reason").asText())
                .collect(Collectors.toList());
        assertEquals(List.of("1 +5min unacknowledged for 5 min", "2 +15min unacknowledged for 15 min",
                "3 +25min unacknowledged for 25 min"), times);
        System.out.println("RED NEW " + ignoredNew.get("alertId").asText() + " at " + ignoredNew.get("lastEventTs")
                .asText() + "; escalations at " + escalated.stream().map(n -> n.get("lastEventTs").asText())
                .collect(Collectors.toList()) + "; acknowledged NEW " + ackedId + " at " + Times.format(ackedAt));
        JsonNode first = escalated.get(0);
        assertEquals(IGNORED, first.get("subjectId").asText());
        assertEquals("UPDATED", first.get("status").asText());
        assertEquals(ignoredNew.get("alertId").asText(), first.get("references").get(0).asText());

        List<JsonNode> handling = Files.readAllLines(dir.resolve("p1-handling.jsonl")).stream()
                .map(ReplayCommandsTest::node).collect(Collectors.toList());
        // both outputs are contract JSON: every handling line and every escalation line validate
        SchemaValidator contract = new SchemaValidator();
        for (JsonNode h : handling) {
            assertNull(contract.validate(Handling.TYPE, h), h.toString());
        }
        for (String line : Files.readAllLines(dir.resolve("p1.jsonl"), StandardCharsets.UTF_8)) {
            if (line.contains("\"escalation\"")) {
                assertNull(contract.validate("alert", node(line)), line);
            }
        }
        JsonNode ack = handling.stream().filter(h -> "c-1".equals(h.path("lastCommandId").asText())).findFirst()
                .orElseThrow();
        assertEquals("ACKNOWLEDGED", ack.get("state").asText());
        assertEquals("duty.officer", ack.get("acknowledgedBy").asText());
        assertEquals(1, handling.stream().filter(h -> "c-2".equals(h.path("lastCommandId").asText())).count(),
                "a repeated command id is applied once");
        List<String> dead = Files.readAllLines(dir.resolve("p1-dead.jsonl"));
        assertTrue(dead.stream().anyMatch(l -> l.contains("\"reason\":\"unknown-incident\"") && l.contains("c-3")),
                dead.toString());
        assertTrue(dead.stream().anyMatch(l -> l.contains("\"reason\":\"missing-field\"") && l.contains("c-4")),
                dead.toString());
        // every parallel instance sees the EXPIRE; one dead letter says it names no silence
        assertEquals(1, dead.stream().filter(l -> l.contains("\"reason\":\"unknown-silence\"")).count(),
                dead.toString());
        assertEquals(1, Files.readAllLines(dir.resolve("p2-dead.jsonl")).stream()
                .filter(l -> l.contains("\"reason\":\"unknown-silence\"")).count());
    }

    /** Equal lists; else a message with the lines only one of them has (the files are long). */
    private static void assertSameLines(List<String> a, List<String> b, String what) {
        if (!a.equals(b)) {
            List<String> onlyA = a.stream().filter(l -> !b.contains(l)).collect(Collectors.toList());
            List<String> onlyB = b.stream().filter(l -> !a.contains(l)).collect(Collectors.toList());
            assertEquals(a.size() + " lines, only in the first:\n" + String.join("\n", onlyA),
                    b.size() + " lines, only in the second:\n" + String.join("\n", onlyB), what
                            + " (otherwise in another order)");
        }
    }
}
