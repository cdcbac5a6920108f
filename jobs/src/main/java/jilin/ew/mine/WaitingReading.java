package jilin.ew.mine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jilin.ew.io.ImmutableSerializer;
import jilin.ew.io.SerializerType;
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
 * and has its own serializer: a checkpoint writes its raw message in one call rather than a call per character,
 * and a state access during a checkpoint copies the buffer's list, not each reading in it.
 */
@TypeInfo(WaitingReading.Factory.class)
public final class WaitingReading {
    public final long ts;
    public final double value;
    public final String status;
    private final byte[] rawUtf8;

    public WaitingReading(long ts, double value, String status, String raw) {
        this(ts, value, status, raw.getBytes(StandardCharsets.UTF_8));
    }

    private WaitingReading(long ts, double value, String status, byte[] rawUtf8) {
        this.ts = ts;
        this.value = value;
        this.status = status;
        this.rawUtf8 = rawUtf8;
    }

    /** The raw message, as received. */
    public String raw() {
        return new String(rawUtf8, StandardCharsets.UTF_8);
    }

    byte[] rawUtf8() {
        return rawUtf8;
    }

    /** Flink finds the serializer through this factory wherever the class appears (lists in POJO state). */
    public static final class Factory extends TypeInfoFactory<WaitingReading> {
        @Override
        public TypeInformation<WaitingReading> createTypeInfo(java.lang.reflect.Type t,
                                                              java.util.Map<String, TypeInformation<?>> params) {
            return new SerializerType<>(WaitingReading.class, Serializer::new);
        }
    }

    /** ts, value, status, raw message as UTF-8. */
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
            writeBytes(r.rawUtf8, out);
        }

        @Override
        public WaitingReading deserialize(DataInputView in) throws IOException {
            return new WaitingReading(in.readLong(), in.readDouble(), readString(in), readBytes(in));
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
