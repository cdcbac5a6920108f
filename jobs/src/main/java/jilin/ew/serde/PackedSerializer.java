package jilin.ew.serde;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Base of the serializers of large keyed state that every checkpoint writes in full (the heap backend has no
 * incremental snapshots): a value is packed into a reused buffer and handed to the checkpoint stream in one write,
 * where Flink's POJO and string serializers make a stream call per field and per character. Each subclass takes
 * over from the POJO serializer earlier versions used, so their savepoints still restore ({@link Snapshot}).
 */
public abstract class PackedSerializer<T> extends OwnSerializer<T> {
    private static final long serialVersionUID = 1L;

    /** Reused for every value packed by this instance: {@link #duplicate} gives each thread its own. */
    private transient DataOutputSerializer buffer;

    /** A new instance (serializers are duplicated per thread, and this one has a buffer). */
    protected abstract PackedSerializer<T> newInstance();

    /** Writes the value's fields (to the buffer). */
    protected abstract void write(T value, DataOutputView out) throws IOException;

    @Override
    public final TypeSerializer<T> duplicate() {
        return newInstance();
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public final void serialize(T value, DataOutputView target) throws IOException {
        if (buffer == null) {
            buffer = new DataOutputSerializer(1024);
        }
        buffer.clear();
        write(value, buffer);
        target.write(buffer.getSharedBuffer(), 0, buffer.length());
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    /**
     * Snapshot of a packed serializer: no configuration. State written by the POJO serializer of an earlier version
     * is compatible after migration: Flink reads it with that serializer and writes it with this one.
     */
    public abstract static class Snapshot<T> implements TypeSerializerSnapshot<T> {
        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) {
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) {
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            if (old.getClass() == getClass()) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            if (old instanceof PojoSerializerSnapshot) {
                return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
            }
            return TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
