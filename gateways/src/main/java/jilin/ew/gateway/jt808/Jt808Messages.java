package jilin.ew.gateway.jt808;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Message ids, and the bodies of the messages the gateway reads and writes (strings are GBK). */
public final class Jt808Messages {
    public static final Charset GBK = Charset.forName("GBK");

    public static final int TERMINAL_RESPONSE = 0x0001;
    public static final int HEARTBEAT = 0x0002;
    public static final int LOGOUT = 0x0003;
    public static final int REGISTER = 0x0100;
    public static final int AUTHENTICATE = 0x0102;
    public static final int LOCATION = 0x0200;
    public static final int LOCATION_BATCH = 0x0704;
    public static final int PLATFORM_RESPONSE = 0x8001;
    public static final int REGISTER_RESPONSE = 0x8100;

    /** 0x8001 results. */
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int MESSAGE_WRONG = 2;
    public static final int NOT_SUPPORTED = 3;

    /** 0x8100 results. */
    public static final int REG_OK = 0;
    public static final int REG_VEHICLE_TAKEN = 1;
    public static final int REG_NO_VEHICLE = 2;
    public static final int REG_TERMINAL_TAKEN = 3;
    public static final int REG_NO_TERMINAL = 4;

    private Jt808Messages() {}

    /** A 0x0100 registration body. */
    public record Registration(int province, int city, String manufacturer, String model, String terminalId,
                               int plateColour, String plate) {}

    /**
     * Parses a registration: the 2019 layout when the header says 2019, else 2013 (manufacturer 5, model 20, id 7
     * bytes), or the 2011 layout (model 8 bytes) that older terminals still send, told apart by the body length.
     */
    public static Registration registration(Jt808Frame f) throws BadFrameException {
        int man = f.version2019 ? 11 : 5;
        int model = f.version2019 ? 30 : f.body.length >= 4 + 5 + 20 + 7 + 1 ? 20 : 8;
        int id = f.version2019 ? 30 : 7;
        byte[] b = f.body;
        int fixed = 4 + man + model + id + 1;
        if (b.length < fixed) {
            throw new BadFrameException("truncated", "registration", "a registration needs " + fixed
                    + " bytes before the plate; the body has " + b.length);
        }
        int p = 4;
        String m = str(b, p, man);
        p += man;
        String mo = str(b, p, model);
        p += model;
        String t = str(b, p, id);
        p += id;
        int colour = b[p++] & 0xff;
        String plate = str(b, p, b.length - p);
        return new Registration(Jt808Codec.u16(b, 0), Jt808Codec.u16(b, 2), m, mo, t, colour, plate);
    }

    public static byte[] registrationBody(Registration r, boolean v2019) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(80);
        Jt808Codec.put16(out, r.province());
        Jt808Codec.put16(out, r.city());
        fixed(out, r.manufacturer(), v2019 ? 11 : 5);
        fixed(out, r.model(), v2019 ? 30 : 20);
        fixed(out, r.terminalId(), v2019 ? 30 : 7);
        out.write(r.plateColour());
        out.writeBytes(r.plate().getBytes(GBK));
        return out.toByteArray();
    }

    /** The authentication code of a 0x0102 (2013: the whole body; 2019: length, code, IMEI, software version). */
    public static String authCode(Jt808Frame f) throws BadFrameException {
        if (!f.version2019) {
            return str(f.body, 0, f.body.length);
        }
        if (f.body.length < 1 || f.body.length < 1 + (f.body[0] & 0xff)) {
            throw new BadFrameException("truncated", "authCode", "the code length runs past the body");
        }
        return str(f.body, 1, f.body[0] & 0xff);
    }

    public static byte[] authBody(String code, boolean v2019, String imei, String software) {
        byte[] c = code.getBytes(GBK);
        if (!v2019) {
            return c;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(c.length);
        out.writeBytes(c);
        fixed(out, imei, 15);
        fixed(out, software, 20);
        return out.toByteArray();
    }

    /** A 0x0704 batch: type (0 normal, 1 blind-area backfill) and its reports. */
    public record Batch(int type, List<Location> items) {}

    public static Batch batch(byte[] b) throws BadFrameException {
        if (b.length < 3) {
            throw new BadFrameException("truncated", "count", "a batch needs a count and a type");
        }
        int count = Jt808Codec.u16(b, 0);
        int type = b[2] & 0xff;
        List<Location> items = new ArrayList<>(count);
        int p = 3;
        for (int i = 0; i < count; i++) {
            if (p + 2 > b.length) {
                throw new BadFrameException("bad-length", "count", "the batch counts " + count
                        + " reports but holds " + i);
            }
            int n = Jt808Codec.u16(b, p);
            if (p + 2 + n > b.length) {
                throw new BadFrameException("bad-length", "items/" + i, "report " + i + " claims " + n
                        + " bytes; " + (b.length - p - 2) + " remain");
            }
            items.add(Location.parse(b, p + 2, n));
            p += 2 + n;
        }
        if (p != b.length) {
            throw new BadFrameException("bad-length", "count", (b.length - p) + " bytes after the " + count
                    + " reports the batch counts");
        }
        return new Batch(type, items);
    }

    public static byte[] batchBody(int type, List<Location> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * items.size() + 3);
        Jt808Codec.put16(out, items.size());
        out.write(type);
        for (Location l : items) {
            byte[] b = l.toBody();
            Jt808Codec.put16(out, b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    /** 0x8001 body: answered serial, answered id, result. */
    public static byte[] generalResponse(int serial, int msgId, int result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(5);
        Jt808Codec.put16(out, serial);
        Jt808Codec.put16(out, msgId);
        out.write(result);
        return out.toByteArray();
    }

    /** 0x8100 body: answered serial, result, and the authentication code on success only. */
    public static byte[] registrationResponse(int serial, int result, String authCode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(24);
        Jt808Codec.put16(out, serial);
        out.write(result);
        if (result == REG_OK) {
            out.writeBytes(authCode.getBytes(GBK));
        }
        return out.toByteArray();
    }

    /** Reads a 0x8001 or 0x8100 (the terminal side): answered serial, answered id (0x8100: 0x0100), result, code. */
    public record Response(int serial, int msgId, int result, String authCode) {}

    public static Response response(Jt808Frame f) throws BadFrameException {
        byte[] b = f.body;
        if (f.msgId == PLATFORM_RESPONSE && b.length == 5) {
            return new Response(Jt808Codec.u16(b, 0), Jt808Codec.u16(b, 2), b[4] & 0xff, null);
        }
        if (f.msgId == REGISTER_RESPONSE && b.length >= 3) {
            return new Response(Jt808Codec.u16(b, 0), REGISTER, b[2] & 0xff, str(b, 3, b.length - 3));
        }
        throw new BadFrameException("malformed", null, "not a platform response: " + f);
    }

    /** A GBK string field, without the 0x00 and space padding of fixed-length fields. */
    static String str(byte[] b, int p, int n) {
        int end = p + n;
        while (end > p && (b[end - 1] == 0 || b[end - 1] == ' ')) {
            end--;
        }
        return new String(b, p, end - p, GBK);
    }

    static void fixed(ByteArrayOutputStream out, String s, int n) {
        byte[] b = Arrays.copyOf(s.getBytes(GBK), n);
        out.writeBytes(b);
    }
}
