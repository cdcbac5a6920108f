package jilin.ew.mine;

import java.io.IOException;
import jilin.ew.serde.PackedSerializer;
import jilin.ew.serde.SerializerType;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The serializer of the mine CEP patterns' input, on the wire from the sensor task and in the patterns' state: each
 * signal carries its reading's message and its sensor's definition, which Flink's POJO serializer wrote by
 * reflection and a call per character: 1.1-1.2 us to write and read a signal, against 0.3-0.4 us this way
 * (docs/performance.md, the mine signals' serializer).
 */
public final class MineSignalSerializer extends PackedSerializer<MineSignal> {
    private static final long serialVersionUID = 1L;
    private static final int VERSION = 1;

    private final SensorDefSerializer definitions = new SensorDefSerializer();

    @Override
    protected MineSignalSerializer newInstance() {
        return new MineSignalSerializer();
    }

    @Override
    public MineSignal createInstance() {
        return new MineSignal();
    }

    @Override
    public MineSignal copy(MineSignal m) {
        MineSignal c = new MineSignal();
        c.setKind(m.getKind());
        c.sensorId = m.sensorId;
        c.sensorKind = m.sensorKind;
        c.districtKey = m.districtKey;
        c.sensor = m.sensor == null ? null : definitions.copy(m.sensor);
        c.ts = m.ts;
        c.value = m.value;
        c.fromBand = m.fromBand;
        c.toBand = m.toBand;
        c.rate = m.rate;
        c.since = m.since;
        c.raw = m.raw;
        c.ruleSetVersion = m.ruleSetVersion;
        return c;
    }

    @Override
    protected void write(MineSignal m, DataOutputView out) throws IOException {
        out.writeByte(VERSION);
        writeString(m.getKind(), out);
        writeString(m.sensorId, out);
        writeString(m.sensorKind, out);
        writeString(m.districtKey, out);
        out.writeBoolean(m.sensor != null);
        if (m.sensor != null) {
            definitions.write(m.sensor, out);
        }
        out.writeLong(m.ts);
        out.writeDouble(m.value);
        writeString(m.fromBand, out);
        writeString(m.toBand, out);
        out.writeDouble(m.rate);
        out.writeLong(m.since);
        writeString(m.raw, out);
        writeString(m.ruleSetVersion, out);
    }

    @Override
    public MineSignal deserialize(DataInputView in) throws IOException {
        int version = in.readByte();
        if (version != VERSION) {
            throw new IOException("mine signal of format " + version + ", this version reads " + VERSION);
        }
        MineSignal m = new MineSignal();
        m.setKind(readString(in));
        m.sensorId = readString(in);
        m.sensorKind = readString(in);
        m.districtKey = readString(in);
        m.sensor = in.readBoolean() ? definitions.deserialize(in) : null;
        m.ts = in.readLong();
        m.value = in.readDouble();
        m.fromBand = readString(in);
        m.toBand = readString(in);
        m.rate = in.readDouble();
        m.since = in.readLong();
        m.raw = readString(in);
        m.ruleSetVersion = readString(in);
        return m;
    }

    @Override
    public TypeSerializerSnapshot<MineSignal> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Flink finds the serializer through this factory (named on {@link MineSignal}). */
    public static final class Factory extends TypeInfoFactory<MineSignal> {
        @Override
        public TypeInformation<MineSignal> createTypeInfo(java.lang.reflect.Type t,
                                                          java.util.Map<String, TypeInformation<?>> params) {
            return new SerializerType<>(MineSignal.class, MineSignalSerializer::new);
        }
    }

    /** Reads signals the POJO serializer of earlier versions wrote to the patterns' state, then migrates them. */
    public static final class Snapshot extends PackedSerializer.Snapshot<MineSignal> {
        @Override
        public TypeSerializer<MineSignal> restoreSerializer() {
            return new MineSignalSerializer();
        }
    }
}
