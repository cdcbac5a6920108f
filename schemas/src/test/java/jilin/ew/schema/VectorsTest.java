package jilin.ew.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Every line of every vectors/&lt;type&gt;.jsonl: valid ones decode to the message, invalid ones are refused naming the field. */
class VectorsTest {
    /** The reason codes the codec emits. */
    static final Set<String> REASONS = Set.of("malformed-json", "too-large", "not-an-object", "missing-field",
            "unknown-type", "non-finite-number", "wrong-type", "out-of-range", "too-long", "invalid-value");

    private static final ObjectMapper MAPPER = WireCodec.mapper();
    private static final WireCodec CODEC = new WireCodec();
    private static final SchemaValidator VALIDATOR = new SchemaValidator();

    record Vector(int line, boolean valid, String name, String field, JsonNode message) {}

    static List<Vector> read(String type) throws IOException {
        String path = "/vectors/" + type + ".jsonl";
        List<Vector> out = new ArrayList<>();
        try (InputStream in = VectorsTest.class.getResourceAsStream(path)) {
            assertNotNull(in, "missing resource " + path);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String l;
            int n = 0;
            while ((l = r.readLine()) != null) {
                n++;
                if (l.isBlank()) {
                    continue;
                }
                JsonNode v = MAPPER.readTree(l);
                out.add(new Vector(n, v.get("valid").asBoolean(), v.get("name").asText(),
                        v.hasNonNull("field") ? v.get("field").asText() : null, v.get("message")));
            }
        }
        assertFalse(out.isEmpty(), "no vectors in " + path);
        return out;
    }

    @TestFactory
    Stream<DynamicNode> inputVectors() throws IOException {
        List<DynamicNode> containers = new ArrayList<>();
        for (EventType t : EventType.values()) {
            List<DynamicNode> tests = new ArrayList<>();
            for (Vector v : read(t.wireName())) {
                String name = v.line + ": " + (v.valid ? "valid" : "invalid") + ": " + v.name;
                tests.add(dynamicTest(name, () -> check(t, v)));
            }
            containers.add(DynamicContainer.dynamicContainer(t.wireName(), tests));
        }
        return containers.stream();
    }

    private static void check(EventType t, Vector v) throws IOException {
        String json = MAPPER.writeValueAsString(v.message);
        DecodeResult r = CODEC.decode(json);
        if (v.valid) {
            assertTrue(r.isOk(), () -> "refused: " + r.deadLetter);
            Envelope e = r.event;
            assertEquals(t, e.type);
            assertEquals(json, e.raw);
            assertEquals(OffsetDateTime.parse(v.message.get("ts").asText()).toInstant().toEpochMilli(), e.ts);
            assertPayloadMatches(v.message, payload(e));
        } else {
            assertFalse(r.isOk(), "accepted an invalid vector");
            DeadLetter d = r.deadLetter;
            assertEquals(v.field, d.field, () -> "field of " + d);
            assertTrue(REASONS.contains(d.reason), () -> "unknown reason in " + d);
            assertEquals(json, d.raw);
            assertEquals(json.length(), d.rawLength);
        }
    }

    /** The one payload set on the envelope; all others must be null. */
    static Object payload(Envelope e) {
        Object[] all = {e.mineSensor, e.mineReading, e.gasStation, e.gasReading, e.vehicleRegistration,
                e.vehiclePosition, e.hazardReport};
        Object expected;
        switch (e.type) {
            case MINE_SENSOR: expected = e.mineSensor; break;
            case MINE_READING: expected = e.mineReading; break;
            case GAS_STATION: expected = e.gasStation; break;
            case GAS_READING: expected = e.gasReading; break;
            case VEHICLE_REGISTRATION: expected = e.vehicleRegistration; break;
            case VEHICLE_POSITION: expected = e.vehiclePosition; break;
            case HAZARD_REPORT: expected = e.hazardReport; break;
            default: throw new IllegalStateException();
        }
        assertNotNull(expected, "no payload for " + e.type);
        for (Object o : all) {
            if (o != expected) {
                assertNull(o, "a second payload is set on " + e.type);
            }
        }
        return expected;
    }

