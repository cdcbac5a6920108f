package jilin.ew.board;

import static jilin.ew.board.TestAlerts.alert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The board's HTTP API against the real server on a free port of 127.0.0.1. */
class BoardApiTest {
    private BoardServer server;
    private AlertBoard board;
    private Freshness freshness;
    private String base;

    private void start(int replayCapacity) {
        board = new AlertBoard(Geography.defaults(), replayCapacity, 1000);
        freshness = new Freshness();
        BoardServer.Config c = new BoardServer.Config();
        c.port = 0;
        server = new BoardServer(board, freshness, c).start();
        base = server.url();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void fill() {
        board.apply(alert("MINE_CH4_ALARM", "S1", "220100", Level.YELLOW, AlertStatus.NEW, 0, 1));
        board.apply(alert("MINE_CH4_ALARM", "S1", "220100", Level.RED, AlertStatus.ESCALATED, 0, 2));
        board.apply(alert("GAS_LEL_LEVEL1", "G1", "220184", Level.ORANGE, AlertStatus.NEW, 1, 1));
        board.apply(alert("VEH_FATIGUE", "V1", "220200", Level.YELLOW, AlertStatus.NEW, 2, 1));
        board.apply(alert("MINE_CO_ALARM", "S2", "220400", Level.BLUE, AlertStatus.NEW, 3, 1));
        board.apply(alert("MINE_CO_ALARM", "S2", "220400", Level.BLUE, AlertStatus.CLEARED, 3, 2));
    }

    private static List<String> ids(JsonNode page) {
        List<String> l = new ArrayList<>();
        page.get("alerts").forEach(r -> l.add(r.get("subjectId").asText()));
        return l;
    }

    @Test
    void queueIsOneRowPerIncidentOpenByLevelAndFiltersNarrowIt() throws Exception {
        start(1000);
        fill();
        JsonNode open = Http.get(base, "/api/alerts").json();
        assertEquals(List.of("S1", "G1", "V1"), ids(open), "open incidents, RED first, the cleared one gone");
        JsonNode s1 = open.get("alerts").get(0);
        assertEquals("RED", s1.get("level").asText());
        assertEquals("ESCALATED", s1.get("status").asText());
        assertEquals(2, s1.get("messages").asInt(), "NEW and ESCALATED are one incident's history");

        assertEquals(List.of("S1"), ids(Http.get(base, "/api/alerts?level=RED").json()));
        assertEquals(List.of("G1", "V1"), ids(Http.get(base, "/api/alerts?level=ORANGE,YELLOW").json()));
        assertEquals(List.of("G1"), ids(Http.get(base, "/api/alerts?domain=GAS_NETWORK").json()));
        assertEquals(List.of("S1", "G1"), ids(Http.get(base, "/api/alerts?prefecture=220100").json()),
                "长春 includes 公主岭 (220184), shaded on it");
        assertEquals(List.of("G1"), ids(Http.get(base, "/api/alerts?prefecture=220184").json()));
        assertEquals(List.of("V1"), ids(Http.get(base, "/api/alerts?rule=VEH_FATIGUE").json()));
        assertEquals(List.of("S2"), ids(Http.get(base, "/api/alerts?status=cleared").json()));
        assertEquals(List.of("S1", "G1", "V1", "S2"), ids(Http.get(base, "/api/alerts?status=all").json()));
        JsonNode limited = Http.get(base, "/api/alerts?limit=1").json();
        assertEquals(3, limited.get("total").asInt());
        assertEquals(1, limited.get("alerts").size());
    }

    @Test
    void anIncidentUpdatedForWeeksKeepsBoundedMemoryAndStillDropsRedeliveries() {
        board = new AlertBoard(Geography.defaults(), 1000, 1000);
        board.apply(alert("MINE_CH4_ALARM", "S1", "220100", Level.YELLOW, AlertStatus.NEW, 0, 1));
        int updates = 12 * 24 * 7; // every 5 min for a week
        for (int seq = 2; seq <= updates; seq++) {
            assertTrue(board.apply(alert("MINE_CH4_ALARM", "S1", "220100", Level.YELLOW, AlertStatus.UPDATED, 0,
                    seq)));
        }
        String id = "MINE_CH4_ALARM:S1@" + TestAlerts.T0;
        assertEquals(Incident.SEEN_MAX, board.rememberedMessages(id), "message ids kept per incident are bounded");
        long before = board.lastEventId();
        assertFalse(board.apply(alert("MINE_CH4_ALARM", "S1", "220100", Level.YELLOW, AlertStatus.UPDATED, 0,
                updates)), "the newest message redelivered");
        assertFalse(board.apply(alert("MINE_CH4_ALARM", "S1", "220100", Level.YELLOW, AlertStatus.UPDATED, 0,
                updates - Incident.SEEN_MAX + 1)), "the oldest one still remembered, redelivered");
        assertEquals(before, board.lastEventId(), "redeliveries are no new events");
        AlertBoard.Detail d = board.detail(id);
        assertEquals(Incident.HISTORY_MAX, d.history().size());
        assertEquals(AlertStatus.NEW, d.history().get(0).status(), "the NEW that opened it is kept");
        assertEquals(updates, Incident.seqOf(d.latest()));
    }

    @Test
    void aRepeatedMessageChangesNothingAndAnOlderOneOnlyJoinsTheHistory() throws Exception {
        start(1000);
        board.apply(alert("MINE_CH4_ALARM", "S1", "220100", Level.YELLOW, AlertStatus.NEW, 0, 1));
        board.apply(alert("MINE_CH4_ALARM", "S1", "220100", Level.ORANGE, AlertStatus.UPDATED, 0, 3));
        long before = board.lastEventId();
        assertFalse(board.apply(alert("MINE_CH4_ALARM", "S1", "220100", Level.ORANGE, AlertStatus.UPDATED, 0, 3)));
        assertEquals(before, board.lastEventId(), "a redelivered message is not a new event");
        board.apply(alert("MINE_CH4_ALARM", "S1", "220100", Level.RED, AlertStatus.ESCALATED, 0, 2));
        JsonNode rows = Http.get(base, "/api/alerts").json().get("alerts");
        assertEquals(1, rows.size());
        assertEquals("ORANGE", rows.get(0).get("level").asText(), "the latest message (seq 3) stays current");
        String id = rows.get(0).get("id").asText();
        JsonNode d = Http.get(base, "/api/alerts/" + id).json();
        List<String> statuses = new ArrayList<>();
        d.get("history").forEach(h -> statuses.add(h.get("status").asText()));
        assertEquals(List.of("NEW", "ESCALATED", "UPDATED"), statuses, "history in sequence order");
        assertEquals("mine.reading", d.get("alert").get("evidence").get(0).get("type").asText());
        assertTrue(d.get("cap").isNull(), "no renderer registered: no CAP link");
        assertEquals(404, Http.get(base, "/api/alerts/" + id + "/cap").status());
        // any message's alert id finds its incident too ('/' written as '@', as in incident ids)
        String alertId = "MINE_CH4_ALARM:S1@" + TestAlerts.T0 + "@2";
        assertEquals(id, Http.get(base, "/api/alerts/" + alertId).json().get("id").asText());
        assertEquals(404, Http.get(base, "/api/alerts/nothing-here").status());
    }

    @Test
    void summaryCountsOpenAlertsPerLevelAndPrefectureAndShadesDivisions() throws Exception {
        start(1000);
        fill();
        JsonNode s = Http.get(base, "/api/summary").json();
        assertEquals(3, s.get("open").asInt());
        assertEquals(1, s.get("levels").get("RED").asInt());
        assertEquals(1, s.get("levels").get("ORANGE").asInt());
        assertEquals(1, s.get("levels").get("YELLOW").asInt());
        assertEquals(0, s.get("levels").get("BLUE").asInt());
        assertEquals("ORANGE", s.get("prefectures").get("220184").get("highest").asText());
        assertEquals("220100", s.get("prefectures").get("220184").get("division").asText());
        assertEquals("RED", s.get("divisions").get("220100").asText());
        assertEquals("YELLOW", s.get("divisions").get("220200").asText());
        assertFalse(s.get("divisions").has("220400"), "its only alert is cleared");
    }

    @Test
    void badQueryParametersAre400WithAMessageNamingTheParameter() throws Exception {
        start(1000);
        Map<String, String> cases = Map.of(
                "/api/alerts?level=PURPLE", "level",
                "/api/alerts?domain=SHIP", "domain",
                "/api/alerts?prefecture=999999", "prefecture",
                "/api/alerts?status=maybe", "status",
                "/api/alerts?limit=0", "limit",
                "/api/alerts?limit=ten", "limit",
                "/api/alerts?colour=red", "colour",
                "/api/alerts?level=RED&level=BLUE", "level",
                "/api/stream?lastEventId=abc", "lastEventId");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Http.Reply r = Http.get(base, c.getKey());
            assertEquals(400, r.status(), c.getKey());
            JsonNode j = r.json();
            assertEquals(c.getValue(), j.get("parameter").asText(), c.getKey());
            assertTrue(j.get("error").asText().contains("'" + c.getValue() + "'"), j.get("error").asText());
        }
    }

