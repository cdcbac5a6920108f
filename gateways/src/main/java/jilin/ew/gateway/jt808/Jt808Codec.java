package jilin.ew.gateway.jt808;

import java.io.ByteArrayOutputStream;

/**
 * JT/T 808 framing: 0x7e flags, 0x7d escapes, the XOR check code, and the 2013 and 2019 headers (big-endian).
 * Decoding works on the bytes between two flags; every refusal is a {@link BadFrameException} naming the reason.
 */
public final class Jt808Codec {
    public static final int FLAG = 0x7e;
    public static final int ESCAPE = 0x7d;
    /** The body length field has 10 bits. */
    public static final int MAX_BODY = 1023;

    private Jt808Codec() {}

    /** Undoes the escapes of the bytes between two flags; a 0x7d followed by anything but 1 or 2 is refused. */
    public static byte[] unescape(byte[] in, int from, int to) throws BadFrameException {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            int b = in[i] & 0xff;
            if (b == ESCAPE) {
                if (i + 1 >= to) {
                    throw new BadFrameException("bad-escape", null, "0x7d escape at the end of the frame");
                }
                int next = in[++i] & 0xff;
                if (next == 0x01) {
                    out[n++] = (byte) ESCAPE;
                } else if (next == 0x02) {
                    out[n++] = (byte) FLAG;
                } else {
                    throw new BadFrameException("bad-escape", null,
                            String.format("0x7d followed by 0x%02x (only 0x01 and 0x02 are escapes)", next));
                }
            } else {
                out[n++] = (byte) b;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** Escapes a message (header, body and check code) and puts it between flags. */
    public static byte[] escape(byte[] msg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(msg.length + 8);
        out.write(FLAG);
        for (byte value : msg) {
            int b = value & 0xff;
            if (b == FLAG) {
                out.write(ESCAPE);
                out.write(0x02);
            } else if (b == ESCAPE) {
                out.write(ESCAPE);
                out.write(0x01);
            } else {
                out.write(b);
            }
        }
        out.write(FLAG);
        return out.toByteArray();
    }

    /** XOR of bytes [from, to). */
    public static int xor(byte[] b, int from, int to) {
        int x = 0;
        for (int i = from; i < to; i++) {
            x ^= b[i];
        }
        return x & 0xff;
    }

    /**
     * Decodes an unescaped message (header, body, check code). Refuses a wrong check code, a length field that
     * disagrees with the bytes received, a truncated header and a sub-packet number outside 1..total.
     */
    public static Jt808Frame decode(byte[] m) throws BadFrameException {
        if (m.length < 13) {
            throw new BadFrameException("truncated", null, "a frame of " + m.length
                    + " bytes is shorter than the shortest header and check code (13)");
        }
        int expected = m[m.length - 1] & 0xff;
        int actual = xor(m, 0, m.length - 1);
        if (expected != actual) {
            throw new BadFrameException("bad-check-code", "checkCode",
                    String.format("check code 0x%02x but the bytes XOR to 0x%02x", expected, actual));
        }
        int msgId = u16(m, 0);
        int props = u16(m, 2);
        int bodyLength = props & 0x3ff;
        int encryption = (props >> 10) & 0x7;
        boolean sub = (props & 0x2000) != 0;
        boolean v2019 = (props & 0x4000) != 0;
        int p = 4;
        int protocolVersion = 0;
        String phone;
        if (v2019) {
            need(m, p + 1 + 10 + 2);
            protocolVersion = m[p] & 0xff;
            phone = bcd(m, p + 1, 10);
            p += 11;
        } else {
            phone = bcd(m, p, 6);
            p += 6;
        }
        int serial = u16(m, p);
        p += 2;
        int total = 0;
        int no = 0;
        if (sub) {
            need(m, p + 4 + 1);
            total = u16(m, p);
            no = u16(m, p + 2);
            p += 4;
            if (total < 1 || no < 1 || no > total) {
                throw new BadFrameException("bad-packet-number", "packetNo", "packet " + no + " of " + total
                        + " (numbers run from 1 to the total)");
            }
        }
        int got = m.length - 1 - p;
        if (got != bodyLength) {
            throw new BadFrameException("bad-length", "bodyLength", "the properties give a body of " + bodyLength
                    + " bytes but " + got + " arrived");
        }
        byte[] body = java.util.Arrays.copyOfRange(m, p, p + bodyLength);
        return new Jt808Frame(msgId, v2019, protocolVersion, phone, serial, encryption, total, no, body);
    }

    /** Encodes a frame: header, body, check code, escaped, between flags. */
    public static byte[] encode(Jt808Frame f) {
        if (f.body.length > MAX_BODY) {
            throw new IllegalArgumentException("body of " + f.body.length + " bytes; sub-package above " + MAX_BODY);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(f.body.length + 24);
        put16(out, f.msgId);
        int props = f.body.length | (f.encryption & 0x7) << 10 | (f.subPackaged() ? 0x2000 : 0)
                | (f.version2019 ? 0x4000 : 0);
        put16(out, props);
        if (f.version2019) {
            out.write(f.protocolVersion);
            putBcd(out, f.phone, 10);
        } else {
            putBcd(out, f.phone, 6);
        }
        put16(out, f.serial);
        if (f.subPackaged()) {
            put16(out, f.totalPackets);
            put16(out, f.packetNo);
        }
        out.writeBytes(f.body);
        byte[] m = out.toByteArray();
        byte[] withCheck = java.util.Arrays.copyOf(m, m.length + 1);
        withCheck[m.length] = (byte) xor(m, 0, m.length);
        return escape(withCheck);
    }

    private static void need(byte[] m, int n) throws BadFrameException {
        if (m.length < n) {
            throw new BadFrameException("truncated", null, "the header needs " + n + " bytes; the frame has "
                    + m.length);
        }
    }

    static int u16(byte[] b, int p) {
        return (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
    }

    static long u32(byte[] b, int p) {
        return ((long) u16(b, p) << 16) | u16(b, p + 2);
    }

    static void put16(ByteArrayOutputStream out, int v) {
        out.write(v >> 8 & 0xff);
        out.write(v & 0xff);
    }

    static void put32(ByteArrayOutputStream out, long v) {
        put16(out, (int) (v >>> 16 & 0xffff));
        put16(out, (int) (v & 0xffff));
    }

    /** BCD digits of n bytes as a string (a nibble above 9 is kept as a hex letter so nothing is lost). */
    public static String bcd(byte[] b, int p, int n) {
        StringBuilder s = new StringBuilder(n * 2);
        for (int i = 0; i < n; i++) {
            s.append(Character.forDigit(b[p + i] >> 4 & 0xf, 16)).append(Character.forDigit(b[p + i] & 0xf, 16));
        }
        return s.toString();
    }

    /** Writes digits as BCD into n bytes, left-padded with zeros. */
    static void putBcd(ByteArrayOutputStream out, String digits, int n) {
        String d = stripZeros(digits);
        if (d.length() > n * 2) {
            throw new IllegalArgumentException("'" + digits + "' has more than " + n * 2 + " digits");
        }
        String padded = "0".repeat(n * 2 - d.length()) + d;
        for (int i = 0; i < n; i++) {
            out.write(Character.digit(padded.charAt(2 * i), 16) << 4 | Character.digit(padded.charAt(2 * i + 1), 16));
        }
    }

    static String stripZeros(String s) {
        int i = 0;
        while (i < s.length() - 1 && s.charAt(i) == '0') {
            i++;
        }
        return s.substring(i);
    }

    /** Lower-case hex of bytes, the form a dead letter's raw carries. */
    public static String hex(byte[] b, int from, int to) {
        StringBuilder s = new StringBuilder((to - from) * 2);
        for (int i = from; i < to; i++) {
            s.append(Character.forDigit(b[i] >> 4 & 0xf, 16)).append(Character.forDigit(b[i] & 0xf, 16));
        }
        return s.toString();
    }

    public static String hex(byte[] b) {
        return hex(b, 0, b.length);
    }

    public static byte[] unhex(String s) {
        String h = s.replaceAll("\\s", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
