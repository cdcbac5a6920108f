package jilin.ew.serde;

import jilin.ew.schema.Envelope;

/** Flink type information for decoded messages: serialized by {@link EnvelopeSerializer}. */
public final class EnvelopeType extends SerializerType<Envelope> {
    private static final long serialVersionUID = 1L;
    public static final EnvelopeType INSTANCE = new EnvelopeType();

    private EnvelopeType() {
        super(Envelope.class, EnvelopeSerializer::new);
    }
}
