package jilin.ew.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Encoded alerts and dead letters are contract JSON; times, levels and evidence are as users read them. */
class EncodeTest {
    private static final ObjectMapper MAPPER = WireCodec.mapper();
    private static final WireCodec CODEC = new WireCodec();
    private static final SchemaValidator VALIDATOR = new SchemaValidator();
    private static final Pattern LOCAL_ISO =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?\\+08:00");

    private static final String EV1 =
            "{\"type\":\"mine.reading\",\"ts\":\"2026-03-05T14:20:00+08:00\",\"sensorId\":\"LY001-WF1-T1\",\"value\":1.42}";
    private static final String EV2 =
            "{\"type\":\"mine.reading\",\"ts\":\"2026-03-05T06:20:25Z\",\"sensorId\":\"LY001-WF1-T1\",\"value\":1.62,"
                    + "\"status\":\"OK\",\"note\":\"quote \\\" and \\u4e95\"}";

    static Alert sampleAlert() {
        Alert a = new Alert();
        a.alertId = "01JNQ8M3K2V7Z5X0C4B6N8P0RT";
        a.key = "MINE_CH4_POWER_CUT:LY001-WF1-T1";
        a.ruleId = "MINE_CH4_POWER_CUT";
        a.domain = Domain.MINE;
        a.baseLevel = Level.ORANGE;
        a.level = Level.ORANGE.raise(1);
        a.status = AlertStatus.ESCALATED;
        a.subjectId = "LY001-WF1-T1";
        a.mineId = "LY001";
        a.sensorId = "LY001-WF1-T1";
        a.district = "WF1";
        a.prefecture = "220400";
        a.title = "LY001 WF1 CH4 1.62% at power-cut level";
        a.detail = "Working face WF1 of mine LY001: CH4 1.62 % >= power cut 1.5 %; withdraw personnel.";
        a.certainty = "OBSERVED";
        a.firstEventTs = Times.parse("2026-03-05T14:20:00+08:00");
        a.lastEventTs = Times.parse("2026-03-05T06:20:25Z");
        a.emittedAt = Times.parse("2026-03-05T14:20:25.412+08:00");
        a.ruleSetVersion = "default-2026.03";
        a.evidence.add(EV1);
        a.evidence.add(EV2);
        a.modifiers.add(new Modifier("DISASTER_MINE", "LY001 is one of the province's disaster mines"));
        a.references.add("01JNQ8ZZZ0000000000000000A");
        a.lat = 42.9;
        a.lon = 125.1;
        return a;
    }

    @Test
    void alertEncodesToValidContractJson() throws Exception {
        Alert a = sampleAlert();
        String json = CODEC.encode(a);
        assertFalse(json.contains("\n"), "one line");
        JsonNode n = MAPPER.readTree(json);
        assertTrue(n.isObject());
        SchemaValidator.Violation v = VALIDATOR.validate("alert", n);
        assertNull(v, () -> "alert schema: " + v);

        assertEquals("RED", n.get("level").asText());
        assertEquals("ORANGE", n.get("baseLevel").asText());
        assertEquals("ESCALATED", n.get("status").asText());
        assertEquals("MINE", n.get("domain").asText());
        assertEquals(a.key, n.get("key").asText());
        assertEquals(42.9, n.get("lat").doubleValue());
        assertEquals(125.1, n.get("lon").doubleValue());

        JsonNode ev = n.get("evidence");
        assertEquals(2, ev.size());
        assertTrue(ev.get(0).isObject(), "evidence is embedded as objects, not strings");
        assertTrue(ev.get(1).isObject(), "evidence is embedded as objects, not strings");
        assertEquals(MAPPER.readTree(EV1), ev.get(0));
        assertEquals(MAPPER.readTree(EV2), ev.get(1));
        assertEquals("quote \" and \u4e95", ev.get(1).get("note").asText());

        JsonNode mods = n.get("modifiers");
        assertEquals(1, mods.size());
        assertEquals("DISASTER_MINE", mods.get(0).get("modifier").asText());
        assertEquals(a.modifiers.get(0).reason, mods.get(0).get("reason").asText());
        assertEquals(List.of("01JNQ8ZZZ0000000000000000A"),
                List.of(MAPPER.convertValue(n.get("references"), String[].class)));

        assertEquals("2026-03-05T14:20:00+08:00", n.get("firstEventTs").asText());
        assertEquals("2026-03-05T14:20:25+08:00", n.get("lastEventTs").asText());
        assertEquals("2026-03-05T14:20:25.412+08:00", n.get("emittedAt").asText());
        for (String f : List.of("firstEventTs", "lastEventTs", "emittedAt")) {
            assertTrue(LOCAL_ISO.matcher(n.get(f).asText()).matches(), f + " " + n.get(f));
        }
    }

