package jilin.ew.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jilin.ew.schema.DecodeResult;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.WireCodec;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The per-sensor state: serialized without Kryo, cheap to copy, and state kept by older versions still read. */
class SensorStateTest {
    private static final String R1 = "{\"type\":\"mine.reading\",\"ts\":\"2026-01-01T00:00:25+08:00\",\"sensorId\":\"S1\",\"value\":0.3}";
    private static final String R2 = "{\"type\":\"mine.reading\",\"ts\":\"2026-01-01T00:00:50+08:00\",\"sensorId\":\"S1\",\"value\":0.4,\"status\":\"CALIBRATING\"}";

    private static TypeSerializer<SensorState> serializer() {
        TypeInformation<SensorState> info = TypeInformation.of(SensorState.class);
        assertTrue(info instanceof PojoTypeInfo, info.toString());
        assertFalse(info.toString().contains("GenericType"), info.toString());
        assertTrue(info.toString().contains("WaitingReading"), info.toString());
        return info.createSerializer(new SerializerConfigImpl());
    }

    @Test
    void roundTripsWithoutTheRawTextAndACopySharesTheWaitingReadings() throws Exception {
        SensorState s = new SensorState();
        s.waiting.add(new WaitingReading(25_000, 0.3, null, R1));
        s.waiting.add(new WaitingReading(50_000, 0.4, "CALIBRATING", R2));
        s.remember(s.waiting.get(0));
        assertEquals(R1, s.waiting.get(0).raw("S1"));
        assertEquals(List.of(R1), s.recentRaw("S1"), "in memory, evidence is the message as received");
        TypeSerializer<SensorState> ser = serializer();
        DataOutputSerializer out = new DataOutputSerializer(256);
        ser.serialize(s, out);
        SensorState back = ser.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertEquals(2, back.waiting.size());
        assertEquals(null, back.waiting.get(0).status);
        assertEquals("CALIBRATING", back.waiting.get(1).status);
        assertEquals(50_000, back.waiting.get(1).ts);
        assertEquals(0.4, back.waiting.get(1).value);
        // neither a waiting nor a remembered reading's raw text is checkpointed: restored, it is the same reading in
        // canonical form, a valid contract message that decodes to the same values
        assertEquals(List.of(back.waiting.get(0).raw("S1")), back.recentRaw("S1"));
        assertEquals(0.3, new WireCodec().decode(back.recentRaw("S1").get(0)).event.mineReading.value);
        String restored = back.waiting.get(1).raw("S1");
        DecodeResult d = new WireCodec().decode(restored);
        assertTrue(d.event != null, restored + " " + (d.deadLetter == null ? "" : d.deadLetter.reason));
        Envelope e = d.event;
        assertEquals(50_000, e.ts);
        assertEquals("S1", e.mineReading.sensorId);
        assertEquals(0.4, e.mineReading.value);
        assertEquals("CALIBRATING", e.mineReading.status);
        // what a state access during a checkpoint does: the list is copied, its immutable readings are not
        SensorState copy = ser.copy(s);
        assertSame(s.waiting.get(1), copy.waiting.get(1));
    }

    @Test
    void stateFromAnOlderVersionIsUpgradedInOrderAndItsEvidenceAgesOutFirst() {
        SensorState s = new SensorState();
        for (long ts : new long[] {50_000, 25_000}) {
            SensorState.Pending old = new SensorState.Pending(); // as restored from an older savepoint
            old.ts = ts;
            old.value = 0.3;
            old.raw = ts == 25_000 ? R1 : R2;
            s.pending.add(old);
        }
        for (int i = 0; i < SensorState.MAX_RECENT - 1; i++) {
            s.recent.add("old-" + i);
        }
        s.recentUtf8.add("older-utf8".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        s.upgrade();
        assertTrue(s.pending.isEmpty());
        assertEquals(List.of(25_000L, 50_000L), s.waiting.stream().map(w -> w.ts).toList());
        assertEquals(R1, s.waiting.get(0).raw("S1"));
        s.remember(s.waiting.get(0));
        s.remember(s.waiting.get(1));
        assertEquals(List.of("old-2", "old-3", "older-utf8", R1, R2), s.recentRaw("S1"));
    }
}
