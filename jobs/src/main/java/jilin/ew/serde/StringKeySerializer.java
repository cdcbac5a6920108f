package jilin.ew.serde;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Serializer of the text keys of keyed streams (sensor, station, vehicle, alert keys), byte for byte Flink's
 * string format, handed to the stream in one write. A heap checkpoint writes the key of every state entry and
 * every timer, and Flink's string serializer makes a synchronized stream call per character: over a quarter of
 * the checkpoint writer's time at 20,000 msg/s. Keys cannot migrate, so the format is Flink's own, and state keyed by
 * an earlier version's string serializer restores as is.
 */
public final class StringKeySerializer extends ImmutableSerializer<String> {
    private static final long serialVersionUID = 1L;
    private static final int HIGH_BIT = 0x80;

    /** The key type of a {@code keyBy} on text. */
    public static final SerializerType<String> TYPE = new SerializerType<>(String.class, StringKeySerializer::new, true);

    @Override
    public TypeSerializer<String> duplicate() {
        // stateless: a key's bytes go to a buffer of its own (a few dozen bytes), so threads can share it
        return this;
    }

    @Override
    public String createInstance() {
        return "";
    }

    @Override
    public void serialize(String s, DataOutputView out) throws IOException {
        // at most 3 bytes per char and 5 for the length
        byte[] b = new byte[5 + 3 * s.length()];
        // the length is written plus one (zero is a null string), 7 bits a byte, low bits first
        int n = varint(s.length() + 1, b, 0);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < HIGH_BIT) {
                b[n++] = (byte) c;
            } else {
                n = varint(c, b, n);
            }
        }
        out.write(b, 0, n);
    }

    private static int varint(int v, byte[] b, int n) {
        while (v >= HIGH_BIT) {
            b[n++] = (byte) (v | HIGH_BIT);
            v >>>= 7;
        }
        b[n++] = (byte) v;
        return n;
    }

    @Override
    public String deserialize(DataInputView in) throws IOException {
        return StringValue.readString(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        StringValue.copyString(in, out);
    }

    @Override
    public TypeSerializerSnapshot<String> snapshotConfiguration() {
        return new Snapshot();
    }

    /** No configuration; keys written by Flink's string serializer (earlier versions) are the same bytes. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<String> {
        public Snapshot() {
            super(StringKeySerializer::new);
        }

        @Override
        public TypeSerializerSchemaCompatibility<String> resolveSchemaCompatibility(
                TypeSerializerSnapshot<String> old) {
            return old instanceof StringSerializer.StringSerializerSnapshot
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : super.resolveSchemaCompatibility(old);
        }
    }
}
