package jilin.ew.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Readings decoded in one streaming pass decode exactly as through a tree and networknt: over every test vector and
 * thousands of texts made from the valid ones (fields reordered, repeated, replaced by odd values, nested, non-finite,
 * trailing text), the envelope or the dead letter is the same; and the valid readings are the ones streamed.
 */
class StreamedDecodeTest {
    private static final List<String> STREAMED = List.of("mine.reading", "gas.reading", "vehicle.position");
    private final WireCodec streaming = new WireCodec(new SchemaValidator(true));
    private final WireCodec treeOnly = new WireCodec(new SchemaValidator(false));

    private static List<JsonNode> vectors(String type) throws Exception {
        return FastPathEquivalenceTest.vectors(type);
    }

    @Test
    void validReadingsThatBeginWithTheirTypeAreStreamed() throws Exception {
        int streamed = 0;
        for (String type : STREAMED) {
            for (JsonNode v : vectors(type)) {
                String raw = v.get("message").toString();
                boolean valid = v.get("valid").asBoolean() && treeOnly.decode(raw).isOk();
                boolean typeFirst = v.get("message").fieldNames().next().equals("type");
                assertEquals(valid && typeFirst, streaming.streams(raw), raw);
                streamed += streaming.streams(raw) ? 1 : 0;
            }
        }
        assertTrue(streamed >= 15, "streamed " + streamed);
        assertFalse(streaming.streams("{\"ts\":\"2026-03-05T14:20:00+08:00\",\"type\":\"mine.reading\","
                + "\"sensorId\":\"LY001-WF1-T1\",\"value\":0.42}"), "type not first: the tree path");
        assertFalse(treeOnly.streams("{\"type\":\"mine.reading\",\"ts\":\"2026-03-05T14:20:00+08:00\","
                + "\"sensorId\":\"LY001-WF1-T1\",\"value\":0.42}"), "no fast path, no streaming");
    }

    @Test
    void decodesAsTheTreePathOnEveryVectorAndVariant() throws Exception {
        Random rnd = new Random(19);
        String[] odd = {"-1", "1e9", "0", "3.5", "1e400", "-0.0", "NaN", "Infinity", "-Infinity",
            "123456789012345678901234567890", "4294967296", "2147483648", "\"\"", "\"A B\"", "\"" + "x".repeat(65) + "\"",
            "\"OK\"", "\"FAULT\"", "\"2026-03-20T08:00:00\"", "\"2026-02-30T08:00:00+08:00\"", "\"2026-03-20T08:00:00Z\"",
            "true", "false", "null", "[]", "{}", "{\"a\":1}", "\"LY001\\n\"", "\"\\u004cY001\"", "\"mine.reading\"",
            "\"gas.reading\"", "\"vehicle.position\"", "\"\u5409\u6797\"", "1.0", "359.99", "360"};
        int compared = 0;
        int streamedVariants = 0;
        for (EventType t : EventType.values()) {
            for (JsonNode v : vectors(t.wireName())) {
                ObjectNode msg = (ObjectNode) v.get("message");
                compare(msg.toString());
                compared++;
                if (!v.get("valid").asBoolean()) {
                    continue;
                }
                List<String> names = new ArrayList<>();
                for (Iterator<String> it = msg.fieldNames(); it.hasNext(); ) {
                    names.add(it.next());
                }
                int variants = STREAMED.contains(t.wireName()) ? 400 : 40;
                for (int i = 0; i < variants; i++) {
                    List<String> fields = new ArrayList<>();
                    for (String n : names) {
                        fields.add("\"" + n + "\":" + msg.get(n));
                    }
                    String f = names.get(rnd.nextInt(names.size()));
                    String value = odd[rnd.nextInt(odd.length)];
                    switch (rnd.nextInt(7)) {
                        case 0: fields.remove(names.indexOf(f)); break;
                        case 1: fields.set(names.indexOf(f), "\"" + f + "\":" + value); break;
                        case 2: fields.add("\"" + f + "\":" + value); break; // the name twice
                        case 3: fields.add("\"extra\":" + value); break;
                        case 4: Collections.shuffle(fields.subList(1, fields.size()), rnd); break;
                        case 5: Collections.shuffle(fields, rnd); break;
                        default: fields.set(names.indexOf(f), "\"" + f + "\" : " + value); break;
                    }
                    String text = "{" + String.join(rnd.nextBoolean() ? "," : " ,\n ", fields) + "}";
                    switch (rnd.nextInt(8)) {
                        case 0: text = text + " {}"; break;
                        case 1: text = text + " x"; break;
                        case 2: text = " " + text + "\t"; break;
                        case 3: text = text.substring(0, text.length() - 1); break;
                        default: break;
                    }
                    compare(text);
                    compared++;
                    streamedVariants += streaming.streams(text) ? 1 : 0;
                }
            }
        }
        assertTrue(compared > 7000, "compared " + compared);
        assertTrue(streamedVariants > 1000, "streamed " + streamedVariants + " of " + compared);
    }

    private void compare(String raw) throws Exception {
        assertEquals(describe(treeOnly.decode(raw)), describe(streaming.decode(raw)), raw);
    }

    private static String describe(DecodeResult r) throws Exception {
        if (!r.isOk()) {
            DeadLetter d = r.deadLetter;
            return "dead " + d.reason + " " + d.field + " " + d.detail + " " + d.ts + " " + d.raw;
        }
        Envelope e = r.event;
        Object payload = e.mineReading != null ? e.mineReading : e.gasReading != null ? e.gasReading
                : e.vehiclePosition != null ? e.vehiclePosition : e.mineSensor != null ? e.mineSensor
                : e.gasStation != null ? e.gasStation : e.vehicleRegistration != null ? e.vehicleRegistration
                : e.hazardReport;
        return "ok " + e.type + " " + e.ts + " " + e.raw + " " + WireCodec.mapper().writeValueAsString(payload);
    }
}
