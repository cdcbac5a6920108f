package jilin.ew.serde;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Savepoints taken before the serializers moved from {@code jilin.ew.io} still restore, as is. */
class OldSavepointNamesTest {
    /** The package the serializers were in when those savepoints were taken (split so a rename of it leaves this). */
    private static final String OLD = "jilin.ew" + ".io.";

    @Test
    void keyedStateOfAnOldSavepointRestoresWithTheKeySerializer() throws Exception {
        TypeSerializerSnapshot<String> old = asOldSavepointWroteIt(new StringKeySerializer.Snapshot(),
                OLD + "StringKeySerializer$Snapshot");
        assertInstanceOf(StringKeySerializer.class, old.restoreSerializer());
        assertTrue(new StringKeySerializer.Snapshot().resolveSchemaCompatibility(old).isCompatibleAsIs());
    }

    @Test
    void heldMessagesOfAnOldSavepointRestoreWithTheEnvelopeSerializer() throws Exception {
        TypeSerializerSnapshot<?> old = asOldSavepointWroteIt(new EnvelopeSerializer.Snapshot(),
                OLD + "EnvelopeSerializer$Snapshot");
        assertInstanceOf(EnvelopeSerializer.class, old.restoreSerializer());
        assertTrue(new EnvelopeSerializer.Snapshot()
                .resolveSchemaCompatibility((TypeSerializerSnapshot) old).isCompatibleAsIs());
    }

    /**
     * The snapshot as a savepoint stores it (class name, version, content), under the class name of the earlier
     * version, read back the way Flink reads a savepoint: by that name.
     */
    private static <T> TypeSerializerSnapshot<T> asOldSavepointWroteIt(TypeSerializerSnapshot<T> current,
                                                                        String oldClassName) throws Exception {
        DataOutputSerializer now = new DataOutputSerializer(64);
        TypeSerializerSnapshot.writeVersionedSnapshot(now, current);
        DataInputDeserializer in = new DataInputDeserializer(now.getCopyOfBuffer());
        String name = in.readUTF();
        assertTrue(name.startsWith("jilin.ew.serde."), name);
        byte[] rest = new byte[in.available()];
        in.readFully(rest);
        DataOutputSerializer then = new DataOutputSerializer(64);
        then.writeUTF(oldClassName);
        then.write(rest);
        TypeSerializerSnapshot<T> read = TypeSerializerSnapshot.readVersionedSnapshot(
                new DataInputDeserializer(then.getCopyOfBuffer()), OldSavepointNamesTest.class.getClassLoader());
        TypeSerializer<T> restored = read.restoreSerializer();
        assertTrue(restored != null);
        return read;
    }
}
