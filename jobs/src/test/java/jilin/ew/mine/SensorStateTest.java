package jilin.ew.mine;

import static jilin.ew.testing.Serializers.migrated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jilin.ew.schema.DecodeResult;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.MineSensorDef;
import jilin.ew.schema.WireCodec;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The per-sensor state and definition: own serializers, cheap to copy, and state kept by older versions still read. */
class SensorStateTest {
    private static final String R1 = "{\"type\":\"mine.reading\",\"ts\":\"2026-01-01T00:00:25+08:00\",\"sensorId\":\"S1\",\"value\":0.3}";
    private static final String R2 = "{\"type\":\"mine.reading\",\"ts\":\"2026-01-01T00:00:50+08:00\",\"sensorId\":\"S1\",\"value\":0.4,\"status\":\"CALIBRATING\"}";

    private static TypeSerializer<SensorState> serializer() {
        TypeSerializer<SensorState> ser = TypeInformation.of(SensorState.class).createSerializer(
                new SerializerConfigImpl());
        assertTrue(ser instanceof SensorStateSerializer, ser.toString());
        return ser;
    }

    /** The POJO type of SensorState as the previous version had it (before recentReadings and its serializer). */
    private static TypeInformation<SensorState> previousVersionPojo() {
        Map<String, TypeInformation<?>> f = new LinkedHashMap<>();
        f.put("waiting", Types.LIST(TypeInformation.of(WaitingReading.class)));
        f.put("pending", Types.LIST(Types.POJO(SensorState.Pending.class)));
        f.put("lastTs", Types.LONG);
        f.put("lastValue", Types.DOUBLE);
        f.put("band", Types.STRING);
        f.put("lastWasRise", Types.BOOLEAN);
        f.put("stuckValue", Types.DOUBLE);
        f.put("stuckSince", Types.LONG);
        f.put("stuckSignalled", Types.BOOLEAN);
        f.put("lastVaryTs", Types.LONG);
        f.put("silenceDeadline", Types.LONG);
        f.put("silenceTimer", Types.LONG);
        f.put("silentAlerted", Types.BOOLEAN);
        f.put("lastTrendTs", Types.LONG);
        f.put("winTs", Types.LIST(Types.LONG));
        f.put("winVal", Types.LIST(Types.DOUBLE));
        f.put("recentUtf8", Types.LIST(Types.PRIMITIVE_ARRAY(Types.BYTE)));
        f.put("recent", Types.LIST(Types.STRING));
        return Types.POJO(SensorState.class, f);
    }

    @Test
    void stateCheckpointedByThePreviousVersionIsReadAndMigrated() throws Exception {
        TypeSerializer<SensorState> old = previousVersionPojo().createSerializer(new SerializerConfigImpl());
        SensorState s = new SensorState();
        s.waiting.add(new WaitingReading(25_000, 0.3, null, R1));
        s.lastTs = 20_000;
        s.lastValue = 0.25;
        s.band = "ALARM";
        s.silenceDeadline = 95_000;
        s.winTs.add(20_000L);
        s.winVal.add(0.25);
        s.recentUtf8.add(R2.getBytes(StandardCharsets.UTF_8));
        SensorState now = migrated(old, s, serializer());
        assertEquals(List.of(25_000L), now.waiting.stream().map(w -> w.ts).toList());
        assertEquals(20_000, now.lastTs);
        assertEquals(0.25, now.lastValue);
        assertEquals("ALARM", now.band);
        assertEquals(95_000, now.silenceDeadline);
        assertEquals(List.of(0.25), now.winVal);
        assertEquals(List.of(R2), now.recentRaw("S1"));
        assertEquals(Long.MIN_VALUE, now.silenceTimer);
        assertTrue(Double.isNaN(now.stuckValue));
        assertTrue(serializer().snapshotConfiguration().resolveSchemaCompatibility(
                serializer().snapshotConfiguration()).isCompatibleAsIs());
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
        copy.waiting.remove(0);
        copy.remember(copy.waiting.get(0));
        assertEquals(2, s.waiting.size(), "the copy's lists are its own: the checkpoint being written keeps its view");
        assertEquals(List.of(R1), s.recentRaw("S1"));
    }

