package jilin.ew.alert;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;
import jilin.ew.schema.Modifier;
import jilin.ew.serde.PackedSerializer;
import jilin.ew.serde.SerializerType;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The serializer of detections, on the wire from every domain to the alert lifecycle and in the lifecycle's state
 * (detections waiting for the watermark, each alert's last one). A detection carries its wording and its evidence
 * messages, which Flink's POJO serializer wrote a call per character (docs/performance.md, the detections'
 * serializer).
 */
public final class DetectionSerializer extends PackedSerializer<Detection> {
    private static final long serialVersionUID = 1L;
    private static final int VERSION = 1;

    @Override
    protected DetectionSerializer newInstance() {
        return new DetectionSerializer();
    }

    @Override
    public Detection createInstance() {
        return new Detection();
    }

    @Override
    public Detection copy(Detection d) {
        Detection c = new Detection();
        c.ruleId = d.ruleId;
        c.domain = d.domain;
        c.baseLevel = d.baseLevel;
        c.subjectId = d.subjectId;
        c.mineId = d.mineId;
        c.sensorId = d.sensorId;
        c.stationId = d.stationId;
        c.vehicleId = d.vehicleId;
        c.district = d.district;
        c.prefecture = d.prefecture;
        c.operatorId = d.operatorId;
        c.title = d.title;
        c.detail = d.detail;
        c.certainty = d.certainty;
        c.firstEventTs = d.firstEventTs;
        c.eventTs = d.eventTs;
        c.evidence = d.evidence == null ? null : new ArrayList<>(d.evidence);
        c.modifiers = d.modifiers == null ? null : copy(d.modifiers);
        c.keepAlive = d.keepAlive;
        c.clear = d.clear;
        c.holdOpen = d.holdOpen;
        c.reading = d.reading;
        c.keepAliveFrom = d.keepAliveFrom;
        c.reportId = d.reportId;
        c.lat = d.lat;
        c.lon = d.lon;
        c.ruleSetVersion = d.ruleSetVersion;
        c.group = d.group;
        c.contains = d.contains == null ? null : new ArrayList<>(d.contains);
        return c;
    }

    private static List<Modifier> copy(List<Modifier> modifiers) {
        List<Modifier> c = new ArrayList<>(modifiers.size());
        for (Modifier m : modifiers) {
            c.add(m == null ? null : new Modifier(m.modifier, m.reason));
        }
        return c;
    }

    @Override
    protected void write(Detection d, DataOutputView out) throws IOException {
        out.writeByte(VERSION);
        writeString(d.ruleId, out);
        // by name, not ordinal: state written now must read the same if the enums ever gain or reorder constants
        writeString(d.domain == null ? null : d.domain.name(), out);
        writeString(d.baseLevel == null ? null : d.baseLevel.name(), out);
        writeString(d.subjectId, out);
        writeString(d.mineId, out);
        writeString(d.sensorId, out);
        writeString(d.stationId, out);
        writeString(d.vehicleId, out);
        writeString(d.district, out);
        writeString(d.prefecture, out);
        writeString(d.operatorId, out);
        writeString(d.title, out);
        writeString(d.detail, out);
        writeString(d.certainty, out);
        out.writeLong(d.firstEventTs);
        out.writeLong(d.eventTs);
        writeStrings(d.evidence, out);
        out.writeInt(d.modifiers == null ? -1 : d.modifiers.size());
        if (d.modifiers != null) {
            for (Modifier m : d.modifiers) {
                out.writeBoolean(m != null);
                if (m != null) {
                    writeString(m.modifier, out);
                    writeString(m.reason, out);
                }
            }
        }
        out.writeBoolean(d.keepAlive);
        out.writeBoolean(d.clear);
        out.writeBoolean(d.holdOpen);
        writeOptional(d.reading, out);
        writeOptional(d.keepAliveFrom, out);
        writeString(d.reportId, out);
        writeOptional(d.lat, out);
        writeOptional(d.lon, out);
        writeString(d.ruleSetVersion, out);
        writeString(d.group, out);
        writeStrings(d.contains, out);
    }

    @Override
    public Detection deserialize(DataInputView in) throws IOException {
        int version = in.readByte();
        if (version != VERSION) {
            throw new IOException("detection of format " + version + ", this version reads " + VERSION);
        }
        Detection d = new Detection();
        d.ruleId = readString(in);
        String domain = readString(in);
        d.domain = domain == null ? null : Domain.valueOf(domain);
        String level = readString(in);
        d.baseLevel = level == null ? null : Level.valueOf(level);
        d.subjectId = readString(in);
        d.mineId = readString(in);
        d.sensorId = readString(in);
        d.stationId = readString(in);
        d.vehicleId = readString(in);
        d.district = readString(in);
        d.prefecture = readString(in);
        d.operatorId = readString(in);
        d.title = readString(in);
        d.detail = readString(in);
        d.certainty = readString(in);
        d.firstEventTs = in.readLong();
        d.eventTs = in.readLong();
        d.evidence = readStrings(in);
        int modifiers = in.readInt();
        if (modifiers < 0) {
            d.modifiers = null;
        } else {
            d.modifiers = new ArrayList<>(modifiers);
            for (int i = 0; i < modifiers; i++) {
                d.modifiers.add(in.readBoolean() ? new Modifier(readString(in), readString(in)) : null);
            }
        }
        d.keepAlive = in.readBoolean();
        d.clear = in.readBoolean();
        d.holdOpen = in.readBoolean();
        d.reading = readOptional(in);
        d.keepAliveFrom = readOptional(in);
        d.reportId = readString(in);
        d.lat = readOptional(in);
        d.lon = readOptional(in);
        d.ruleSetVersion = readString(in);
        d.group = readString(in);
        d.contains = readStrings(in);
        return d;
    }

    @Override
    public TypeSerializerSnapshot<Detection> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Flink finds the serializer through this factory (named on {@link Detection}). */
    public static final class Factory extends TypeInfoFactory<Detection> {
        @Override
        public TypeInformation<Detection> createTypeInfo(java.lang.reflect.Type t,
                                                         java.util.Map<String, TypeInformation<?>> params) {
            return new SerializerType<>(Detection.class, DetectionSerializer::new);
        }
    }

    /** Reads detections the POJO serializer of earlier versions wrote to the lifecycle's state, then migrates them. */
    public static final class Snapshot extends PackedSerializer.Snapshot<Detection> {
        @Override
        public TypeSerializer<Detection> restoreSerializer() {
            return new DetectionSerializer();
        }
    }
}