    /** Each payload field equals the message's field of the same name; absent ones are null or the default. */
    static void assertPayloadMatches(JsonNode message, Object payload) {
        JsonNode tree = MAPPER.valueToTree(payload);
        assertTrue(tree.size() > 0, "payload has no fields");
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String name = f.getKey();
            JsonNode got = f.getValue();
            JsonNode want = message.get(name);
            if (want == null || want.isNull()) {
                assertTrue(got.isNull() || isDefault(name, got), () -> name + " absent in message but " + got);
            } else if (want.isNumber()) {
                assertTrue(got.isNumber(), () -> name + ": " + got);
                assertEquals(want.doubleValue(), got.doubleValue(), 0.0, name);
            } else {
                assertEquals(want, got, name);
            }
        }
    }

    private static boolean isDefault(String name, JsonNode v) {
        switch (name) {
            case "status": return "OK".equals(v.asText());
            case "nearCrowdPlace": return v.isBoolean() && !v.booleanValue();
            case "alarmFlags": return v.isNumber() && v.longValue() == 0;
            default: return false;
        }
    }

    @TestFactory
    Stream<DynamicNode> alertVectors() throws IOException {
        return read("alert").stream().map(v -> dynamicTest(v.line + ": " + (v.valid ? "valid" : "invalid") + ": "
                + v.name, () -> {
                    SchemaValidator.Violation x = VALIDATOR.validate("alert", v.message);
                    if (v.valid) {
                        assertNull(x, () -> "refused: " + x);
                    } else {
                        assertNotNull(x, "accepted an invalid alert");
                        assertEquals(v.field, x.field, () -> "field of " + x);
                        assertTrue(REASONS.contains(x.reason), () -> "unknown reason in " + x);
                    }
                }));
    }

    /** alert.command vectors: valid ones decode to the command they say, invalid ones are refused naming the field. */
    @TestFactory
    Stream<DynamicNode> commandVectors() throws IOException {
        return read(Command.TYPE).stream().map(v -> dynamicTest(v.line + ": " + (v.valid ? "valid" : "invalid")
                + ": " + v.name, () -> {
                    String json = MAPPER.writeValueAsString(v.message);
                    CommandDecode r = CODEC.decodeCommand(json);
                    if (v.valid) {
                        assertTrue(r.isOk(), () -> "refused: " + r.deadLetter);
                        Command c = r.command;
                        JsonNode m = v.message;
                        assertEquals(OffsetDateTime.parse(m.get("ts").asText()).toInstant().toEpochMilli(), c.ts);
                        assertEquals(m.get("commandId").asText(), c.commandId);
                        assertEquals(m.get("action").asText(), c.action.name());
                        assertEquals(m.get("actor").asText(), c.actor);
                        assertEquals(m.hasNonNull("incidentId") ? Command.incidentOf(m.get("incidentId").asText())
                                : null, c.incidentId);
                        assertEquals(m.path("assignee").asText(null), c.assignee);
                        assertEquals(m.path("text").asText(null), c.text);
                        assertEquals(m.path("silenceId").asText(null), c.silenceId);
                        assertEquals(m.path("matchers").path("ruleId").asText(null), c.matchRuleId);
                        assertEquals(m.path("matchers").path("subjectId").asText(null), c.matchSubjectId);
                        assertEquals(m.path("matchers").path("prefecture").asText(null), c.matchPrefecture);
                        if (c.action == Command.Action.SILENCE) {
                            long starts = m.has("startsAt") ? Times.parse(m.get("startsAt").asText()) : c.ts;
                            assertEquals(starts, c.startsAt);
                            assertEquals(Times.parse(m.get("endsAt").asText()), c.endsAt);
                        }
                    } else {
                        assertFalse(r.isOk(), "accepted an invalid command");
                        DeadLetter d = r.deadLetter;
                        assertEquals(v.field, d.field, () -> "field of " + d);
                        assertTrue(REASONS.contains(d.reason), () -> "unknown reason in " + d);
                        assertEquals(json, d.raw);
                    }
                }));
    }
}
