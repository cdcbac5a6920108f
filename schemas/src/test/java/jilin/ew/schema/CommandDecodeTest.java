package jilin.ew.schema;

import java.util.List;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A command line that cannot be used is a dead letter with reason and field; ids name their incident. */
class CommandDecodeTest {
    private static final WireCodec CODEC = new WireCodec();
    private static final String ACK = "{\"type\":\"alert.command\",\"ts\":\"2026-03-05T14:25:00+08:00\","
            + "\"commandId\":\"c-1\",\"action\":\"ACKNOWLEDGE\",\"actor\":\"zhang.wei\",\"incidentId\":\"%s\"}";

    private static DeadLetter refused(String raw, String reason, String field) {
        CommandDecode r = CODEC.decodeCommand(raw);
        assertFalse(r.isOk(), "accepted: " + raw);
        assertNull(r.command);
        assertEquals(reason, r.deadLetter.reason, () -> "dead letter " + r.deadLetter);
        assertEquals(field, r.deadLetter.field, () -> "dead letter " + r.deadLetter);
        assertFalse(r.deadLetter.detail.isBlank());
        assertTrue(VectorsTest.REASONS.contains(r.deadLetter.reason));
        return r.deadLetter;
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "not json", "", "  "})
    void brokenJsonIsMalformed(String raw) {
        refused(raw, "malformed-json", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "42", "null"})
    void nonObjectIsRefused(String raw) {
        refused(raw, "not-an-object", null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mine.reading", "alert", "alert.handling", "ALERT.COMMAND"})
    void anotherTypeOnTheCommandsInputIsUnknown(String type) {
        refused(String.format(ACK, "X:Y/1").replace("alert.command", type), "unknown-type", "type");
    }

    @Test
    void missingTypeNamesType() {
        refused(String.format(ACK, "X:Y/1").replace("\"type\":\"alert.command\",", ""), "missing-field", "type");
    }

    @Test
    void nonFiniteNumberNamesField() {
        refused(String.format(ACK, "X:Y/1").replace("}", ",\"extra\":NaN}"), "non-finite-number", "extra");
    }

    @Test
    void tooLargeIsRefusedUnparsed() {
        String raw = String.format(ACK, "X:Y/1").replace("}", ",\"pad\":\"" + "p".repeat(70_000) + "\"}");
        DeadLetter d = refused(raw, "too-large", null);
        assertEquals(raw.length(), d.rawLength);
    }

    @Test
    void aMessageIdOrAnEscalationIdNamesItsIncident() {
        String incident = "MINE_CH4_ALARM:LY001-WF1-T1/1772691600000";
        for (String id : new String[] {incident, incident + "/1", incident + "/12", incident + "/esc-2"}) {
            CommandDecode r = CODEC.decodeCommand(String.format(ACK, id));
            assertTrue(r.isOk(), () -> String.valueOf(r.deadLetter));
            assertEquals(incident, r.command.incidentId, id);
            assertEquals("MINE_CH4_ALARM:LY001-WF1-T1", Command.keyOf(id), id);
        }
    }

    @Test
    void aKeyWithASlashKeepsItsIncident() {
        // a mine district's subject holds '/': one trailing number is the incident's start, two a message
        String incident = "MINE_MULTI_SENSOR:LY001/WF1/1772691600000";
        for (String id : new String[] {incident, incident + "/1", incident + "/esc-3"}) {
            CommandDecode r = CODEC.decodeCommand(String.format(ACK, id));
            assertTrue(r.isOk(), () -> String.valueOf(r.deadLetter));
            assertEquals(incident, r.command.incidentId, id);
            assertEquals("MINE_MULTI_SENSOR:LY001/WF1", Command.keyOf(id), id);
        }
    }

    @Test
    void aSilenceStartsWhenGivenUnlessItSaysOtherwise() {
        CommandDecode r = CODEC.decodeCommand("{\"type\":\"alert.command\",\"ts\":\"2026-03-05T15:00:00+08:00\","
                + "\"commandId\":\"s-1\",\"action\":\"SILENCE\",\"actor\":\"a\",\"text\":\"work\","
                + "\"matchers\":{\"ruleId\":\"GAS_LEL_LEVEL1\"},\"endsAt\":\"2026-03-05T16:00:00+08:00\"}");
        assertTrue(r.isOk(), () -> String.valueOf(r.deadLetter));
        assertEquals(Times.parse("2026-03-05T15:00:00+08:00"), r.command.startsAt);
        assertEquals(Times.parse("2026-03-05T16:00:00+08:00"), r.command.endsAt);
    }

    @Test
    void aCommandTheBoardEncodesIsOneTheJobDecodesToTheSameCommand() {
        Command c = new Command();
        c.ts = Times.parse("2026-03-20T08:40:00+08:00");
        c.commandId = "c-42";
        c.action = Command.Action.SILENCE;
        c.actor = "li.wei";
        c.text = "planned maintenance of the station";
        c.matchRuleId = "GAS_LEL_LEVEL1";
        c.matchPrefecture = "220100";
        c.startsAt = c.ts;
        c.endsAt = c.ts + 3_600_000;
        String line = CODEC.encode(c);
        assertTrue(line.startsWith("{\"type\":\"alert.command\""), line);
        CommandDecode r = CODEC.decodeCommand(line);
        assertEquals(null, r.deadLetter, line);
        Command back = r.command;
        assertEquals(List.of(c.ts, "c-42", Command.Action.SILENCE, "li.wei", c.text, "GAS_LEL_LEVEL1", "220100",
                        c.startsAt, c.endsAt),
                java.util.Arrays.asList(back.ts, back.commandId, back.action, back.actor, back.text, back.matchRuleId,
                        back.matchPrefecture, back.startsAt, back.endsAt));
        assertEquals(null, back.matchSubjectId);
    }

    @Test
    void aHandlingLineTheJobWritesReadsBackWhole() {
        Handling h = new Handling();
        h.incidentId = "MINE_MULTI_SENSOR:LY001/WF1/1773967431000";
        h.key = "MINE_MULTI_SENSOR:LY001/WF1";
        h.state = Handling.State.ACKNOWLEDGED;
        h.version = 3;
        h.updatedAt = 1773967731000L;
        h.acknowledgedBy = "duty";
        h.acknowledgedAt = 1773967731000L;
        h.assignee = "zhang";
        h.assignedBy = "duty";
        h.notes.add(new Handling.Note("duty", 1773967700000L, "crew withdrawn"));
        h.escalations = 1;
        h.silencedBy.add("s-1");
        h.lastCommandId = "c-3";
        h.lastAction = "ACKNOWLEDGE";
        String line = CODEC.encode(h);
        assertEquals(line, CODEC.encode(CODEC.decodeHandling(line)));
        assertThrows(IllegalArgumentException.class, () -> CODEC.decodeHandling("{\"type\":\"alert.command\"}"));
    }
}
