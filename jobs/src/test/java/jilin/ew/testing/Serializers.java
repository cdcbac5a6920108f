package jilin.ew.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** What restoring state written by an earlier serializer does, for the tests of the serializers that replace one. */
public final class Serializers {
    private Serializers() {}

    /**
     * What restoring a savepoint of the previous version does: {@code old}'s snapshot and its bytes of {@code value}
     * read back, the new serializer's verdict asserted to be "compatible after migration", the value read with the
     * restored serializer and written and read again with {@code now}.
     */
    public static <T> T migrated(TypeSerializer<T> old, T value, TypeSerializer<T> now) throws Exception {
        DataOutputSerializer snap = new DataOutputSerializer(256);
        TypeSerializerSnapshot.writeVersionedSnapshot(snap, old.snapshotConfiguration());
        DataOutputSerializer bytes = new DataOutputSerializer(256);
        old.serialize(value, bytes);
        TypeSerializerSnapshot<T> restored = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(snap.getCopyOfBuffer()), Serializers.class.getClassLoader());
        TypeSerializerSchemaCompatibility<T> compat = now.snapshotConfiguration().resolveSchemaCompatibility(restored);
        assertTrue(compat.isCompatibleAfterMigration(), compat.toString());
        T back = restored.restoreSerializer().deserialize(new DataInputDeserializer(bytes.getCopyOfBuffer()));
        DataOutputSerializer again = new DataOutputSerializer(256);
        now.serialize(back, again);
        return now.deserialize(new DataInputDeserializer(again.getCopyOfBuffer()));
    }
}
