package jilin.ew.board;

import jilin.ew.schema.WireCodec;
import static jilin.ew.board.Access.incident;
import static jilin.ew.board.TestAlerts.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Command;
import jilin.ew.schema.Escalation;
import jilin.ew.schema.Handling;
import jilin.ew.schema.Level;
import jilin.ew.schema.Times;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who sees what and who may do what on the board: login, scope, CSRF, commands, audit, over plain HTTP. */
class BoardAccessTest {
    private Access.Server s;

    @BeforeEach
    void start() throws Exception {
        s = new Access.Server();
        Access.fill(s.board);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private static List<String> subjects(JsonNode rows) {
        List<String> l = new ArrayList<>();
        rows.forEach(r -> l.add(r.get("subjectId").asText()));
        return l;
    }

    /** The snapshot a stream opens with, read from the real SSE endpoint. */
    private static JsonNode snapshot(Access.Session u) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(u.base() + "api/stream"))
                .header("Cookie", u.cookie()).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<InputStream> r = Http.CLIENT.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String event = null;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ") && "snapshot".equals(event)) {
                    return AlertBoard.JSON.readTree(line.substring(6));
                }
            }
        }
        throw new AssertionError("no snapshot");
    }

    @Test
    void eachRoleSeesExactlyItsOwnAlertsInTheQueueSummaryAndStream() throws Exception {
        Map<String, List<String>> expected = Map.of(
                "prov", List.of("S1", "G1", "V1", "S2"),
                "cc", List.of("S1", "G1"), // 长春 includes 公主岭 (220184), shaded on it
                "op", List.of("S1", "S2"), // operator OP-A's mine alarms, in two prefectures
                "ana", List.of("S1", "G1", "V1", "S2"));
        for (var e : expected.entrySet()) {
            Access.Session u = Access.session(s.base, e.getKey());
            assertEquals(e.getValue(), subjects(u.get("/api/alerts").json().get("alerts")), e.getKey() + " queue");
            JsonNode sum = u.get("/api/summary").json();
            assertEquals(e.getValue().size(), sum.get("open").asInt(), e.getKey() + " counts");
            assertEquals(new TreeSet<>(e.getValue()), new TreeSet<>(subjects(snapshot(u).get("rows"))),
                    e.getKey() + " stream snapshot");
        }
        Access.Session cc = Access.session(s.base, "cc");
        JsonNode divisions = cc.get("/api/summary").json().get("divisions");
        assertEquals("RED", divisions.get("220100").asText());
        assertFalse(divisions.has("220200"), "吉林's alert is not 长春's: its division stays unshaded");
        assertTrue(cc.get("/api/alerts?prefecture=220200").json().get("alerts").isEmpty());
    }

    @Test
    void theStreamPushesOnlyInScopeChanges() throws Exception {
        Access.Session op = Access.session(s.base, "op");
        long last = s.board.lastEventId();
        HttpRequest req = HttpRequest.newBuilder(URI.create(s.base + "api/stream?lastEventId=" + last))
                .header("Cookie", op.cookie()).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<InputStream> r = Http.CLIENT.send(req, HttpResponse.BodyHandlers.ofInputStream());
        s.board.apply(Access.op(alert("VEH_SPEEDING", "V9", "220100", Level.RED, AlertStatus.NEW, 5, 1), "OP-C"));
        s.board.apply(Access.op(alert("MINE_CH4_ALARM", "S7", "220400", Level.ORANGE, AlertStatus.NEW, 6, 1), "OP-A"));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String event = null;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ") && "incident".equals(event)) {
                    assertEquals("S7", AlertBoard.JSON.readTree(line.substring(6)).get("subjectId").asText(),
                            "the other operator's V9 never reaches this stream");
                    return;
                }
            }
        }
    }

    @Test
    void aStolenAlertIdGives404OnDetailCapAndCommandsExactlyAsAMissingOne() throws Exception {
        Access.Session op = Access.session(s.base, "op");
        String own = incident("MINE_CH4_ALARM", "S1", 0);
        String stolen = incident("GAS_LEL_LEVEL1", "G1", 1);
        String missing = incident("GAS_LEL_LEVEL1", "NOPE", 1);
        assertEquals(200, op.get("/api/alerts/" + own).status());
        assertEquals(200, op.get("/api/alerts/" + own + "/cap").status());
        for (String id : List.of(stolen, stolen + "@1", missing)) {
            Http.Reply d = op.get("/api/alerts/" + id);
            assertEquals(404, d.status(), id);
            assertEquals("no incident or alert '" + id + "' on the board", d.json().get("error").asText());
            assertEquals(404, op.get("/api/alerts/" + id + "/cap").status());
            assertEquals(404, op.post("/api/alerts/" + id + "/acknowledge", "{}").status());
        }
        assertTrue(s.sink.sent.isEmpty(), "nothing out of scope reaches the command topic");
        List<String> audit = s.audit();
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"user\":\"op\"") && l.contains("\"what\":\"ACKNOWLEDGE\"")
                && l.contains("\"incident\":\"" + stolen.replace('@', '/') + "\"")
                && l.contains("refused: no such incident")), String.join("\n", audit));
        // the province sees it
        assertEquals(200, Access.session(s.base, "prov").get("/api/alerts/" + stolen).status());
    }

    @Test
    void aCommandWithoutItsCsrfTokenIs403AndAudited() throws Exception {
        Access.Session cc = Access.session(s.base, "cc");
        String id = incident("MINE_CH4_ALARM", "S1", 0);
        assertEquals(403, cc.post("/api/alerts/" + id + "/acknowledge", "{}", null).status());
        assertEquals(403, cc.post("/api/alerts/" + id + "/acknowledge", "{}", "forged").status());
        Access.Session other = Access.session(s.base, "prov");
        assertEquals(403, cc.post("/api/alerts/" + id + "/acknowledge", "{}", other.csrf()).status(),
                "another session's token is no good either");
        assertEquals(403, cc.post("/api/silences", "{\"prefecture\":\"220100\",\"endsAt\":\"2026-03-20T20:00:00+08:00\","
                + "\"comment\":\"x\"}", null).status());
        assertEquals(403, cc.post("/logout", "", null).status());
        assertTrue(s.sink.sent.isEmpty());
        long refused = s.audit().stream().filter(l -> l.contains("refused: missing or wrong CSRF token")).count();
        assertEquals(5, refused);
        assertEquals(202, cc.post("/api/alerts/" + id + "/acknowledge", "{}").status(), "with it: accepted");
        // and without a session at all: 401, nothing sent
        assertEquals(401, Access.send(HttpRequest.newBuilder(URI.create(s.base + "api/alerts/" + id + "/acknowledge"))
                .POST(HttpRequest.BodyPublishers.noBody()), null).status());
        assertEquals(1, s.sink.sent.size());
        assertTrue(s.audit().stream().anyMatch(l -> l.contains("refused: not logged in")),
                "a command without a session is audited too");
    }

    @Test
    void anAssigneeMustBeAUserWhoSeesTheIncidentAndTheAnswerDoesNotSayWhichIsWrong() throws Exception {
        Access.Session prov = Access.session(s.base, "prov");
        String s2 = incident("MINE_CO_ALARM", "S2", 3); // in 四平: not 长春's
        Http.Reply cannotSee = prov.post("/api/alerts/" + s2 + "/assign", "{\"assignee\":\"cc\"}");
        Http.Reply unknown = prov.post("/api/alerts/" + s2 + "/assign", "{\"assignee\":\"nobody\"}");
        assertEquals(400, cannotSee.status(), cannotSee.body());
        assertEquals(400, unknown.status());
        assertEquals(cannotSee.json().get("error").asText().replace("'cc'", "X"),
                unknown.json().get("error").asText().replace("'nobody'", "X"), "no list of logins by trial");
        assertEquals(202, prov.post("/api/alerts/" + s2 + "/assign", "{\"assignee\":\"op\"}").status());
        assertEquals(1, s.sink.sent.size());
    }

    @Test
    void anOpenBoardAnswersOnlyRequestsAddressedToThisMachine() {
        for (String h : List.of("127.0.0.1:8080", "localhost:9000", "LOCALHOST", "[::1]:8080")) {
            assertTrue(BoardServer.addressedToThisMachine(h), h);
        }
        for (String h : java.util.Arrays.asList("evil.example:8080", "127.0.0.1.evil.example", "10.0.0.5:8080", null)) {
            assertFalse(BoardServer.addressedToThisMachine(h), String.valueOf(h));
        }
    }

    @Test
    void aValidLoginOfOnesOwnDoesNotForgiveTheGuessesFromItsAddress() {
        LoginThrottle t = new LoginThrottle();
        long now = 1_000_000;
        for (String name : List.of("a", "b", "c")) { // three wrong guesses at other names: 1, 2 and 4 s
            assertEquals(0, t.acquire(name, "10.0.0.9", now));
            t.failed(name, "10.0.0.9", now);
            now += 60_000;
        }
        assertEquals(0, t.acquire("mine", "10.0.0.9", now));
        t.succeeded("mine", "10.0.0.9");
        assertEquals(0, t.acquire("d", "10.0.0.9", now), "the address may try again at once");
        assertEquals(8_000, t.failed("d", "10.0.0.9", now), "but its next failure waits as the fourth");
        assertEquals(0, t.acquire("e", "10.0.0.9", now + 8_000));
        assertTrue(t.acquire("f", "10.0.0.9", now + 8_000) > 0, "one attempt from an address at a time");
    }

    @Test
    void commandsReachTheSinkWithActorActionAndIncidentAndMatchTheContract() throws Exception {
        Access.Session cc = Access.session(s.base, "cc");
        String id = incident("MINE_CH4_ALARM", "S1", 0);
        String wire = "MINE_CH4_ALARM:S1/" + TestAlerts.T0;
        assertEquals(202, cc.post("/api/alerts/" + id + "/acknowledge", "").status());
        assertEquals(202, cc.post("/api/alerts/" + id + "@1/assign", "{\"assignee\":\"op\"}").status(),
                "an alert id names its incident");
        assertEquals(400, cc.post("/api/alerts/" + id + "/assign", "{\"assignee\":\"nobody\"}").status());
        assertEquals(202, cc.post("/api/alerts/" + id + "/note", "{\"text\":\"通风已恢复\"}").status());
        assertEquals(400, cc.post("/api/alerts/" + id + "/note", "{\"text\":\"  \"}").status());
        assertEquals(202, cc.post("/api/alerts/" + id + "/resolve", "{\"text\":\"处置完毕\"}").status());
        String silence = "{\"prefecture\":\"220184\",\"ruleId\":\"GAS_LEL_LEVEL1\",\"endsAt\":\""
                + Times.format(s.clock.get() + 3_600_000L) + "\",\"comment\":\"检修\"}";
        Http.Reply sil = cc.post("/api/silences", silence);
        assertEquals(202, sil.status(), sil.body());
        assertEquals(400, cc.post("/api/silences", "{\"prefecture\":\"220100\",\"comment\":\"检修\"}").status(),
                "an end is required");
        assertEquals(404, cc.post("/api/silences", silence.replace("220184", "220200")).status(),
                "another prefecture is not 长春's to silence");
        String silenceId = sil.json().get("silenceId").asText();
        assertEquals(202, cc.post("/api/silences/" + silenceId + "/expire", "").status());
        assertEquals(404, Access.session(s.base, "op").post("/api/silences/" + silenceId + "/expire", "").status());

        List<Command> sent = s.sink.sent;
        assertEquals(List.of(Command.Action.ACKNOWLEDGE, Command.Action.ASSIGN, Command.Action.NOTE,
                Command.Action.RESOLVE, Command.Action.SILENCE, Command.Action.EXPIRE),
                sent.stream().map(c -> c.action).toList());
        for (Command c : sent) {
            assertEquals("cc", c.actor);
            assertEquals(s.clock.get(), c.ts);
        }
        for (int k = 0; k < 4; k++) {
            assertEquals(wire, sent.get(k).incidentId, "the incident as the job names it");
        }
        assertEquals("op", sent.get(1).assignee);
        assertEquals("通风已恢复", sent.get(2).text);
        assertEquals("220184", sent.get(4).matchPrefecture);
        assertEquals(s.clock.get() + 3_600_000L, sent.get(4).endsAt);
        assertEquals(sent.get(4).commandId, sent.get(5).silenceId);
        assertEquals(sent.size(), sent.stream().map(c -> c.commandId).distinct().count());

        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/schemas/alert.command.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
        for (Command c : sent) {
            JsonNode json = AlertBoard.JSON.readTree(new WireCodec().encode(c));
            assertEquals(List.of(), List.copyOf(schema.validate(json)), "contract: " + json);
        }
        assertTrue(s.audit().stream().filter(l -> l.contains("\"user\":\"cc\"") && l.contains("accepted")).count() == 6);
    }

    @Test
    void analystSeesEverythingButCannotCommand() throws Exception {
        Access.Session ana = Access.session(s.base, "ana");
        String id = incident("MINE_CH4_ALARM", "S1", 0);
        assertFalse(ana.get("/api/me").json().get("canCommand").asBoolean());
        assertFalse(ana.get("/api/alerts/" + id).json().get("canCommand").asBoolean(), "the panel hides the controls");
        for (String action : List.of("acknowledge", "assign", "note", "resolve")) {
            assertEquals(403, ana.post("/api/alerts/" + id + "/" + action, "{\"assignee\":\"cc\",\"text\":\"x\"}")
                    .status(), action);
        }
        assertEquals(403, ana.post("/api/silences", "{\"ruleId\":\"X\",\"endsAt\":\"2030-01-01T00:00:00+08:00\","
                + "\"comment\":\"x\"}").status());
        assertEquals(403, ana.post("/api/silences/abc/expire", "").status());
        assertTrue(s.sink.sent.isEmpty());
        assertEquals(6, s.audit().stream().filter(l -> l.contains("\"user\":\"ana\"")
                && l.contains("refused: role ANALYST is read-only")).count());
        assertTrue(Access.session(s.base, "cc").get("/api/me").json().get("canCommand").asBoolean());
    }

    @Test
    void aWrongPasswordIsSlowedPerUserAndPerAddressAndEveryLoginIsAudited() throws Exception {
        Http.Reply bad = Access.login(s.base, "cc", "wrong");
        assertEquals(401, bad.status());
        assertEquals("1", bad.response().headers().firstValue("Retry-After").orElse(null));
        assertTrue(bad.response().headers().firstValue("Set-Cookie").isEmpty());
        // within the delay even the right password is not checked
        Http.Reply early = Access.login(s.base, "cc", Access.PASSWORD);
        assertEquals(429, early.status());
        // the same address trying another name waits too
        assertEquals(429, Access.login(s.base, "prov", Access.PASSWORD).status());
        s.clock.addAndGet(1_000);
        Http.Reply bad2 = Access.login(s.base, "cc", "wrong again");
        assertEquals(401, bad2.status());
        assertEquals("2", bad2.response().headers().firstValue("Retry-After").orElse(null), "the delay grows");
        s.clock.addAndGet(1_000);
        assertEquals(429, Access.login(s.base, "cc", Access.PASSWORD).status());
        s.clock.addAndGet(1_000);
        Http.Reply ok = Access.login(s.base, "cc", Access.PASSWORD);
        assertEquals(303, ok.status());
        String cookie = ok.response().headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP: a Secure cookie would never come back");
        assertEquals(401, Access.login(s.base, "nobody", "x").status(), "a success cleared the count");
        // another site's page cannot log a browser in (login CSRF): its Origin is refused
        Http.Reply foreign = Access.send(java.net.http.HttpRequest.newBuilder(URI.create(s.base + "login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", "http://evil.example")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("user=cc&password=x")), null);
        assertEquals(403, foreign.status());

        List<JsonNode> logins = new ArrayList<>();
        for (String l : s.audit()) {
            JsonNode n = AlertBoard.JSON.readTree(l);
            if (n.get("what").asText().equals("login")) {
                logins.add(n);
            }
        }
        assertEquals(List.of("cc failed", "cc refused", "prov refused", "cc failed", "cc refused", "cc ok",
                "nobody failed", "cc refused"), logins.stream().map(n -> n.get("user").asText() + " "
                + n.get("result").asText().split(":")[0]).toList());
        assertTrue(logins.stream().allMatch(n -> n.get("address").asText().equals("127.0.0.1")
                && n.hasNonNull("time")));
    }

    @Test
    void parallelGuessesOnOneNameAreCheckedOneAtATime() throws Exception {
        List<java.util.concurrent.CompletableFuture<Integer>> tries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String guess = "guess-" + i;
            tries.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return Access.login(s.base, "prov", guess).status();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (var t : tries) {
            statuses.add(t.get());
        }
        assertEquals(1, statuses.stream().filter(x -> x == 401).count(), "one guess checked: " + statuses);
        assertEquals(5, statuses.stream().filter(x -> x == 429).count(), "the rest wait: " + statuses);
    }

    @Test
    void withoutASessionTheApiIs401AndThePageSendsToTheLoginForm() throws Exception {
        for (String p : List.of("/api/alerts", "/api/summary", "/api/stream", "/api/alerts/x", "/api/meta")) {
            assertEquals(401, Http.get(s.base, p).status(), p);
        }
        Http.Reply page = Http.get(s.base, "/");
        assertEquals(303, page.status());
        assertEquals("/login", page.response().headers().firstValue("Location").orElse(null));
        assertEquals(200, Http.get(s.base, "/login").status());
        Access.Session prov = Access.session(s.base, "prov");
        assertEquals(200, prov.get("/").status());
        assertEquals(200, prov.post("/logout", "").status());
        assertEquals(401, prov.get("/api/alerts").status(), "a logged-out session is gone");
        assertTrue(s.audit().stream().anyMatch(l -> l.contains("\"what\":\"logout\"")));
    }

    @Test
    void handlingAndEscalationMessagesShowInTheQueueWithoutANewIncident() throws Exception {
        Access.Session cc = Access.session(s.base, "cc");
        String id = incident("MINE_CH4_ALARM", "S1", 0);
        JsonNode row = cc.get("/api/alerts?level=RED").json().get("alerts").get(0);
        assertTrue(row.get("unacknowledgedRed").asBoolean(), "an open RED nobody acknowledged stands out");
        assertEquals("OPEN", row.get("handling").asText());

        // the job escalates it: same incident, its history, not a row of its own
        Alert esc = alert("MINE_CH4_ALARM", "S1", "220100", Level.RED, AlertStatus.UPDATED, 0, 1);
        esc.operatorId = "OP-A";
        esc.alertId = "MINE_CH4_ALARM:S1/" + TestAlerts.T0 + "/esc-1";
        esc.escalation = new Escalation();
        esc.escalation.count = 1;
        esc.escalation.reason = "unacknowledged for 5 min";
        esc.escalation.unacknowledgedSec = 300;
        s.board.apply(esc);
        JsonNode rows = cc.get("/api/alerts").json().get("alerts");
        assertEquals(List.of("S1", "G1"), subjects(rows));
        assertEquals(1, rows.get(0).get("escalations").asInt());
        assertEquals("NEW", rows.get(0).get("status").asText(), "the lifecycle state is the NEW's still");
        JsonNode d = cc.get("/api/alerts/" + id).json();
        assertEquals("unacknowledged for 5 min", d.get("history").get(1).get("escalation").asText());
        assertTrue(d.get("handling").isNull());

        Handling h = new Handling();
        h.incidentId = "MINE_CH4_ALARM:S1/" + TestAlerts.T0;
        h.key = "MINE_CH4_ALARM:S1";
        h.state = Handling.State.ACKNOWLEDGED;
        h.version = 3;
        h.updatedAt = TestAlerts.T0 + 400_000;
        h.acknowledgedBy = "cc";
        h.acknowledgedAt = h.updatedAt;
        h.assignee = "op";
        h.escalations = 1;
        h.notes.add(new Handling.Note("cc", h.updatedAt, "已派人下井"));
        assertTrue(s.board.apply(new WireCodec().decodeHandling(new WireCodec().encode(h))));
        row = cc.get("/api/alerts?level=RED").json().get("alerts").get(0);
        assertEquals("ACKNOWLEDGED", row.get("handling").asText());
        assertEquals("cc", row.get("acknowledgedBy").asText());
        assertEquals(h.acknowledgedAt, row.get("acknowledgedAt").asLong());
        assertEquals("op", row.get("assignee").asText());
        assertEquals(1, row.get("notes").asInt());
        assertNull(row.get("unacknowledgedRed"));
        assertEquals("已派人下井", cc.get("/api/alerts/" + id).json().get("handling").get("notes").get(0)
                .get("text").asText());
        JsonNode changes = cc.get("/api/alerts/" + id).json().get("handlingHistory");
        assertEquals(1, changes.size());
        assertEquals(3, changes.get(0).get("version").asInt());

        Handling older = new WireCodec().decodeHandling(new WireCodec().encode(h));
        older.version = 2;
        older.state = Handling.State.OPEN;
        assertFalse(s.board.apply(older), "an older version changes nothing");
        // a subject with '/' in it (a mine district): its incident id ends in the first event time, not a sequence
        Alert district = alert("MINE_MULTI_SENSOR", "LY001/WF1", "220100", Level.RED, AlertStatus.NEW, 7, 1);
        s.board.apply(district);
        Handling dh = new WireCodec().decodeHandling(new WireCodec().encode(h));
        dh.incidentId = "MINE_MULTI_SENSOR:LY001/WF1/" + (TestAlerts.T0 + 7 * 60_000L);
        dh.key = "MINE_MULTI_SENSOR:LY001/WF1";
        assertTrue(s.board.apply(dh));
        assertEquals("cc", cc.get("/api/alerts?rule=MINE_MULTI_SENSOR").json().get("alerts").get(0)
                .get("acknowledgedBy").asText());
        assertEquals(202, cc.post("/api/alerts/" + Incident.idOf(district) + "/acknowledge", "").status());
        assertEquals(dh.incidentId, s.sink.sent.get(s.sink.sent.size() - 1).incidentId);
        // a handling state for an incident not on the board yet waits for it
        h.incidentId = "VEH_SPEEDING:V5/" + (TestAlerts.T0 + 600_000);
        h.key = "VEH_SPEEDING:V5";
        assertFalse(s.board.apply(h));
        s.board.apply(alert("VEH_SPEEDING", "V5", "220100", Level.RED, AlertStatus.NEW, 10, 1));
        JsonNode v5 = cc.get("/api/alerts?rule=VEH_SPEEDING").json().get("alerts").get(0);
        assertEquals("cc", v5.get("acknowledgedBy").asText());
    }

    @Test
    void anOpenBoardServesOnlyThisMachineAndAUsersFileIsChecked() throws Exception {
        BoardServer.Config c = new BoardServer.Config();
        c.host = "0.0.0.0";
        c.port = 0;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BoardServer(new AlertBoard(Geography.defaults()), new Freshness(), c));
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());

        java.nio.file.Path f = java.nio.file.Files.createTempFile(java.nio.file.Path.of("target").toAbsolutePath(),
                "users-", ".json");
        java.nio.file.Files.delete(f);
        Geography geo = Geography.defaults();
        Users.addToFile(f, new Users.User("cc", Users.Role.PREFECTURE, "220100", null, Access.HASH), geo);
        Users.addToFile(f, new Users.User("op", Users.Role.OPERATOR, null, "OP-A", Access.HASH), geo);
        Users loaded = Users.load(f, geo);
        assertEquals("cc", loaded.check("cc", Access.PASSWORD).name());
        assertNull(loaded.check("cc", "wrong"));
        assertNull(loaded.check("nobody", Access.PASSWORD));
        assertFalse(java.nio.file.Files.readString(f).contains(Access.PASSWORD), "only the hash is stored");
        java.nio.file.Files.writeString(f, "{\"users\":[{\"name\":\"x\",\"role\":\"PREFECTURE\",\"prefecture\":\"999999\","
                + "\"passwordHash\":\"" + Access.HASH + "\"}]}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Users.load(f, geo)).getMessage()
                .contains("prefecture"));
        java.nio.file.Files.writeString(f, "{\"users\":[{\"name\":\"x\",\"role\":\"PROVINCE\",\"passwordHash\":"
                + "\"plain-text\"}]}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Users.load(f, geo)).getMessage()
                .contains("bcrypt"));
    }
}
