package jilin.ew.serde;

import java.util.function.Supplier;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information for a class the project serializes itself (no POJO analysis, never Kryo). */
public class SerializerType<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;
    private final Class<T> type;
    private final SerializableSupplier<TypeSerializer<T>> serializer;
    private final boolean keyType;

    /** A supplier Flink can ship with the job graph. */
    public interface SerializableSupplier<S> extends Supplier<S>, java.io.Serializable {}

    public SerializerType(Class<T> type, SerializableSupplier<TypeSerializer<T>> serializer) {
        this(type, serializer, false);
    }

    /** {@code keyType}: usable as the key of a {@code keyBy} (its values have stable equals and hashCode). */
    public SerializerType(Class<T> type, SerializableSupplier<TypeSerializer<T>> serializer, boolean keyType) {
        this.type = type;
        this.serializer = serializer;
        this.keyType = keyType;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<T> getTypeClass() {
        return type;
    }

    @Override
    public boolean isKeyType() {
        return keyType;
    }

    @Override
    public TypeSerializer<T> createSerializer(SerializerConfig config) {
        return serializer.get();
    }

    @Override
    public String toString() {
        return type.getSimpleName();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SerializerType && ((SerializerType<?>) o).type == type
                && ((SerializerType<?>) o).keyType == keyType;
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof SerializerType;
    }
}
