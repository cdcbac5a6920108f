package jilin.ew.gateway.jt808;

import static jilin.ew.gateway.jt808.Jt808Codec.unhex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The codec on its own: round trips, the published vectors, and every way a frame is refused. */
class Jt808CodecTest {

    static Jt808Frame decode(String hex) throws BadFrameException {
        byte[] b = unhex(hex);
        return Jt808Codec.decode(Jt808Codec.unescape(b, 1, b.length - 1));
    }

    @Test
    void escapingRoundTripsFlagAndEscapeBytesInHeaderAndBody() throws Exception {
        byte[] body = {0x7e, 0x7d, 0x01, 0x02, 0x7d, 0x7e, 0x30};
        for (boolean v2019 : new boolean[] {false, true}) {
            Jt808Frame f = Jt808Frame.of(0x0900, v2019, "13800000000", 0x7e7d, body); // serial bytes are flag and escape
            byte[] wire = Jt808Codec.encode(f);
            assertEquals(0x7e, wire[0] & 0xff);
            assertEquals(0x7e, wire[wire.length - 1] & 0xff);
            for (int i = 1; i < wire.length - 1; i++) {
                assertTrue(wire[i] != 0x7e, "no flag inside the frame");
            }
            Jt808Frame back = decode(Jt808Codec.hex(wire));
            assertEquals(0x0900, back.msgId);
            assertEquals(v2019, back.version2019);
            assertEquals("13800000000", back.terminal());
            assertEquals(0x7e7d, back.serial);
            assertArrayEquals(body, back.body);
        }
    }

    @Test
    void subPackageFieldsRoundTrip() throws Exception {
        Jt808Frame f = new Jt808Frame(0x0704, true, 1, "13912344329", 7, 0, 3, 2, new byte[] {1, 2, 3});
        Jt808Frame back = decode(Jt808Codec.hex(Jt808Codec.encode(f)));
        assertTrue(back.subPackaged());
        assertEquals(3, back.totalPackets);
        assertEquals(2, back.packetNo);
        assertEquals(1, back.protocolVersion);
        assertEquals("00000000013912344329", back.phone);
    }

    @Test
    void locationRoundTripsWithItemsSouthAndWest() throws Exception {
        Location l = Location.of(-43.123456, -125.654321, 87.3, 359, true, 1L << 29, 1_774_000_000_000L);
        l.mileage10 = 123456L;
        l.fuel = 512;
        l.tachoSpeed10 = 870;
        l.signal = 25;
        l.satellites = 11;
        byte[] body = l.toBody();
        Location back = Location.parse(body, 0, body.length);
        assertEquals(-43.123456, back.lat(), 1e-9);
        assertEquals(-125.654321, back.lon(), 1e-9);
        assertEquals(87.3, back.speedKmh(), 1e-9);
        assertEquals(359, back.direction);
        assertTrue(back.accOn());
        assertTrue(back.fixed());
        assertEquals(1L << 29, back.alarm);
        assertEquals(1_774_000_000_000L, back.epochMillis());
        assertEquals(123456L, back.mileage10);
        assertEquals(512, back.fuel);
        assertEquals(870, back.tachoSpeed10);
        assertEquals(25, back.signal);
        assertEquals(11, back.satellites);
    }

    @Test
    void registrationAndAuthenticationRoundTripInBothEditions() throws Exception {
        Jt808Messages.Registration r = new Jt808Messages.Registration(22, 100, "JLSIM", "EW-808", "AB0871", 1,
                "吉A10871");
        for (boolean v2019 : new boolean[] {false, true}) {
            Jt808Frame f = decode(Jt808Codec.hex(Jt808Codec.encode(Jt808Frame.of(0x0100, v2019, "14400000001", 1,
                    Jt808Messages.registrationBody(r, v2019)))));
            assertEquals(r, Jt808Messages.registration(f));
            Jt808Frame a = decode(Jt808Codec.hex(Jt808Codec.encode(Jt808Frame.of(0x0102, v2019, "14400000001", 2,
                    Jt808Messages.authBody("c0de", v2019, "860000000000001", "1.0")))));
            assertEquals("c0de", Jt808Messages.authCode(a));
        }
    }

    // --- published vectors ---

