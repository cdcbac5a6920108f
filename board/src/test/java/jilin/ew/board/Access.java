package jilin.ew.board;

import static jilin.ew.board.TestAlerts.alert;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Command;
import jilin.ew.schema.Level;

/** The users, alerts and HTTP sessions the access tests share: one user per role, alerts in and out of each scope. */
final class Access {
    static final String PASSWORD = "correct horse battery staple";
    /** bcrypt at cost 12 is slow on purpose: hash once for every test. */
    static final String HASH = Users.hash(PASSWORD);
    static final Users USERS = Users.of(List.of(
            new Users.User("prov", Users.Role.PROVINCE, null, null, HASH),
            new Users.User("cc", Users.Role.PREFECTURE, "220100", null, HASH),
            new Users.User("op", Users.Role.OPERATOR, null, "OP-A", HASH),
            new Users.User("ana", Users.Role.ANALYST, null, null, HASH)));

    private Access() {}

    /** A sink that records what it is handed. */
    static final class Recorder implements CommandSink {
        final List<Command> sent = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void send(Command c) {
            sent.add(c);
        }
    }

    /** A server with the four users, a recording sink, an audit file and a clock the test moves. */
    static final class Server implements AutoCloseable {
        final AlertBoard board = new AlertBoard(Geography.defaults());
        final Recorder sink = new Recorder();
        final AtomicLong clock = new AtomicLong(TestAlerts.T0 + 3_600_000L);
        final Path auditFile;
        final BoardServer server;
        final String base;

        Server() throws IOException {
            auditFile = Files.createTempFile(Path.of("target").toAbsolutePath(), "audit-", ".jsonl");
            Files.delete(auditFile);
            BoardServer.Config c = new BoardServer.Config();
            c.port = 0;
            c.users = USERS;
            c.commands = sink;
            c.clock = clock::get;
            c.audit = AuditLog.append(auditFile, clock::get);
            c.capRenderer = a -> "<alert><identifier>" + a.alertId + "</identifier></alert>";
            server = new BoardServer(board, new Freshness(), c).start();
            base = server.url();
        }

        List<String> audit() throws IOException {
            return Files.readAllLines(auditFile, StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /**
     * S1: RED mine alarm in 长春 of operator OP-A; G1: ORANGE gas in 公主岭 (county-level city on 长春's division) of
     * OP-B; V1: YELLOW vehicle in 吉林 of OP-C; S2: BLUE mine alarm in 四平 of OP-A.
     */
    static void fill(AlertBoard board) {
        board.apply(op(alert("MINE_CH4_ALARM", "S1", "220100", Level.RED, AlertStatus.NEW, 0, 1), "OP-A"));
        board.apply(op(alert("GAS_LEL_LEVEL1", "G1", "220184", Level.ORANGE, AlertStatus.NEW, 1, 1), "OP-B"));
        board.apply(op(alert("VEH_FATIGUE", "V1", "220200", Level.YELLOW, AlertStatus.NEW, 2, 1), "OP-C"));
        board.apply(op(alert("MINE_CO_ALARM", "S2", "220300", Level.BLUE, AlertStatus.NEW, 3, 1), "OP-A"));
    }

    static Alert op(Alert a, String operatorId) {
        a.operatorId = operatorId;
        return a;
    }

    /** The board's incident id of a test alert's incident ('/' written as '@'). */
    static String incident(String rule, String subject, int startMin) {
        return rule + ":" + subject + "@" + (TestAlerts.T0 + startMin * 60_000L);
    }

    /** One logged-in browser, as plain HTTP: its session cookie and CSRF token. */
    record Session(String base, String cookie, String csrf) {
        Http.Reply get(String path) throws IOException, InterruptedException {
            return send(HttpRequest.newBuilder(URI.create(base + path.substring(1))).GET(), cookie);
        }

        Http.Reply post(String path, String json) throws IOException, InterruptedException {
            return post(path, json, csrf);
        }

        Http.Reply post(String path, String json, String token) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json));
            if (token != null) {
                b.header(BoardServer.CSRF_HEADER, token);
            }
            return send(b, cookie);
        }
    }

    static Http.Reply send(HttpRequest.Builder b, String cookie) throws IOException, InterruptedException {
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        HttpResponse<String> r = Http.CLIENT.send(b.timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Http.Reply(r.statusCode(), r.body(), r);
    }

    static Http.Reply login(String base, String user, String password) throws IOException, InterruptedException {
        String form = "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)), null);
    }

    /** Logs in (must succeed) and fetches the session's CSRF token. */
    static Session session(String base, String user) throws IOException, InterruptedException {
        Http.Reply r = login(base, user, PASSWORD);
        if (r.status() != 303) {
            throw new AssertionError("login of " + user + " answered " + r.status() + ": " + r.body());
        }
        String setCookie = r.response().headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        Session s = new Session(base, cookie, null);
        String csrf = s.get("/api/me").json().get("csrf").asText();
        return new Session(base, cookie, csrf);
    }
}
