package jilin.ew.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import jilin.ew.schema.DecodeResult;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.EventType;
import jilin.ew.schema.WireCodec;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The envelope's wire serializer loses nothing: every valid contract vector survives a round trip field for field. */
class EnvelopeSerializerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyValidVectorRoundTripsFieldForField() throws Exception {
        WireCodec codec = new WireCodec();
        EnvelopeSerializer serializer = new EnvelopeSerializer();
        Set<EventType> seen = EnumSet.noneOf(EventType.class);
        int n = 0;
        // the schemas module's contract vectors: every optional field present and absent
        try (Stream<Path> files = Files.list(Paths.get("..", "schemas", "src", "test", "resources", "vectors"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    JsonNode v = JSON.readTree(line);
                    if (!v.path("valid").asBoolean() || f.getFileName().toString().startsWith("alert")) {
                        continue;
                    }
                    DecodeResult r = codec.decode(JSON.writeValueAsString(v.get("message")));
                    assertTrue(r.isOk(), () -> "vector " + v.get("name") + " should decode");
                    Envelope back = roundTrip(serializer, r.event);
                    assertEquals(JSON.valueToTree(r.event), JSON.valueToTree(back), "vector " + v.get("name"));
                    seen.add(r.event.type);
                    n++;
                }
            }
        }
        assertEquals(EnumSet.allOf(EventType.class), seen, "every message type is covered");
        assertTrue(n >= 30, "read the vectors: " + n);
    }

    @Test
    void nonAsciiTextSurvives() throws Exception {
        Envelope e = new WireCodec().decode("{\"type\":\"hazard.report\",\"ts\":\"2026-03-05T14:20:00+08:00\","
                + "\"reportId\":\"R-1\",\"source\":\"INSPECTOR\",\"subjectId\":\"MINE-BS-01\",\"severity\":\"MAJOR\","
                + "\"category\":\"GAS\",\"text\":\"回风巷瓦斯超限 ✓\"}").event;
        Envelope back = roundTrip(new EnvelopeSerializer(), e);
        assertEquals("回风巷瓦斯超限 ✓", back.hazardReport.text);
        assertEquals(e.raw, back.raw);
    }

    @Test
    void aReadingsStatusComesBackAsOneSharedInstancePerValue() throws Exception {
        WireCodec codec = new WireCodec();
        EnvelopeSerializer s = new EnvelopeSerializer();
        String line = "{\"type\":\"mine.reading\",\"ts\":\"2026-03-20T08:00:0%d+08:00\",\"sensorId\":\"LY001-D1-SHEARER\","
                + "\"value\":0.43%s}";
        for (String status : new String[] {"OK", "CALIBRATING", "FAULT"}) {
            Envelope a = roundTrip(s, codec.decode(String.format(line, 1, ",\"status\":\"" + status + "\"")).event);
            Envelope b = roundTrip(s, codec.decode(String.format(line, 2, ",\"status\":\"" + status + "\"")).event);
            assertEquals(status, a.mineReading.status);
            // what waits for the watermark holds no copy of its own
            assertSame(a.mineReading.status, b.mineReading.status);
        }
        // absent means OK (the decoder says so)
        assertSame(roundTrip(s, codec.decode(String.format(line, 1, ",\"status\":\"OK\"")).event).mineReading.status,
                roundTrip(s, codec.decode(String.format(line, 3, "")).event).mineReading.status);
        // a status outside the contract's enum never passes decoding; the serializer still keeps it, and no status
        Envelope odd = codec.decode(String.format(line, 4, "")).event;
        odd.mineReading.status = "SPARE";
        assertEquals("SPARE", roundTrip(s, odd).mineReading.status);
        odd.mineReading.status = null;
        assertNull(roundTrip(s, odd).mineReading.status);
    }

    private static Envelope roundTrip(EnvelopeSerializer s, Envelope e) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(e, out);
        return s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
