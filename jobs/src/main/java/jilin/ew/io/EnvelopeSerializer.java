package jilin.ew.io;

import jilin.ew.schema.Envelope;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;

/**
 * Only a name in old savepoints: the envelope serializer is {@link jilin.ew.serde.EnvelopeSerializer}.
 *
 * <p>A savepoint names each state serializer's snapshot class; those taken before the serializers moved to
 * {@code jilin.ew.serde} name this package's {@code EnvelopeSerializer$Snapshot} (held messages, reports'
 * definitions). This class keeps that name resolvable, so the job still restores from them.
 */
public final class EnvelopeSerializer {
    private EnvelopeSerializer() {}

    /** An old savepoint's envelope-serializer snapshot: restores the serializer of {@code jilin.ew.serde}, as is. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Envelope> {
        public Snapshot() {
            super(jilin.ew.serde.EnvelopeSerializer::new);
        }
    }
}
