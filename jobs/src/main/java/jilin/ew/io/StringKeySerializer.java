package jilin.ew.io;

import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;

/**
 * Only a name in old savepoints: the key serializer is {@link jilin.ew.serde.StringKeySerializer}.
 *
 * <p>A savepoint names each state serializer's snapshot class; those taken before the serializers moved to
 * {@code jilin.ew.serde} name this package's {@code StringKeySerializer$Snapshot}. This class keeps that name
 * resolvable, so the job still restores from them (docs/rules-and-backtest.md: redeploying from a savepoint).
 */
public final class StringKeySerializer {
    private StringKeySerializer() {}

    /** An old savepoint's key-serializer snapshot: restores the serializer of {@code jilin.ew.serde}, as is. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<String> {
        public Snapshot() {
            super(jilin.ew.serde.StringKeySerializer::new);
        }
    }
}
