package jilin.ew.mine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jilin.ew.io.ImmutableSerializer;
import jilin.ew.io.SerializerType;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The serializer of {@link SensorState}, the mine job's largest state: every checkpoint writes all of it (the heap
 * backend snapshots in full), and at 20,000 sensors that is 600,000 waiting readings a second. Flink's POJO
 * serializer made several stream calls per reading; this one packs a sensor's state into a buffer and hands it on
 * in one write, and its copy (made for every state access while a checkpoint is being written) shares the
 * immutable readings. State written by the POJO serializer of earlier versions is read by it and written anew
 * by this one (compatible after migration).
 */
public final class SensorStateSerializer extends TypeSerializer<SensorState> {
    private static final long serialVersionUID = 1L;
    private static final int VERSION = 1;

    /** Reused for every state packed by this instance: {@link #duplicate} gives each thread its own. */
    private transient DataOutputSerializer buffer;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public SensorStateSerializer duplicate() {
        return new SensorStateSerializer();
    }

    @Override
    public SensorState createInstance() {
        return new SensorState();
    }

    @Override
    public SensorState copy(SensorState s) {
        SensorState c = new SensorState();
        c.waiting = new ArrayList<>(s.waiting);
        c.pending = new ArrayList<>(s.pending); // legacy, never changed in place once restored
        c.lastTs = s.lastTs;
        c.lastValue = s.lastValue;
        c.band = s.band;
        c.lastWasRise = s.lastWasRise;
        c.stuckValue = s.stuckValue;
        c.stuckSince = s.stuckSince;
        c.stuckSignalled = s.stuckSignalled;
        c.lastVaryTs = s.lastVaryTs;
        c.silenceDeadline = s.silenceDeadline;
        c.silenceTimer = s.silenceTimer;
        c.silentAlerted = s.silentAlerted;
        c.lastTrendTs = s.lastTrendTs;
        c.winTs = new ArrayList<>(s.winTs);
        c.winVal = new ArrayList<>(s.winVal);
        c.recentReadings = new ArrayList<>(s.recentReadings);
        c.recentUtf8 = new ArrayList<>(s.recentUtf8); // arrays never written after they are made
        c.recent = new ArrayList<>(s.recent);
        return c;
    }

    @Override
    public SensorState copy(SensorState from, SensorState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(SensorState s, DataOutputView target) throws IOException {
        if (buffer == null) {
            buffer = new DataOutputSerializer(1024);
        }
        DataOutputSerializer b = buffer;
        b.clear();
        b.writeByte(VERSION);
        writeReadings(waitingInOrder(s), b);
        b.writeLong(s.lastTs);
        b.writeDouble(s.lastValue);
        ImmutableSerializer.writeString(s.band, b);
        b.writeBoolean(s.lastWasRise);
        b.writeDouble(s.stuckValue);
        b.writeLong(s.stuckSince);
        b.writeBoolean(s.stuckSignalled);
        b.writeLong(s.lastVaryTs);
        b.writeLong(s.silenceDeadline);
        b.writeLong(s.silenceTimer);
        b.writeBoolean(s.silentAlerted);
        b.writeLong(s.lastTrendTs);
        b.writeInt(s.winTs.size());
        for (int i = 0; i < s.winTs.size(); i++) {
            b.writeLong(s.winTs.get(i));
            b.writeDouble(s.winVal.get(i));
        }
        writeReadings(s.recentReadings, b);
        b.writeInt(s.recentUtf8.size());
        for (byte[] r : s.recentUtf8) {
            ImmutableSerializer.writeBytes(r, b);
        }
        b.writeInt(s.recent.size());
        for (String r : s.recent) {
            ImmutableSerializer.writeString(r, b);
        }
        target.write(b.getSharedBuffer(), 0, b.length());
    }

    /** The waiting readings, with any legacy ones not yet moved (state restored and not touched since) merged in. */
    private static List<WaitingReading> waitingInOrder(SensorState s) {
        if (s.pending.isEmpty()) {
            return s.waiting;
        }
        List<WaitingReading> all = new ArrayList<>(s.waiting);
        for (SensorState.Pending p : s.pending) {
            all.add(new WaitingReading(p.ts, p.value, p.status, p.raw));
        }
        all.sort(Comparator.comparingLong(w -> w.ts));
        return all;
    }

    private static void writeReadings(List<WaitingReading> readings, DataOutputView out) throws IOException {
        out.writeInt(readings.size());
        for (WaitingReading r : readings) {
            WaitingReading.Serializer.write(r, out);
        }
    }

    private static List<WaitingReading> readReadings(DataInputView in) throws IOException {
        int n = in.readInt();
        List<WaitingReading> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(WaitingReading.Serializer.read(in));
        }
        return l;
    }

    @Override
    public SensorState deserialize(DataInputView in) throws IOException {
        int version = in.readByte();
        if (version != VERSION) {
            throw new IOException("mine sensor state of format " + version + ", this version reads " + VERSION);
        }
        SensorState s = new SensorState();
        s.waiting = readReadings(in);
        s.lastTs = in.readLong();
        s.lastValue = in.readDouble();
        s.band = ImmutableSerializer.readString(in);
        s.lastWasRise = in.readBoolean();
        s.stuckValue = in.readDouble();
        s.stuckSince = in.readLong();
        s.stuckSignalled = in.readBoolean();
        s.lastVaryTs = in.readLong();
        s.silenceDeadline = in.readLong();
        s.silenceTimer = in.readLong();
        s.silentAlerted = in.readBoolean();
        s.lastTrendTs = in.readLong();
        int w = in.readInt();
        for (int i = 0; i < w; i++) {
            s.winTs.add(in.readLong());
            s.winVal.add(in.readDouble());
        }
        s.recentReadings = readReadings(in);
        int u = in.readInt();
        for (int i = 0; i < u; i++) {
            s.recentUtf8.add(ImmutableSerializer.readBytes(in));
        }
        int t = in.readInt();
        for (int i = 0; i < t; i++) {
            s.recent.add(ImmutableSerializer.readString(in));
        }
        return s;
    }

    @Override
    public SensorState deserialize(SensorState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SensorStateSerializer;
    }

    @Override
    public int hashCode() {
        return SensorStateSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<SensorState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Flink finds the serializer through this factory (named on {@link SensorState}). */
    public static final class Factory extends TypeInfoFactory<SensorState> {
        @Override
        public TypeInformation<SensorState> createTypeInfo(java.lang.reflect.Type t,
                                                           java.util.Map<String, TypeInformation<?>> params) {
            return new SerializerType<>(SensorState.class, SensorStateSerializer::new);
        }
    }

    /** No configuration; reads state written by the POJO serializer of earlier versions, then migrates it. */
    public static final class Snapshot implements TypeSerializerSnapshot<SensorState> {
        @Override
        public int getCurrentVersion() {
            return VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) {
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) {
        }

        @Override
        public TypeSerializer<SensorState> restoreSerializer() {
            return new SensorStateSerializer();
        }

        @Override
        public TypeSerializerSchemaCompatibility<SensorState> resolveSchemaCompatibility(
                TypeSerializerSnapshot<SensorState> old) {
            if (old instanceof Snapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            if (old instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