    @Test
    void minimalAlertOmitsAbsentOptionalsAndStillValidates() throws Exception {
        Alert a = sampleAlert();
        a.baseLevel = null;
        a.mineId = a.sensorId = a.district = a.prefecture = a.certainty = a.ruleSetVersion = null;
        a.lat = null;
        a.lon = null;
        a.evidence.clear();
        a.modifiers.clear();
        a.references.clear();
        a.status = AlertStatus.CLEARED;
        JsonNode n = MAPPER.readTree(CODEC.encode(a));
        assertNull(VALIDATOR.validate("alert", n), () -> String.valueOf(VALIDATOR.validate("alert", n)));
        for (String f : List.of("baseLevel", "mineId", "sensorId", "certainty", "lat", "lon", "inhibited")) {
            assertFalse(n.has(f), f + " should be absent");
        }
        assertEquals(0, n.get("evidence").size());
        assertEquals(0, n.get("modifiers").size());
    }

    @Test
    void inhibitedIsWrittenWhenTrue() throws Exception {
        Alert a = sampleAlert();
        a.inhibited = true;
        JsonNode n = MAPPER.readTree(CODEC.encode(a));
        assertTrue(n.get("inhibited").booleanValue());
        assertNull(VALIDATOR.validate("alert", n));
    }

    @Test
    void aLifecycleAlertHasNoEscalationField() throws Exception {
        JsonNode n = MAPPER.readTree(CODEC.encode(sampleAlert()));
        assertFalse(n.has("escalation"));
        // the line the alert had before escalations existed, byte for byte
        assertEquals(GOLDEN, CODEC.encode(sampleAlert()));
    }

    private static final String GOLDEN = "{\"alertId\":\"01JNQ8M3K2V7Z5X0C4B6N8P0RT\",\"key\":"
            + "\"MINE_CH4_POWER_CUT:LY001-WF1-T1\",\"ruleId\":\"MINE_CH4_POWER_CUT\",\"domain\":\"MINE\",\"level\":"
            + "\"RED\",\"baseLevel\":\"ORANGE\",\"status\":\"ESCALATED\",\"subjectId\":\"LY001-WF1-T1\",\"mineId\":"
            + "\"LY001\",\"sensorId\":\"LY001-WF1-T1\",\"district\":\"WF1\",\"prefecture\":\"220400\",\"title\":"
            + "\"LY001 WF1 CH4 1.62% at power-cut level\",\"detail\":\"Working face WF1 of mine LY001: CH4 1.62 % >= "
            + "power cut 1.5 %; withdraw personnel.\",\"certainty\":\"OBSERVED\",\"firstEventTs\":"
            + "\"2026-03-05T14:20:00+08:00\",\"lastEventTs\":\"2026-03-05T14:20:25+08:00\",\"emittedAt\":"
            + "\"2026-03-05T14:20:25.412+08:00\",\"ruleSetVersion\":\"default-2026.03\",\"lat\":42.9,\"lon\":125.1,"
            + "\"references\":[\"01JNQ8ZZZ0000000000000000A\"],\"modifiers\":[{\"modifier\":\"DISASTER_MINE\","
            + "\"reason\":\"LY001 is one of the province's disaster mines\"}],\"evidence\":[" + EV1 + "," + EV2 + "]}";