    @Test
    void theStreamStartsWithASnapshotThenEventsInOrderAndResumesAfterLastEventId() throws Exception {
        start(1000);
        fill();
        long n = board.lastEventId();
        try (Sse first = Sse.open(base, null)) {
            Sse.Frame snap = first.next();
            assertEquals("snapshot", snap.event());
            assertEquals(n, snap.id());
            JsonNode rows = AlertBoard.JSON.readTree(snap.data()).get("rows");
            assertEquals(4, rows.size(), "every incident kept, the cleared one too");
            board.apply(alert("VEH_NIGHT_BAN", "V2", "222400", Level.ORANGE, AlertStatus.NEW, 5, 1));
            board.apply(alert("VEH_NIGHT_BAN", "V3", "222400", Level.ORANGE, AlertStatus.NEW, 5, 1));
            board.apply(alert("VEH_NIGHT_BAN", "V2", "222400", Level.ORANGE, AlertStatus.CLEARED, 5, 2));
            List<Long> ids = new ArrayList<>();
            List<String> what = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Sse.Frame f = first.nextIncident();
                ids.add(f.id());
                JsonNode r = AlertBoard.JSON.readTree(f.data());
                what.add(r.get("subjectId").asText() + " " + r.get("status").asText());
            }
            assertEquals(List.of(n + 1, n + 2, n + 3), ids);
            assertEquals(List.of("V2 NEW", "V3 NEW", "V2 CLEARED"), what);
        }
        try (Sse resumed = Sse.open(base, n + 1)) {
            Sse.Frame f = resumed.nextIncident();
            assertEquals(n + 2, f.id(), "resumes right after the id it was given: no snapshot, nothing doubled");
            assertEquals(n + 3, resumed.nextIncident().id());
        }
    }

    @Test
    void anIdOlderThanTheReplayBufferGetsAFreshSnapshot() throws Exception {
        start(5);
        for (int i = 0; i < 20; i++) {
            board.apply(alert("MINE_CH4_ALARM", "S" + i, "220100", Level.BLUE, AlertStatus.NEW, i, 1));
        }
        try (Sse s = Sse.open(base, 2L)) {
            Sse.Frame f = s.next();
            assertEquals("snapshot", f.event());
            assertEquals(20, f.id());
            assertEquals(20, AlertBoard.JSON.readTree(f.data()).get("rows").size());
        }
        try (Sse s = Sse.open(base, 16L)) {
            assertEquals(17, s.nextIncident().id(), "16 is still in the buffer (16-20 kept): replay, not snapshot");
        }
    }

    @Test
    void freshnessReportsRateNewestEventTimeAndLag() throws Exception {
        start(1000);
        freshness.messageIn(TestAlerts.T0);
        freshness.messageIn(TestAlerts.T0 + 60_000);
        freshness.watermark(TestAlerts.T0 + 30_000);
        JsonNode f = Http.get(base, "/api/freshness").json();
        assertEquals(2, f.get("messagesTotal").asLong());
        assertEquals(TestAlerts.T0 + 60_000, f.get("newestEventTs").asLong());
        assertEquals(30_000, f.get("lagMs").asLong());
        assertFalse(f.get("stale").asBoolean());
    }

    @Test
    void servesThePageAndItsAssetsFromTheJar() throws Exception {
        start(1000);
        Http.Reply page = Http.get(base, "/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("/vendor/echarts.min.js"));
        Http.Reply echarts = Http.get(base, "/vendor/echarts.min.js");
        assertEquals(200, echarts.status());
        assertTrue(echarts.body().length() > 500_000);
        JsonNode map = Http.get(base, "/map/jilin.json").json();
        assertEquals(9, map.get("features").size(), "the nine prefecture-level divisions");
    }

    @Test
    void aConfiguredBoundaryMapIsServedInsteadOfTheShippedOneAndAFileThatIsNoMapIsRefused() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(java.nio.file.Path.of("target")
                .toAbsolutePath(), "maps");
        java.nio.file.Path approved = dir.resolve("approved.json");
        java.nio.file.Files.writeString(approved, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":"
                + "\"Feature\",\"id\":\"220100\",\"properties\":{\"name\":\"长春市\"},\"geometry\":{\"type\":"
                + "\"Polygon\",\"coordinates\":[[[125,43],[126,43],[126,44],[125,43]]]}}]}");
        BoardServer.Config c = new BoardServer.Config();
        c.port = 0;
        c.mapFile = approved;
        board = new AlertBoard(Geography.defaults());
        server = new BoardServer(board, new Freshness(), c).start();
        JsonNode map = Http.get(server.url(), "/map/jilin.json").json();
        assertEquals(1, map.get("features").size());
        assertEquals("220100", map.get("features").get(0).get("id").asText());

        java.nio.file.Path notAMap = dir.resolve("not-a-map.json");
        java.nio.file.Files.writeString(notAMap, "{\"type\":\"Feature\"}");
        BoardServer.Config bad = new BoardServer.Config();
        bad.mapFile = notAMap;
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new BoardServer(board, new Freshness(), bad));
        assertTrue(e.getMessage().contains("not a GeoJSON FeatureCollection"), e.getMessage());
    }

    /** A minimal server-sent-events reader over java.net.http. */
    static final class Sse implements AutoCloseable {
        record Frame(long id, String event, String data) {}

        private final InputStream in;
        private final BufferedReader reader;

        private Sse(InputStream in) {
            this.in = in;
            this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }

        static Sse open(String base, Long lastEventId) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "api/stream"))
                    .timeout(Duration.ofSeconds(30));
            if (lastEventId != null) {
                b.header("Last-Event-ID", Long.toString(lastEventId));
            }
            HttpResponse<InputStream> r = Http.CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, r.statusCode());
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
            return new Sse(r.body());
        }

        Frame next() throws Exception {
            long id = 0;
            String event = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (event != null) {
                        return new Frame(id, event, data.toString());
                    }
                    continue;
                }
                if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
            throw new AssertionError("stream ended");
        }

        /** The next numbered event, skipping the freshness ticks (they carry no id). */
        Frame nextIncident() throws Exception {
            Frame f;
            do {
                f = next();
            } while (f.event().equals("freshness"));
            assertNotNull(f);
            return f;
        }

        @Override
        public void close() throws Exception {
            in.close();
        }
    }
}
