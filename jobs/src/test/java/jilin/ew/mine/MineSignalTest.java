package jilin.ew.mine;

import static jilin.ew.testing.Serializers.migrated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jilin.ew.mine.MineSignal.Kind;
import jilin.ew.schema.MineSensorDef;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The signal the mine patterns match: its kinds, its serialized form (old savepoints' included) and its order for ties. */
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

    private static TypeSerializer<MineSignal> serializer() {
        TypeSerializer<MineSignal> ser = TypeInformation.of(MineSignal.class).createSerializer(
                new SerializerConfigImpl());
        assertInstanceOf(MineSignalSerializer.class, ser);
        return ser;
    }

    /** A signal with every field set, its sensor's definition and thresholds included. */
    private static MineSignal full() {
        MineSignal m = signal("S1", Kind.BAND_CHANGE, 1.2);
        m.sensorKind = "CH4";
        m.districtKey = "M1/D2";
        m.sensor = new MineSensorDef("M1", "S1", "CH4", "T1", "D2");
        m.sensor.alarm = 1.0;
        m.sensor.powerCut = 1.5;
        m.sensor.restore = 0.9;
        m.fromBand = "NORMAL";
        m.toBand = "ALARM";
        m.rate = 0.75;
        m.since = 12_000;
        m.raw = "{\"type\":\"mine.reading\",\"sensorId\":\"S1\",\"value\":1.2,\"note\":\"\u5de5\"}";
        m.ruleSetVersion = "v7";
        return m;
    }

    private static String fields(MineSignal m) {
        MineSensorDef d = m.sensor;
        return m.kind() + "|" + m.sensorId + "|" + m.sensorKind + "|" + m.districtKey + "|" + m.ts + "|" + m.value
                + "|" + m.fromBand + "|" + m.toBand + "|" + m.rate + "|" + m.since + "|" + m.raw + "|"
                + m.ruleSetVersion + "|" + (d == null ? "no definition" : d.mineId + "," + d.sensorId + "," + d.kind
                + "," + d.location + "," + d.district + "," + d.alarm + "," + d.powerCut + "," + d.restore);
    }

    private static MineSignal roundTrip(TypeSerializer<MineSignal> ser, MineSignal m) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(128);
        ser.serialize(m, out);
        return ser.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void everyFieldRoundTripsAndACopySharesNothingThatChanges() throws Exception {
        TypeSerializer<MineSignal> ser = serializer();
        MineSignal m = full();
        MineSignal back = roundTrip(ser, m);
        assertEquals(fields(m), fields(back));
        assertTrue(back.is(Kind.BAND_CHANGE));
        assertFalse(back.is(Kind.RISE_STEP));
        MineSignal bare = signal("S2", Kind.RISE_STEP, 0.4); // no definition, bands, version: as restored from old
        bare.raw = null;
        assertEquals(fields(bare), fields(roundTrip(ser, bare)));
        assertNull(roundTrip(ser, new MineSignal()).kind());

        MineSignal c = ser.copy(m);
        assertEquals(fields(m), fields(c));
        c.sensor.alarm = 0.5; // signals are changed after they are made (a rising step's rate): a copy stands alone
        c.rate = 9;
        assertEquals(1.0, m.sensor.alarm);
        assertEquals(0.75, m.rate);
    }

    @Test
    void signalsThePreviousVersionWroteToThePatternsStateAreReadAndMigrated() throws Exception {
        // the POJO form of earlier versions (the kind a String field), in which savepoints hold the patterns' state
        Map<String, TypeInformation<?>> f = new LinkedHashMap<>();
        f.put("kind", Types.STRING);
        f.put("sensorId", Types.STRING);
        f.put("sensorKind", Types.STRING);
        f.put("districtKey", Types.STRING);
        f.put("sensor", Types.POJO(MineSensorDef.class));
        f.put("ts", Types.LONG);
        f.put("value", Types.DOUBLE);
        f.put("fromBand", Types.STRING);
        f.put("toBand", Types.STRING);
        f.put("rate", Types.DOUBLE);
        f.put("since", Types.LONG);
        f.put("raw", Types.STRING);
        f.put("ruleSetVersion", Types.STRING);
        TypeSerializer<MineSignal> old = Types.POJO(MineSignal.class, f).createSerializer(new SerializerConfigImpl());
        assertInstanceOf(PojoSerializer.class, old);
        MineSignal m = full();
        assertEquals(fields(m), fields(migrated(old, m, serializer())));
        // as the patterns' state holds them: lists of signals (buffered events, StuckDetector's pending ones)
        MineSignal bare = signal("S2", Kind.RISE_STEP, 0.4);
        List<MineSignal> back = migrated(new ListSerializer<>(old), List.of(m, bare), new ListSerializer<>(serializer()));
        assertEquals(List.of(fields(m), fields(bare)), back.stream().map(MineSignalTest::fields).toList());
        assertTrue(serializer().snapshotConfiguration().resolveSchemaCompatibility(
                serializer().snapshotConfiguration()).isCompatibleAsIs());
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