    @Test
    void anEscalationCarriesItsReasonCountAndRoutes() throws Exception {
        Alert a = sampleAlert();
        a.status = AlertStatus.UPDATED;
        a.escalation = new Escalation();
        a.escalation.count = 2;
        a.escalation.reason = "unacknowledged for 15 min";
        a.escalation.unacknowledgedSec = 900;
        a.escalation.routes.add("province");
        JsonNode n = MAPPER.readTree(CODEC.encode(a));
        assertNull(VALIDATOR.validate("alert", n), () -> String.valueOf(VALIDATOR.validate("alert", n)));
        JsonNode e = n.get("escalation");
        assertEquals(2, e.get("count").intValue());
        assertEquals("unacknowledged for 15 min", e.get("reason").asText());
        assertEquals(900, e.get("unacknowledgedSec").longValue());
        assertEquals("province", e.get("routes").get(0).asText());
    }

    @Test
    void handlingEncodesToValidContractJson() throws Exception {
        Handling h = new Handling();
        h.incidentId = "MINE_CH4_ALARM:LY001-WF1-T1/1772691600000";
        h.key = "MINE_CH4_ALARM:LY001-WF1-T1";
        h.state = Handling.State.RESOLVED;
        h.version = 4;
        h.updatedAt = Times.parse("2026-03-05T15:00:00+08:00");
        h.acknowledgedBy = "zhang.wei";
        h.acknowledgedAt = Times.parse("2026-03-05T14:25:00+08:00");
        h.assignee = "li.na";
        h.assignedBy = "zhang.wei";
        h.resolvedBy = "li.na";
        h.resolvedAt = h.updatedAt;
        h.resolution = "风机恢复";
        h.notes.add(new Handling.Note("li.na", Times.parse("2026-03-05T14:40:00+08:00"), "on site"));
        h.escalations = 1;
        h.silencedBy.add("s-1");
        h.lastCommandId = "c-4";
        h.lastAction = "RESOLVE";
        String json = CODEC.encode(h);
        assertFalse(json.contains("\n"), "one line");
        JsonNode n = MAPPER.readTree(json);
        assertNull(VALIDATOR.validate(Handling.TYPE, n), () -> String.valueOf(VALIDATOR.validate(Handling.TYPE, n)));
        assertEquals("alert.handling", n.get("type").asText());
        assertEquals("RESOLVED", n.get("state").asText());
        assertEquals("2026-03-05T14:25:00+08:00", n.get("acknowledgedAt").asText());
        assertEquals("on site", n.get("notes").get(0).get("text").asText());
        assertEquals("2026-03-05T14:40:00+08:00", n.get("notes").get(0).get("at").asText());

        Handling open = new Handling();
        open.incidentId = h.incidentId;
        open.key = h.key;
        open.version = 1;
        open.updatedAt = h.updatedAt;
        open.lastAction = "ESCALATE";
        JsonNode m = MAPPER.readTree(CODEC.encode(open));
        assertNull(VALIDATOR.validate(Handling.TYPE, m), () -> String.valueOf(VALIDATOR.validate(Handling.TYPE, m)));
        for (String f : List.of("acknowledgedBy", "acknowledgedAt", "resolvedAt", "lastCommandId", "assignee")) {
            assertFalse(m.has(f), f + " should be absent");
        }
    }

    @Test
    void decodedRawIsUsableAsEvidence() throws Exception {
        DecodeResult r = CODEC.decode(EV2);
        assertTrue(r.isOk());
        Alert a = sampleAlert();
        a.evidence = List.of(r.event.raw);
        JsonNode n = MAPPER.readTree(CODEC.encode(a));
        assertEquals(MAPPER.readTree(EV2), n.get("evidence").get(0));
    }

    @Test
    void deadLetterEncodesToValidContractJson() throws Exception {
        String raw = "{\"type\":\"mine.reading\",\"ts\":\"2026-03-20T08:00:00+08:00\",\"sensorId\":\"A1\",\"value\":-1}";
        DeadLetter d = CODEC.decode(raw).deadLetter;
        long receivedAt = Times.parse("2026-03-20T00:00:01.5Z");
        JsonNode n = MAPPER.readTree(CODEC.encode(d, receivedAt));
        assertNull(VALIDATOR.validate("dead-letter", n), () -> String.valueOf(VALIDATOR.validate("dead-letter", n)));
        assertEquals("out-of-range", n.get("reason").asText());
        assertEquals("value", n.get("field").asText());
        assertEquals(raw, n.get("raw").asText());
        assertEquals(raw.length(), n.get("rawLength").intValue());
        assertEquals("2026-03-20T08:00:01.5+08:00", n.get("receivedAt").asText());
    }

