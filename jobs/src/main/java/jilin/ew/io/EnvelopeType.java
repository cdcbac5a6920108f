package jilin.ew.io;

import jilin.ew.schema.Envelope;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink type information for decoded messages: serialized by {@link EnvelopeSerializer}. */
public final class EnvelopeType extends TypeInformation<Envelope> {
    private static final long serialVersionUID = 1L;
    public static final EnvelopeType INSTANCE = new EnvelopeType();

    private EnvelopeType() {}

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
    public Class<Envelope> getTypeClass() {
        return Envelope.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Envelope> createSerializer(SerializerConfig config) {
        return new EnvelopeSerializer();
    }

    @Override
    public String toString() {
        return "Envelope";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnvelopeType;
    }

    @Override
    public int hashCode() {
        return EnvelopeType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof EnvelopeType;
    }
}