    @Test
    void theWindowHoldsWhatIsLeftInItAndItsMinimumAfterEveryReadingCopyAndRestore() throws Exception {
        java.util.Random r = new java.util.Random(7);
        SensorState s = new SensorState();
        TypeSerializer<SensorState> ser = serializer();
        java.util.ArrayDeque<double[]> expected = new java.util.ArrayDeque<>(); // (ts, value), oldest first
        long ts = 0;
        boolean capped = false;
        for (int i = 0; i < 5_000; i++) {
            ts += r.nextInt(700) == 0 ? 1_000 + r.nextInt(400) * 1_000 : 1_000; // every second, now and then a gap
            double v = Math.round(r.nextGaussian() * 10) / 100.0 + 0.3; // coarse values: the minimum often repeats
            long windowMs = i < 2_500 ? 600_000 : 60_000; // ten minutes of readings every second is over the cap
            double min = s.windowMin(ts, v, windowMs);
            expected.addLast(new double[] {ts, v});
            while (expected.peekFirst()[0] < ts - windowMs || expected.size() > SensorState.MAX_WINDOW) {
                capped |= expected.size() > SensorState.MAX_WINDOW;
                expected.removeFirst();
            }
            assertEquals(expected.stream().map(e -> (long) e[0]).toList(), s.winTs, "at " + i);
            assertEquals(expected.stream().map(e -> e[1]).toList(), s.winVal, "at " + i);
            assertEquals(expected.stream().mapToDouble(e -> e[1]).min().orElseThrow(), min, 0.0, "at " + i);
            if (i % 997 == 0) {
                SensorState copy = ser.copy(s);
                s.windowMin(ts + 1, 9.0, windowMs); // the copy's window is its own
                assertEquals(expected.size(), copy.winTs.size(), "at " + i);
                s = copy;
            } else if (i % 1_301 == 0) {
                DataOutputSerializer out = new DataOutputSerializer(4096);
                ser.serialize(s, out);
                s = ser.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            }
        }
        assertTrue(capped, "the test reaches the window's cap");
    }

    @Test
    void aHeldRisingRunRoundTripsAndStateWrittenBeforeItReadsWithNoneHeld() throws Exception {
        SensorState s = new SensorState();
        s.lastWasRise = true;
        s.riseRun.add(new WaitingReading(25_000, 0.6, null, R1));
        s.riseRun.add(new WaitingReading(50_000, 0.9, "OK", R2));
        s.riseRates.add(0.72);
        s.riseRates.add(0.75);
        TypeSerializer<SensorState> ser = serializer();
        DataOutputSerializer out = new DataOutputSerializer(256);
        ser.serialize(s, out);
        SensorState back = ser.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertEquals(List.of(25_000L, 50_000L), back.riseRun.stream().map(r -> r.ts).toList());
        assertEquals(List.of(0.6, 0.9), back.riseRun.stream().map(r -> r.value).toList());
        assertEquals(List.of(0.72, 0.75), back.riseRates);
        assertTrue(back.lastWasRise);

        // format 1 (before the held run) is format 2 without its last field, the run's count
        SensorState none = new SensorState();
        none.lastWasRise = true;
        DataOutputSerializer v2 = new DataOutputSerializer(256);
        ser.serialize(none, v2);
        byte[] v1 = java.util.Arrays.copyOf(v2.getCopyOfBuffer(), v2.length() - 4);
        v1[0] = 1;
        SensorState old = ser.deserialize(new DataInputDeserializer(v1));
        assertTrue(old.lastWasRise);
        assertEquals(List.of(), old.riseRun, "a run in progress when the savepoint was taken starts anew");
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

    @Test
    void aDefinitionCheckpointedByThePreviousVersionIsReadAndMigrated() throws Exception {
        TypeSerializer<MineSensorDef> old = Types.POJO(MineSensorDef.class).createSerializer(new SerializerConfigImpl());
        MineSensorDef d = new MineSensorDef("LY001", "S1", "CH4", "UPPER_CORNER", "D1");
        d.alarm = 0.8;
        TypeSerializer<MineSensorDef> now = SensorDefSerializer.type().createSerializer(new SerializerConfigImpl());
        MineSensorDef r = migrated(old, d, now);
        assertEquals(List.of("LY001", "S1", "CH4", "UPPER_CORNER", "D1"),
                List.of(r.mineId, r.sensorId, r.kind, r.location, r.district));
        assertEquals(0.8, r.alarm);
        assertEquals(null, r.powerCut);
        MineSensorDef c = now.copy(r);
        c.alarm = 1.0;
        assertEquals(0.8, r.alarm, "a copy is its own");
    }
}