    @Test
    void deadLetterWithTsAndWithoutFieldValidates() throws Exception {
        String big = "x".repeat(100_000);
        DeadLetter d = CODEC.decode(big).deadLetter;
        assertEquals("too-large", d.reason);
        d.ts = Times.parse("2026-03-20T08:00:00+08:00");
        JsonNode n = MAPPER.readTree(CODEC.encode(d, System.currentTimeMillis()));
        assertNull(VALIDATOR.validate("dead-letter", n), () -> String.valueOf(VALIDATOR.validate("dead-letter", n)));
        assertFalse(n.has("field"));
        assertEquals(DeadLetter.MAX_RAW_CHARS, n.get("raw").asText().length());
        assertEquals(100_000, n.get("rawLength").intValue());
        assertEquals("2026-03-20T08:00:00+08:00", n.get("ts").asText());
    }

    @Test
    void deadLetterOfUnprintableRawIsStillJson() throws Exception {
        String raw = "{\"a\":\"\u0000\u001f\"\n";
        DeadLetter d = CODEC.decode(raw).deadLetter;
        JsonNode n = MAPPER.readTree(CODEC.encode(d, 0L));
        assertNull(VALIDATOR.validate("dead-letter", n));
        assertEquals(raw, n.get("raw").asText());
        assertEquals("1970-01-01T08:00:00+08:00", n.get("receivedAt").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-20T08:00:00+08:00", "2026-03-20T08:00:00.123+08:00",
            "2026-12-31T23:59:59.999+08:00", "1970-01-01T08:00:00+08:00"})
    void timesRoundTripInLocalTime(String iso) {
        long ms = Times.parse(iso);
        assertEquals(iso, Times.format(ms));
        assertEquals(ms, Times.parse(Times.format(ms)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-20T00:00:00Z", "2026-03-19T19:00:00-05:00", "2026-03-20T09:00:00+09:00"})
    void timesFormatOtherOffsetsAsPlusEight(String iso) {
        long ms = Times.parse(iso);
        String local = Times.format(ms);
        assertTrue(local.endsWith("+08:00"), local);
        assertEquals(OffsetDateTime.parse(iso).toInstant(), OffsetDateTime.parse(local).toInstant());
        assertEquals(ms, Times.parse(local));
    }

    @Test
    void timesParseIsExact() {
        assertEquals(1773964800000L, Times.parse("2026-03-20T00:00:00Z"));
        assertEquals(1773964800000L, Times.parse("2026-03-20T08:00:00+08:00"));
        assertEquals("2026-03-20T08:00:00+08:00", Times.format(1773964800000L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-20T08:00:00", "2026-02-30T08:00:00+08:00", "yesterday", "2026-03-20 08:00:00+08:00"})
    void timesParseRefusesBadInput(String iso) {
        assertThrows(DateTimeParseException.class, () -> Times.parse(iso));
    }

    @Test
    void levelRaiseCapsAtRed() {
        assertEquals(Level.BLUE, Level.BLUE.raise(0));
        assertEquals(Level.YELLOW, Level.BLUE.raise(1));
        assertEquals(Level.ORANGE, Level.BLUE.raise(2));
        assertEquals(Level.RED, Level.BLUE.raise(3));
        assertEquals(Level.RED, Level.BLUE.raise(10));
        assertEquals(Level.RED, Level.ORANGE.raise(1));
        assertEquals(Level.RED, Level.ORANGE.raise(2));
        assertEquals(Level.RED, Level.RED.raise(1));
        assertEquals(Level.RED, Level.RED.raise(100));
        assertEquals(Level.YELLOW, Level.YELLOW.raise(-3), "negative steps never lower");
        assertTrue(Level.RED.atLeast(Level.ORANGE));
        assertFalse(Level.BLUE.atLeast(Level.YELLOW));
    }
}
