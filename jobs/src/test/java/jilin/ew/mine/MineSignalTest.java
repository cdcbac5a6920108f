package jilin.ew.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import jilin.ew.mine.MineSignal.Kind;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** The signal the mine patterns match: its kinds, its state form and its order for ties. */
class MineSignalTest {
    private static MineSignal signal(String sensorId, Kind kind, double value) {
        MineSignal m = new MineSignal();
        m.setKind(kind.name());
        m.sensorId = sensorId;
        m.ts = 60_000;
        m.value = value;
        m.raw = "{}";
        return m;
    }

    @Test
    void isAPojoWhoseKindIsStoredByNameAsBefore() throws Exception {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(MineSignal.class);
        // savepoints of versions with a String kind restore only if the field keeps its name and type
        PojoTypeInfo<MineSignal> type = assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(MineSignal.class));
        assertEquals(BasicTypeInfo.STRING_TYPE_INFO, type.getTypeAt(type.getFieldIndex("kind")));
        TypeSerializer<MineSignal> ser = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(128);
        ser.serialize(signal("S1", Kind.RISE_BREAK, 0.4), out);
        MineSignal back = ser.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertEquals(Kind.RISE_BREAK, back.kind());
        assertTrue(back.is(Kind.RISE_BREAK));
        assertFalse(back.is(Kind.RISE_STEP));
        assertNull(new MineSignal().kind());
    }

    @Test
    void signalsOfOneTimeAndSensorAreOrderedByTheKindsName() {
        // by name, as when kinds were strings: RISE_BREAK before RISE_STEP, unlike the enum's declaration order
        List<MineSignal> sorted = new ArrayList<>(List.of(signal("S1", Kind.VARY, 0.3), signal("S1", Kind.RISE_STEP, 0.3),
                signal("S0", Kind.VARY, 0.3), signal("S1", Kind.RISE_BREAK, 0.3), signal("S1", Kind.BAND_CHANGE, 0.3),
                signal("S1", Kind.STUCK, 0.3), signal("S1", Kind.UNSTUCK, 0.3), signal("S1", Kind.TREND_UP, 0.3)));
        sorted.sort(new MineSignal.SameTimeOrder());
        assertEquals(List.of("S0 VARY", "S1 BAND_CHANGE", "S1 RISE_BREAK", "S1 RISE_STEP", "S1 STUCK", "S1 TREND_UP",
                "S1 UNSTUCK", "S1 VARY"), sorted.stream().map(m -> m.sensorId + " " + m.kind()).toList());
    }
}
