package jilin.ew.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast path may only accept what networknt accepts: over every test vector and thousands of mutations
 * of the valid ones, its verdict equals networknt's, and it does serve the high-volume types.
 */
class FastPathEquivalenceTest {
    private final SchemaValidator withFast = new SchemaValidator(true);
    private final SchemaValidator networkntOnly = new SchemaValidator(false);

    /** The test vectors of a message type, each {valid, name, message} (the streamed decode test reads them too). */
    static List<JsonNode> vectors(String type) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                FastPathEquivalenceTest.class.getResourceAsStream("/vectors/" + type + ".jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(WireCodec.mapper().readTree(line));
                }
            }
        }
        return out;
    }

    @Test
    void servesTheHighVolumeTypes() {
        assertTrue(withFast.fastPathTypes().containsAll(List.of("mine.reading", "gas.reading", "vehicle.position")),
                "fast path types: " + withFast.fastPathTypes());
    }

    @Test
    void agreesWithNetworkntOnEveryVectorAndMutation() throws Exception {
        Random rnd = new Random(11);
        JsonNode[] oddValues = {
            JsonNodeFactory.instance.numberNode(-1), JsonNodeFactory.instance.numberNode(1e9),
            JsonNodeFactory.instance.numberNode(0), JsonNodeFactory.instance.numberNode(3.5),
            JsonNodeFactory.instance.textNode(""), JsonNodeFactory.instance.textNode("A B"),
            JsonNodeFactory.instance.textNode("x".repeat(65)), JsonNodeFactory.instance.textNode("OK"),
            JsonNodeFactory.instance.textNode("2026-03-20T08:00:00"), JsonNodeFactory.instance.booleanNode(true),
            JsonNodeFactory.instance.nullNode(), JsonNodeFactory.instance.arrayNode(),
            JsonNodeFactory.instance.textNode("LY001\n"), JsonNodeFactory.instance.numberNode(4294967296L)};
        int compared = 0;
        for (EventType t : EventType.values()) {
            for (JsonNode v : vectors(t.wireName())) {
                JsonNode msg = v.get("message");
                compare(t.wireName(), msg);
                compared++;
                if (!v.get("valid").asBoolean()) {
                    continue;
                }
                for (int i = 0; i < 60; i++) {
                    ObjectNode m = ((ObjectNode) msg).deepCopy();
                    List<String> names = new ArrayList<>();
                    for (Iterator<String> it = m.fieldNames(); it.hasNext(); ) {
                        names.add(it.next());
                    }
                    String f = names.get(rnd.nextInt(names.size()));
                    if (rnd.nextInt(5) == 0) {
                        m.remove(f);
                    } else {
                        m.set(f, oddValues[rnd.nextInt(oddValues.length)]);
                    }
                    compare(t.wireName(), m);
                    compared++;
                }
            }
        }
        assertTrue(compared > 2000, "compared " + compared);
    }

    private void compare(String type, JsonNode msg) {
        boolean fast = withFast.validate(type, msg) == null;
        boolean slow = networkntOnly.validate(type, msg) == null;
        assertEquals(slow, fast, type + ": verdicts differ for " + msg);
    }
}
