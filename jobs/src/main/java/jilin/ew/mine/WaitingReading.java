package jilin.ew.mine;

import java.io.IOException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jilin.ew.serde.ImmutableSerializer;
import jilin.ew.serde.SerializerType;
import jilin.ew.schema.EventType;
import jilin.ew.schema.Times;
import jilin.ew.schema.WireCodec;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A reading waiting in its sensor's buffer for the watermark, to be taken in event-time order. Every reading
 * waits there for the out-of-orderness bound (30 s of 20,000 sensors is 600,000 of them), so it is immutable
 * and has its own serializer: a state access during a checkpoint copies the buffer's list, not each reading.
 *
 * <p>The raw message is kept in memory but not written to checkpoints: it was four fifths of every checkpoint's
 * bytes, and a checkpoint writes the whole buffer each time. It is only evidence, never an input to a rule, so a
 * reading restored from a checkpoint or savepoint gives the same alerts, with its message in the contract's
 * canonical form ({@link #raw(String)}) as evidence instead of the bytes received.
 */
@TypeInfo(WaitingReading.Factory.class)
public final class WaitingReading {
    public final long ts;
    public final double value;
    public final String status;
    /** The message as received, in memory only (null once restored). */
    private final String raw;

    public WaitingReading(long ts, double value, String status, String raw) {
        this.ts = ts;
        this.value = value;
        this.status = status;
        this.raw = raw;
    }

    /** The raw message as received; restored from a checkpoint, the same reading written out anew. */
    public String raw(String sensorId) {
        return raw != null ? raw : canonical(sensorId);
    }

    private String canonical(String sensorId) {
        ObjectNode n = WireCodec.mapper().createObjectNode();
        n.put("type", EventType.MINE_READING.wireName());
        n.put("ts", Times.format(ts));
        n.put("sensorId", sensorId);
        n.put("value", value);
        if (status != null) {
            n.put("status", status);
        }
        return n.toString();
    }

    /** Flink finds the serializer through this factory wherever the class appears (lists in state). */
    public static final class Factory extends TypeInfoFactory<WaitingReading> {
        @Override
        public TypeInformation<WaitingReading> createTypeInfo(java.lang.reflect.Type t,
                                                              java.util.Map<String, TypeInformation<?>> params) {
            return new SerializerType<>(WaitingReading.class, Serializer::new);
        }
    }

    /** ts, value, status: the raw message stays out of checkpoints (see the class comment). */
    public static final class Serializer extends ImmutableSerializer<WaitingReading> {
        private static final long serialVersionUID = 1L;

        @Override
        public Serializer duplicate() {
            return this; // stateless
        }

        @Override
        public WaitingReading createInstance() {
            return null;
        }

        @Override
        public void serialize(WaitingReading r, DataOutputView out) throws IOException {
            out.writeLong(r.ts);
            out.writeDouble(r.value);
            writeString(r.status, out);
        }

        @Override
        public WaitingReading deserialize(DataInputView in) throws IOException {
            return new WaitingReading(in.readLong(), in.readDouble(), readString(in), null);
        }

        @Override
        public TypeSerializerSnapshot<WaitingReading> snapshotConfiguration() {
            return new Snapshot();
        }
    }

    /** Stateless serializer: its snapshot needs no configuration. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<WaitingReading> {
        public Snapshot() {
            super(Serializer::new);
        }
    }
}
