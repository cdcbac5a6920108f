package jilin.ew.gateway.jt808;

import java.io.ByteArrayOutputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The body of a 0x0200 location report: basic information (28 bytes) and the additional items the pipeline uses
 * (mileage, fuel, tachograph speed, signal, satellites); other additional items are skipped by their length.
 */
public final class Location {
    /** Terminal clocks are in Beijing time (UTC+8), as the standard says. */
    public static final ZoneOffset TERMINAL_OFFSET = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter BCD_TIME = DateTimeFormatter.ofPattern("uuMMddHHmmss");
    public static final int BASIC_LENGTH = 28;

    public long alarm;
    public long status;
    /** Latitude and longitude in 1e-6 degrees, without sign (the status bits 2 and 3 give south and west). */
    public long latE6;
    public long lonE6;
    public int altitudeM;
    /** Speed in 0.1 km/h. */
    public int speed10;
    public int direction;
    public LocalDateTime time;
    public Long mileage10;
    public Integer fuel;
    public Integer tachoSpeed10;
    public Integer signal;
    public Integer satellites;

    public boolean accOn() {
        return (status & 1) != 0;
    }

    public boolean fixed() {
        return (status & 2) != 0;
    }

    public double lat() {
        return ((status & 4) != 0 ? -latE6 : latE6) / 1e6;
    }

    public double lon() {
        return ((status & 8) != 0 ? -lonE6 : lonE6) / 1e6;
    }

    public double speedKmh() {
        return speed10 / 10.0;
    }

    public long epochMillis() {
        return time.toInstant(TERMINAL_OFFSET).toEpochMilli();
    }

    /** Parses the report at {@code [off, off + len)} of {@code b}. */
    public static Location parse(byte[] b, int off, int len) throws BadFrameException {
        if (len < BASIC_LENGTH) {
            throw new BadFrameException("truncated", "location", "a location report of " + len
                    + " bytes is shorter than its basic information (28)");
        }
        Location l = new Location();
        l.alarm = Jt808Codec.u32(b, off);
        l.status = Jt808Codec.u32(b, off + 4);
        l.latE6 = Jt808Codec.u32(b, off + 8);
        l.lonE6 = Jt808Codec.u32(b, off + 12);
        l.altitudeM = Jt808Codec.u16(b, off + 16);
        l.speed10 = Jt808Codec.u16(b, off + 18);
        l.direction = Jt808Codec.u16(b, off + 20);
        String t = Jt808Codec.bcd(b, off + 22, 6);
        try {
            l.time = LocalDateTime.parse(t, BCD_TIME);
        } catch (RuntimeException e) {
            throw new BadFrameException("bad-time", "time", "time BCD " + t + " is not a date YYMMDDhhmmss");
        }
        int p = off + BASIC_LENGTH;
        int end = off + len;
        while (p < end) {
            if (p + 2 > end) {
                throw new BadFrameException("bad-length", "additional", "an additional item's header runs past"
                        + " the report");
            }
            int id = b[p] & 0xff;
            int n = b[p + 1] & 0xff;
            int v = p + 2;
            if (v + n > end) {
                throw new BadFrameException("bad-length", "additional", String.format(
                        "additional item 0x%02x claims %d bytes; %d remain", id, n, end - v));
            }
            switch (id) {
                case 0x01 -> l.mileage10 = n == 4 ? Jt808Codec.u32(b, v) : null;
                case 0x02 -> l.fuel = n == 2 ? Jt808Codec.u16(b, v) : null;
                case 0x03 -> l.tachoSpeed10 = n == 2 ? Jt808Codec.u16(b, v) : null;
                case 0x30 -> l.signal = n == 1 ? b[v] & 0xff : null;
                case 0x31 -> l.satellites = n == 1 ? b[v] & 0xff : null;
                default -> { } // vendor and other items: skipped by their length
            }
            p = v + n;
        }
        return l;
    }

    /** The 0x0200 body of this report. */
    public byte[] toBody() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(48);
        Jt808Codec.put32(out, alarm);
        Jt808Codec.put32(out, status);
        Jt808Codec.put32(out, latE6);
        Jt808Codec.put32(out, lonE6);
        Jt808Codec.put16(out, altitudeM);
        Jt808Codec.put16(out, speed10);
        Jt808Codec.put16(out, direction);
        Jt808Codec.putBcd(out, time.format(BCD_TIME), 6);
        if (mileage10 != null) {
            out.write(0x01);
            out.write(4);
            Jt808Codec.put32(out, mileage10);
        }
        if (fuel != null) {
            out.write(0x02);
            out.write(2);
            Jt808Codec.put16(out, fuel);
        }
        if (tachoSpeed10 != null) {
            out.write(0x03);
            out.write(2);
            Jt808Codec.put16(out, tachoSpeed10);
        }
        if (signal != null) {
            out.write(0x30);
            out.write(1);
            out.write(signal);
        }
        if (satellites != null) {
            out.write(0x31);
            out.write(1);
            out.write(satellites);
        }
        return out.toByteArray();
    }

    /** A fixed report from signed degrees, km/h and an instant (the terminal side: simulator, tests, benchmark). */
    public static Location of(double lat, double lon, double speedKmh, int direction, boolean acc, long alarm,
                              long epochMillis) {
        Location l = new Location();
        l.alarm = alarm;
        l.status = 2 | (acc ? 1 : 0) | (lat < 0 ? 4 : 0) | (lon < 0 ? 8 : 0);
        l.latE6 = Math.round(Math.abs(lat) * 1e6);
        l.lonE6 = Math.round(Math.abs(lon) * 1e6);
        l.speed10 = (int) Math.round(speedKmh * 10);
        l.direction = direction;
        l.time = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), 0, TERMINAL_OFFSET);
        return l;
    }
}
