package jilin.ew.mine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import jilin.ew.schema.MineReading;
import jilin.ew.serde.PackedSerializer;
import jilin.ew.serde.SerializerType;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The serializer of {@link SensorState}, the mine job's largest state: every checkpoint writes all of it, and at
 * 20,000 sensors that is 600,000 waiting readings a second. Packed in one write per sensor, statuses as one byte;
 * its copy (made for every state access while a checkpoint is being written) shares the immutable readings.
 */
public final class SensorStateSerializer extends PackedSerializer<SensorState> {
    private static final long serialVersionUID = 1L;
    private static final int VERSION = 2;
    /** Before the held rising run ({@link SensorState#riseRun}): restored with none held. */
    private static final int VERSION_NO_RISE_RUN = 1;

    @Override
    protected SensorStateSerializer newInstance() {
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
        c.riseRun = new ArrayList<>(s.riseRun);
        c.riseRates = new ArrayList<>(s.riseRates);
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
    protected void write(SensorState s, DataOutputView b) throws IOException {
        b.writeByte(VERSION);
        writeReadings(s.waitingInOrder(), b); // legacy readings not yet moved go too
        b.writeLong(s.lastTs);
        b.writeDouble(s.lastValue);
        writeString(s.band, b);
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
            writeBytes(r, b);
        }
        writeStrings(s.recent, b);
        writeReadings(s.riseRun, b);
        for (double r : s.riseRates) {
            b.writeDouble(r);
        }
    }

    /** The contract's statuses as one byte each (nearly every reading has one, and a checkpoint holds them all). */
    private static final String[] STATUSES = {null, MineReading.OK, MineReading.CALIBRATING, MineReading.FAULT};
    private static final byte OTHER_STATUS = -1;

    private static void writeReadings(List<WaitingReading> readings, DataOutputView out) throws IOException {
        out.writeInt(readings.size());
        for (WaitingReading r : readings) {
            out.writeLong(r.ts);
            out.writeDouble(r.value);
            byte code = OTHER_STATUS;
            for (byte i = 0; i < STATUSES.length; i++) {
                if (Objects.equals(STATUSES[i], r.status)) {
                    code = i;
                    break;
                }
            }
            out.writeByte(code);
            if (code == OTHER_STATUS) {
                writeString(r.status, out);
            }
        }
    }

    private static List<WaitingReading> readReadings(DataInputView in) throws IOException {
        int n = in.readInt();
        List<WaitingReading> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long ts = in.readLong();
            double value = in.readDouble();
            byte code = in.readByte();
            String status = code == OTHER_STATUS ? readString(in) : STATUSES[code];
            l.add(new WaitingReading(ts, value, status, null));
        }
        return l;
    }

    @Override
    public SensorState deserialize(DataInputView in) throws IOException {
        int version = in.readByte();
        if (version != VERSION && version != VERSION_NO_RISE_RUN) {
            throw new IOException("mine sensor state of format " + version + ", this version reads up to "
                    + VERSION);
        }
        SensorState s = new SensorState();
        s.waiting = readReadings(in);
        s.lastTs = in.readLong();
        s.lastValue = in.readDouble();
        s.band = readString(in);
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
            s.recentUtf8.add(readBytes(in));
        }
        s.recent = readStrings(in);
        if (version >= 2) {
            s.riseRun = readReadings(in);
            for (int i = 0; i < s.riseRun.size(); i++) {
                s.riseRates.add(in.readDouble());
            }
        }
        return s;
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

    /** Reads state written by the POJO serializer of earlier versions, then migrates it. */
    public static final class Snapshot extends PackedSerializer.Snapshot<SensorState> {
        @Override
        public TypeSerializer<SensorState> restoreSerializer() {
            return new SensorStateSerializer();
        }
    }
}