    @Test
    void realRegistrationsIn2013And2011Layouts() throws Exception {
        Jt808Frame f = decode(Vectors.T_REGISTER_2013);
        assertEquals(0x0100, f.msgId);
        assertFalse(f.version2019);
        assertEquals("13511221122", f.terminal());
        assertEquals(5, f.serial);
        Jt808Messages.Registration r = Jt808Messages.registration(f);
        assertEquals(2, r.plateColour());
        assertEquals("苏BA6860", r.plate());
        assertEquals("70107", r.manufacturer());

        Jt808Messages.Registration old = Jt808Messages.registration(decode(Vectors.T_REGISTER_2011));
        assertEquals("粤B88888", old.plate());
        assertEquals(1, old.plateColour());
    }

    @Test
    void realAuthenticationAndHeartbeat() throws Exception {
        Jt808Frame a = decode(Vectors.T_AUTH_2013);
        assertEquals("authentication", Jt808Messages.authCode(a));
        Jt808Frame h = decode(Vectors.T_HEARTBEAT_2013);
        assertEquals(0x0002, h.msgId);
        assertEquals(0, h.body.length);
        assertEquals("43048325465", h.terminal());
    }

    @Test
    void realLocationReports() throws Exception {
        Jt808Frame f = decode(Vectors.T_LOCATION_A);
        Location l = Location.parse(f.body, 0, f.body.length);
        assertTrue(l.fixed());
        assertFalse(l.accOn());
        assertEquals(22.6426, l.lat(), 1e-9);
        assertEquals(114.032984, l.lon(), 1e-9);
        assertEquals(128, l.altitudeM);
        assertEquals(8, l.direction);
        assertEquals(LocalDateTime.of(2015, 8, 18, 7, 21, 21), l.time);
        assertEquals(757L, l.mileage10);
        assertEquals(0, l.fuel);
        assertEquals(0, l.tachoSpeed10);

        Jt808Frame sw = decode(Vectors.T_LOCATION_SOUTH_WEST);
        Location s = Location.parse(sw.body, 0, sw.body.length);
        assertEquals(-19.591535, s.lat(), 1e-9);
        assertEquals(-46.912186, s.lon(), 1e-9);

        Jt808Frame v = decode(Vectors.T_LOCATION_VENDOR_ITEMS);
        Location x = Location.parse(v.body, 0, v.body.length);
        assertEquals(1, x.alarm);
        assertEquals(50.871735, x.lat(), 1e-9);
        assertEquals(-1.255923, x.lon(), 1e-9);
        assertEquals(2.0, x.speedKmh(), 1e-9);
        assertEquals(LocalDateTime.of(2013, 4, 12, 16, 49, 52), x.time);
        assertEquals(18L, x.mileage10);

        Jt808Frame nf = decode(Vectors.T_LOCATION_NOT_FIXED);
        assertFalse(Location.parse(nf.body, 0, nf.body.length).fixed());
    }

    @Test
    void realBlindAreaBatch() throws Exception {
        Jt808Frame f = decode(Vectors.T_BATCH_8);
        Jt808Messages.Batch b = Jt808Messages.batch(f.body);
        assertEquals(1, b.type());
        assertEquals(8, b.items().size());
        assertEquals(LocalDateTime.of(2016, 5, 27, 9, 6, 24), b.items().get(0).time);
        assertEquals(LocalDateTime.of(2016, 5, 27, 9, 10, 2), b.items().get(7).time);
    }

    @Test
    void edition2019Vectors() throws Exception {
        Jt808Frame f = decode(Vectors.X_LOCATION_2019);
        assertTrue(f.version2019);
        assertEquals(1, f.protocolVersion);
        assertEquals("00000000013912344329", f.phone);
        Location l = Location.parse(f.body, 0, f.body.length);
        assertEquals(111, l.alarm);
        assertEquals(0x16, l.status);
        assertEquals(31234567, l.latE6);
        assertEquals(121987654, l.lonE6);
        assertEquals(123, l.altitudeM);
        assertEquals(66, l.speed10);
        assertEquals(3, l.direction);
        assertEquals(LocalDateTime.of(2025, 1, 29, 22, 33, 44), l.time);
        assertEquals(100, l.fuel);
        assertEquals(12L, l.mileage10);

        Jt808Messages.Batch b = Jt808Messages.batch(decode(Vectors.X_BATCH_2019).body);
        assertEquals(0, b.type());
        assertEquals(List.of(31000562L, 31000563L), b.items().stream().map(i -> i.latE6).toList());
        assertEquals(List.of(121451372L, 121451373L), b.items().stream().map(i -> i.lonE6).toList());

        // our responses encode byte for byte as the published 2019 responses
        assertEquals(Vectors.X_RESPONSE_2019, Jt808Codec.hex(Jt808Codec.encode(Jt808Frame.of(0x8001, true,
                "13912344329", 0, Jt808Messages.generalResponse(111, 0x0200, 0)))));
        assertEquals(Vectors.X_REGISTER_RESPONSE_2019, Jt808Codec.hex(Jt808Codec.encode(Jt808Frame.of(0x8100, true,
                "13912344329", 0, Jt808Messages.registrationResponse(111, 0, "ok..ok..ok")))));
    }

