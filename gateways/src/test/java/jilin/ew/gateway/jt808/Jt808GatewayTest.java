package jilin.ew.gateway.jt808;

import static jilin.ew.gateway.jt808.Jt808Codec.unhex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jilin.ew.gateway.JsonlOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway on a real socket: what terminals get back, and what comes out as positions and dead letters. */
class Jt808GatewayTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final String BUS = "14400000001";

    @TempDir
    Path dir;
    Jt808Gateway gateway;
    JsonlOutput output;
    InetSocketAddress address;
    final List<Jt808Terminal> terminals = new ArrayList<>();

    static TerminalDirectory directory() {
        try {
            return TerminalDirectory.load(Path.of(Jt808GatewayTest.class.getResource("/jt808/terminals.json").toURI()),
                    "test-secret".getBytes(StandardCharsets.UTF_8));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    void start(Jt808Gateway.Config config) throws Exception {
        config.host = "127.0.0.1";
        config.port = 0;
        output = new JsonlOutput(dir.resolve("out.jsonl"), dir.resolve("dead.jsonl"));
        gateway = new Jt808Gateway(config, directory(), output);
        address = gateway.start();
    }

    void start() throws Exception {
        start(new Jt808Gateway.Config());
    }

    @AfterEach
    void stop() throws IOException {
        for (Jt808Terminal t : terminals) {
            t.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (output != null) {
            output.close();
        }
    }

    Jt808Terminal connect(String phone, boolean v2019) throws IOException {
        Jt808Terminal t = new Jt808Terminal(address, phone, v2019, TIMEOUT);
        terminals.add(t);
        return t;
    }

    /** Registered and authenticated, as a terminal is after power-on. */
    Jt808Terminal online(String phone, boolean v2019, String plate) throws IOException {
        Jt808Terminal t = connect(phone, v2019);
        String code = t.register(new Jt808Messages.Registration(22, 100, "JLSIM", "EW-808",
                directory().byPhone(phone).terminalId(), 1, plate));
        assertEquals(Jt808Messages.OK, t.authenticate(code));
        return t;
    }

    List<JsonNode> lines(String file) throws Exception {
        output.flush();
        List<JsonNode> out = new ArrayList<>();
        Path p = dir.resolve(file);
        if (Files.exists(p)) {
            for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                out.add(JSON.readTree(l));
            }
        }
        return out;
    }

    List<JsonNode> positions() throws Exception {
        return lines("out.jsonl");
    }

    List<String> reasons() throws Exception {
        return lines("dead.jsonl").stream().map(n -> n.path("reason").asText()).toList();
    }

    static Location jilin() {
        // 2026-03-20 08:00:25 +08:00
        return Location.of(43.817072, 125.323544, 62.5, 271, true, 1L << 29, 1_773_964_825_000L);
    }

    @Test
    void aTerminalRegistersAuthenticatesAndItsReportBecomesAVehiclePosition() throws Exception {
        start();
        Jt808Terminal t = online(BUS, false, "吉A10871");
        assertEquals(Jt808Messages.OK, t.report(jilin()));
        assertEquals(Jt808Messages.OK, t.heartbeat());

        List<JsonNode> p = positions();
        assertEquals(1, p.size(), p.toString());
        JsonNode n = p.get(0);
        assertEquals("vehicle.position", n.path("type").asText());
        assertEquals("JL-A-B0871", n.path("vehicleId").asText());
        assertEquals("2026-03-20T08:00:25+08:00", n.path("ts").asText());
        assertEquals(43.817072, n.path("lat").asDouble(), 1e-9);
        assertEquals(125.323544, n.path("lon").asDouble(), 1e-9);
        assertEquals(62.5, n.path("speedKmh").asDouble(), 1e-9);
        assertEquals(271, n.path("heading").asDouble(), 1e-9);
        assertTrue(n.path("acc").asBoolean());
        assertEquals(1L << 29, n.path("alarmFlags").asLong());
        assertEquals(List.of(), reasons());
    }

    @Test
    void registrationResultsFollowTheRegister() throws Exception {
        start();
        Jt808Messages.Registration unknownPlate = new Jt808Messages.Registration(22, 100, "JLSIM", "EW-808",
                "AB0871", 1, "吉Z99999");
        Jt808Messages.Registration othersPlate = new Jt808Messages.Registration(22, 100, "JLSIM", "EW-808",
                "AB0871", 1, "吉A·10872");
        Jt808Messages.Registration otherDevice = new Jt808Messages.Registration(22, 100, "JLSIM", "EW-808",
                "XX0000", 1, "吉A10871");
        Jt808Terminal bus = connect(BUS, false);
        assertEquals(Jt808Messages.REG_NO_VEHICLE, result(bus, unknownPlate));
        assertEquals(Jt808Messages.REG_VEHICLE_TAKEN, result(bus, othersPlate));
        assertEquals(Jt808Messages.REG_TERMINAL_TAKEN, result(bus, otherDevice));
        assertEquals(Jt808Messages.REG_NO_TERMINAL, result(connect("19999999999", false), unknownPlate));
        assertEquals(List.of("registration-refused", "registration-refused", "registration-refused",
                "registration-refused"), reasons());
    }

    static int result(Jt808Terminal t, Jt808Messages.Registration r) throws IOException {
        return t.request(Jt808Messages.REGISTER, Jt808Messages.registrationBody(r, false)).result();
    }

    @Test
    void positionsBeforeAuthenticationWithAWrongCodeOrFromUnknownTerminalsAreRefused() throws Exception {
        start();
        Jt808Terminal t = connect(BUS, false);
        assertEquals(Jt808Messages.FAILURE, t.report(jilin()));
        assertEquals(Jt808Messages.FAILURE, t.authenticate("not-the-code"));
        assertEquals(Jt808Messages.FAILURE, t.report(jilin()));
        Jt808Terminal stranger = connect("19999999999", false);
        assertEquals(Jt808Messages.FAILURE, stranger.report(jilin()));
        // after a logout the connection is no longer authenticated
        Jt808Terminal other = online("14400000002", false, "吉A10872");
        assertEquals(Jt808Messages.OK, other.logout());
        assertEquals(Jt808Messages.FAILURE, other.report(jilin()));
        assertEquals(List.of(), positions());
        assertEquals(List.of("unauthenticated", "auth-failed", "unauthenticated", "unknown-terminal",
                "unauthenticated"), reasons());
    }

    @Test
    void badFramesBecomeDeadLettersAndTheConnectionSurvives() throws Exception {
        start();
        Jt808Terminal t = online(BUS, false, "吉A10871");
        byte[] good = Jt808Codec.encode(Jt808Frame.of(Jt808Messages.LOCATION, false, BUS, 500, jilin().toBody()));

        // wrong check code: answered "message wrong" for its serial
        byte[] badCheck = good.clone();
        badCheck[badCheck.length - 2] ^= 0x01;
        t.send(badCheck);
        assertEquals(Jt808Messages.MESSAGE_WRONG, t.awaitAnswer(500).result());

        // a length field that lies (check code recomputed, so only the length is wrong)
        byte[] m = Jt808Codec.unescape(good, 1, good.length - 1);
        m[3] = (byte) (m[3] - 2);
        m[10] = (byte) (501 >> 8);
        m[11] = (byte) 501;
        m[m.length - 1] = (byte) Jt808Codec.xor(m, 0, m.length - 1);
        t.send(Jt808Codec.escape(m));
        assertEquals(Jt808Messages.MESSAGE_WRONG, t.awaitAnswer(501).result());

        // a bad escape, bytes outside flags, a frame over the size limit: no answer can be trusted, only dead letters
        t.send(unhex("7e02007d03007e"));
        t.send(unhex("0102030405"));
        byte[] huge = new byte[5000];
        java.util.Arrays.fill(huge, (byte) 0x11);
        huge[0] = 0x7e;
        huge[huge.length - 1] = 0x7e;
        t.send(huge);

        // position out of range: latitude 91 degrees
        Location far = jilin();
        far.latE6 = 91_000_000L;
        assertEquals(Jt808Messages.MESSAGE_WRONG, t.report(far));
        // an unsupported message is answered "not supported"
        assertEquals(Jt808Messages.NOT_SUPPORTED, t.request(0x0900, new byte[] {1, 2, 3}).result());

        // the connection is still there and still authenticated
        assertEquals(Jt808Messages.OK, t.report(jilin()));
        assertEquals(1, positions().size());
        assertEquals(List.of("bad-check-code", "bad-length", "bad-escape", "not-a-frame", "too-large",
                "out-of-range"), reasons());
        JsonNode first = lines("dead.jsonl").get(0);
        assertEquals(Jt808Codec.hex(badCheck), first.path("raw").asText(), "raw is the frame as received, in hex");
        assertEquals("checkCode", first.path("field").asText());
        assertEquals("out-of-range", lines("dead.jsonl").get(5).path("reason").asText());
        assertEquals("lat", lines("dead.jsonl").get(5).path("field").asText());
    }

    @Test
    void aSubPackagedBatchIsReassembledIn2019() throws Exception {
        start();
        Jt808Terminal t = online(BUS, true, "吉A10871");
        List<Location> reports = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Location l = jilin();
            l.time = l.time.plusSeconds(10L * i);
            reports.add(l);
        }
        byte[] body = Jt808Messages.batchBody(1, reports);
        int size = 400;
        int total = (body.length + size - 1) / size;
        assertTrue(total >= 3);
        int first = t.nextSerial();
        for (int i = 0; i < total; i++) {
            byte[] part = java.util.Arrays.copyOfRange(body, i * size, Math.min(body.length, (i + 1) * size));
            t.send(Jt808Codec.encode(new Jt808Frame(Jt808Messages.LOCATION_BATCH, true, 1, BUS, first + i, 0, total,
                    i + 1, part)));
            assertEquals(Jt808Messages.OK, t.awaitAnswer(first + i).result());
        }
        assertEquals(Jt808Messages.OK, t.heartbeat());
        List<JsonNode> p = positions();
        assertEquals(30, p.size());
        assertEquals("2026-03-20T08:05:15+08:00", p.get(29).path("ts").asText());
    }

    @Test
    void capturedFramesOfRealTerminalsGoThroughTheGateway() throws Exception {
        start();
        // terminal 013511221122: its own registration and authentication bytes, then its broken location frame
        Jt808Terminal huabao = connect("13511221122", false);
        huabao.send(unhex(Vectors.T_REGISTER_2013));
        Jt808Messages.Response reg = huabao.awaitAnswer(5);
        assertEquals(Jt808Messages.REG_OK, reg.result());
        assertEquals("authentication", reg.authCode());
        huabao.send(unhex(Vectors.T_AUTH_2013));
        assertEquals(Jt808Messages.OK, huabao.awaitAnswer(6).result());
        huabao.send(unhex(Vectors.T_LOCATION_LYING));
        assertEquals(Jt808Messages.MESSAGE_WRONG, huabao.awaitAnswer(7).result());

        // other captured reports, each after its terminal authenticated
        String[][] frames = {
            {"13833501744", Vectors.T_LOCATION_A, "25"},
            {"1401249917", Vectors.T_LOCATION_SOUTH_WEST, "7"},
            {"94027587492", Vectors.T_LOCATION_VENDOR_ITEMS, "10"},
            {"1601285614", Vectors.T_LOCATION_NOT_FIXED, "2"},
        };
        for (String[] f : frames) {
            Jt808Terminal t = connect(f[0], false);
            assertEquals(Jt808Messages.OK, t.authenticate(directory().authCode(f[0])));
            t.send(unhex(f[1]));
            Jt808Messages.Response r = t.awaitAnswer(Integer.parseInt(f[2]));
            assertEquals(f[0].equals("1601285614") ? Jt808Messages.MESSAGE_WRONG : Jt808Messages.OK, r.result(), f[0]);
        }
        Jt808Terminal x = connect("13912344329", true);
        assertEquals(Jt808Messages.OK, x.authenticate(directory().authCode("13912344329")));
        x.send(unhex(Vectors.X_LOCATION_2019));
        assertEquals(Jt808Messages.OK, x.awaitAnswer(0).result());

        List<JsonNode> p = positions();
        assertEquals(List.of("JL-A-B0874", "JL-A-B0875", "JL-H-B0461", "JL-H-B0463"),
                p.stream().map(n -> n.path("vehicleId").asText()).toList());
        assertEquals("2015-08-18T07:21:21+08:00", p.get(0).path("ts").asText());
        assertEquals(-19.591535, p.get(1).path("lat").asDouble(), 1e-9);
        assertEquals(-46.912186, p.get(1).path("lon").asDouble(), 1e-9);
        assertEquals(1, p.get(2).path("alarmFlags").asLong());
        assertEquals(6.6, p.get(3).path("speedKmh").asDouble(), 1e-9);
        assertEquals(-31.234567, p.get(3).path("lat").asDouble(), 1e-9);
        assertEquals(List.of("bad-check-code", "not-fixed"), reasons());
    }

    @Test
    void aSilentTerminalIsClosedAfterThreeHeartbeatPeriods() throws Exception {
        Jt808Gateway.Config c = new Jt808Gateway.Config();
        c.heartbeat = Duration.ofSeconds(1);
        start(c);
        Jt808Terminal t = online(BUS, false, "吉A10871");
        assertTrue(t.closedByPeer(), "the gateway closes a terminal that stays silent");
        assertEquals(1, gateway.stats().idleClosed.get());
    }

    @Test
    void connectionsBeyondTheLimitAreClosed() throws Exception {
        Jt808Gateway.Config c = new Jt808Gateway.Config();
        c.maxConnections = 2;
        start(c);
        Jt808Terminal a = online(BUS, false, "吉A10871");
        Jt808Terminal b = online("14400000002", false, "吉A10872");
        Jt808Terminal third = connect("13833501744", false);
        assertThrows(IOException.class, third::heartbeat);
        assertEquals(Jt808Messages.OK, a.heartbeat());
        assertEquals(Jt808Messages.OK, b.heartbeat());
        assertEquals(1, gateway.stats().refusedConnections.get());
        assertFalse(a.closedByPeer());
    }
}
