package jilin.ew.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The per-sensor state: Flink serializes it as a POJO, and text kept by older versions is still read. */
class SensorStateTest {
    private static final String R1 = "{\"type\":\"mine.reading\",\"ts\":\"2026-01-01T00:00:25+08:00\",\"sensorId\":\"S1\",\"value\":0.3}";
    private static final String R2 = "{\"type\":\"mine.reading\",\"ts\":\"2026-01-01T00:00:50+08:00\",\"sensorId\":\"S1\",\"value\":0.4}";

    @Test
    void isAPojoWithNoGenericFieldAndRoundTrips() throws Exception {
        TypeInformation<SensorState> info = TypeInformation.of(SensorState.class);
        assertTrue(info instanceof PojoTypeInfo, info.toString());
        assertFalse(info.toString().contains("GenericType"), info.toString());
        SensorState s = new SensorState();
        s.pending.add(new SensorState.Pending(25_000, 0.3, "OK", R1));
        s.remember(s.pending.get(0));
        TypeSerializer<SensorState> ser = info.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        ser.serialize(s, out);
        SensorState back = ser.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertEquals(R1, back.pending.get(0).raw());
        assertEquals(List.of(R1), back.recentRaw());
    }

    @Test
    void textFromAnOlderSavepointIsReadAndAgesOutFirst() {
        SensorState s = new SensorState();
        SensorState.Pending old = new SensorState.Pending();
        old.ts = 25_000;
        old.raw = R1; // as restored from a savepoint that kept the raw message as text
        assertEquals(R1, old.raw());
        for (int i = 0; i < SensorState.MAX_RECENT; i++) {
            s.recent.add("old-" + i);
        }
        s.remember(old);
        s.remember(new SensorState.Pending(50_000, 0.4, "OK", R2));
        List<String> recent = s.recentRaw();
        assertEquals(SensorState.MAX_RECENT, recent.size());
        assertEquals(List.of("old-2", "old-3", "old-4", R1, R2), recent);
    }
}
