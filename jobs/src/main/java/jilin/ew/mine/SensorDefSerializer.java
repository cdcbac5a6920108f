package jilin.ew.mine;

import java.io.IOException;
import jilin.ew.serde.PackedSerializer;
import jilin.ew.serde.SerializerType;
import jilin.ew.schema.MineSensorDef;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The serializer of a stream-defined sensor's definition in keyed state: one per sensor, written by every
 * checkpoint, five strings each (Flink's string serializer makes a call per character).
 */
public final class SensorDefSerializer extends PackedSerializer<MineSensorDef> {
    private static final long serialVersionUID = 1L;
    private static final int VERSION = 1;

    /** The state's type information. */
    public static TypeInformation<MineSensorDef> type() {
        return new SerializerType<>(MineSensorDef.class, SensorDefSerializer::new);
    }

    @Override
    protected SensorDefSerializer newInstance() {
        return new SensorDefSerializer();
    }

    @Override
    public MineSensorDef createInstance() {
        return new MineSensorDef();
    }

    @Override
    public MineSensorDef copy(MineSensorDef d) {
        MineSensorDef c = new MineSensorDef(d.mineId, d.sensorId, d.kind, d.location, d.district);
        c.alarm = d.alarm;
        c.powerCut = d.powerCut;
        c.restore = d.restore;
        return c;
    }

    @Override
    protected void write(MineSensorDef d, DataOutputView out) throws IOException {
        out.writeByte(VERSION);
        writeString(d.mineId, out);
        writeString(d.sensorId, out);
        writeString(d.kind, out);
        writeString(d.location, out);
        writeString(d.district, out);
        writeOptional(d.alarm, out);
        writeOptional(d.powerCut, out);
        writeOptional(d.restore, out);
    }

    @Override
    public MineSensorDef deserialize(DataInputView in) throws IOException {
        int version = in.readByte();
        if (version != VERSION) {
            throw new IOException("mine sensor definition of format " + version + ", this version reads " + VERSION);
        }
        MineSensorDef d = new MineSensorDef(readString(in), readString(in),
                readString(in), readString(in),
                readString(in));
        d.alarm = readOptional(in);
        d.powerCut = readOptional(in);
        d.restore = readOptional(in);
        return d;
    }

    @Override
    public TypeSerializerSnapshot<MineSensorDef> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Reads definitions written by the POJO serializer of earlier versions, then migrates them. */
    public static final class Snapshot extends PackedSerializer.Snapshot<MineSensorDef> {
        @Override
        public TypeSerializer<MineSensorDef> restoreSerializer() {
            return new SensorDefSerializer();
        }
    }
}
