package jilin.ew.serde;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What the project's own serializers share: no fixed length, no reuse, equality by class, and text written as
 * UTF-8 in one bulk write where Flink's string format makes a call per character.
 */
public abstract class OwnSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public T deserialize(T reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }

    /** Text as UTF-8 with a length (-1: null). */
    public static void writeString(String s, DataOutputView out) throws IOException {
        writeBytes(s == null ? null : s.getBytes(StandardCharsets.UTF_8), out);
    }

    public static String readString(DataInputView in) throws IOException {
        byte[] b = readBytes(in);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** Bytes with a length (-1: null). */
    public static void writeBytes(byte[] b, DataOutputView out) throws IOException {
        if (b == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(b.length);
        out.write(b);
    }

    /** A number that may be absent. */
    public static void writeOptional(Double v, DataOutputView out) throws IOException {
        out.writeBoolean(v != null);
        if (v != null) {
            out.writeDouble(v);
        }
    }

    public static Double readOptional(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readDouble() : null;
    }

    /** Texts with their count (-1: null). */
    public static void writeStrings(List<String> l, DataOutputView out) throws IOException {
        out.writeInt(l == null ? -1 : l.size());
        if (l != null) {
            for (String s : l) {
                writeString(s, out);
            }
        }
    }

    /** Read into a mutable list, as the POJO serializer gave them (null when written null). */
    public static List<String> readStrings(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        List<String> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            l.add(readString(in));
        }
        return l;
    }

    public static byte[] readBytes(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }
}