    // --- refusals ---

    @Test
    void aRealFrameWithALyingLengthAndWrongCheckCodeIsRefused() {
        BadFrameException e = assertThrows(BadFrameException.class, () -> decode(Vectors.T_LOCATION_LYING));
        assertEquals("bad-check-code", e.reason);
    }

    @Test
    void aLengthFieldThatLiesIsRefusedEvenWithAGoodCheckCode() throws Exception {
        byte[] good = Jt808Codec.encode(Jt808Frame.of(0x0200, false, "14400000001", 9,
                Location.of(43.8, 125.3, 50, 90, true, 0, 1_774_000_000_000L).toBody()));
        byte[] m = Jt808Codec.unescape(good, 1, good.length - 1);
        m[3] = (byte) (m[3] + 4); // claim 4 more body bytes than follow
        m[m.length - 1] = (byte) Jt808Codec.xor(m, 0, m.length - 1);
        BadFrameException e = assertThrows(BadFrameException.class, () -> Jt808Codec.decode(m));
        assertEquals("bad-length", e.reason);
        assertEquals("bodyLength", e.field);
    }

    @Test
    void badEscapesTruncationAndPacketNumbersAreRefused() throws Exception {
        BadFrameException esc = assertThrows(BadFrameException.class,
                () -> Jt808Codec.unescape(unhex("7e00027d037e"), 1, 5));
        assertEquals("bad-escape", esc.reason);
        BadFrameException end = assertThrows(BadFrameException.class,
                () -> Jt808Codec.unescape(unhex("7e00027d7e"), 1, 4));
        assertEquals("bad-escape", end.reason);
        BadFrameException shortFrame = assertThrows(BadFrameException.class, () -> Jt808Codec.decode(unhex("0002")));
        assertEquals("truncated", shortFrame.reason);
        byte[] sub = Jt808Codec.encode(new Jt808Frame(0x0704, false, 0, "1", 1, 0, 2, 2, new byte[0]));
        byte[] m = Jt808Codec.unescape(sub, 1, sub.length - 1);
        m[15] = 3; // packet 3 of 2
        m[m.length - 1] = (byte) Jt808Codec.xor(m, 0, m.length - 1);
        assertEquals("bad-packet-number", assertThrows(BadFrameException.class, () -> Jt808Codec.decode(m)).reason);
    }

    @Test
    void aBatchWhoseCountOrItemLengthsLieIsRefused() {
        Location l = Location.of(43.8, 125.3, 50, 90, true, 0, 1_774_000_000_000L);
        byte[] body = Jt808Messages.batchBody(0, List.of(l, l));
        body[1] = 3; // count 3, two items
        assertEquals("bad-length", assertThrows(BadFrameException.class, () -> Jt808Messages.batch(body)).reason);
        byte[] item = Jt808Messages.batchBody(0, List.of(l));
        item[4] = (byte) (item[4] + 1); // first item one byte longer than it is
        assertEquals("bad-length", assertThrows(BadFrameException.class, () -> Jt808Messages.batch(item)).reason);
    }

    @Test
    void aBadTimeIsRefused() {
        Location l = Location.of(43.8, 125.3, 50, 90, true, 0, 1_774_000_000_000L);
        byte[] b = l.toBody();
        b[23] = 0x13; // month 13
        BadFrameException e = assertThrows(BadFrameException.class, () -> Location.parse(b, 0, b.length));
        assertEquals("bad-time", e.reason);
        assertNull(e.getCause());
    }
}
