package jilin.ew.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import jilin.ew.cli.EarlyWarningCli;
import jilin.ew.testing.Msg;
import jilin.ew.testing.Ports;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --webhooks} against real HTTP receivers on 127.0.0.1 (the JDK's HttpServer), one per kind of
 * receiver: one that fails twice for each alert and then accepts gets every alert of its route once, each key's
 * alerts in order, validly signed; one that always fails, one that refuses with 400 and a closed port each give a
 * {@code webhook-failed} dead letter per alert, after the configured attempts (400: one), so nothing is lost. The
 * backoff runs on processing-time timers, which Flink drops at the end of a bounded input: everything arriving
 * before the replay exits shows that the operator waits for its queues.
 */
class WebhookReplayTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(1).build());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] SECRET = "test-secret-of-the-province-receiver".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;
    static HttpServer server;
    /** Every request, in arrival order. */
    static final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    static int replayExit;
    static Map<String, List<String>> routeLines;
    static List<JsonNode> deadLetters;

    record Request(String path, String delivery, String timestamp, String signature, int attempt, String body,
                   int status) {}

    @BeforeAll
    static void replayAgainstReceivers() throws Exception {
        Map<String, Integer> flakyCalls = new HashMap<>();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/flaky", ex -> {
            // fails twice for each delivery (by its id), then accepts
            int n;
            synchronized (flakyCalls) {
                n = flakyCalls.merge(ex.getRequestHeaders().getFirst(WebhookSignature.DELIVERY), 1, Integer::sum);
            }
            answer(ex, n <= 2 ? 503 : 200);
        });
        server.createContext("/down", ex -> answer(ex, 500));
        server.createContext("/refuses", ex -> answer(ex, 400));
        server.start();
        int closedPort = Ports.free(); // nothing listens there
        String base = "http://127.0.0.1:" + server.getAddress().getPort();

        Path seeds = Files.createDirectories(dir.resolve("seeds"));
        Path secretFile = dir.resolve("province.secret");
        Files.write(secretFile, (new String(SECRET, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8));
        ObjectNode table;
        try (InputStream in = WebhookReplayTest.class.getResourceAsStream("/seeds/routing.json")) {
            table = (ObjectNode) JSON.readTree(in);
        }
        hook((ObjectNode) table.get("province"), base + "/flaky", secretFile, 4);
        hook(entry(table.withArray("prefectures"), "code", "220400"), base + "/down", secretFile, 3);
        hook(entry(table.withArray("operators"), "operatorId", "OP-LY-01"), base + "/refuses", secretFile, 3);
        hook(entry(table.withArray("operators"), "operatorId", "OP-BS-01"), "http://127.0.0.1:" + closedPort + "/x",
                secretFile, 2);
        JSON.writeValue(seeds.resolve("routing.json").toFile(), table);

        // a CH4 alarm on a working face of LY001 (辽源, OP-LY-01) and of BS001 (白山, OP-BS-01): NEW, UPDATED
        // after five minutes, CLEARED after five minutes back under the alarm value
        Path recording = dir.resolve("recording.jsonl");
        try (Writer w = Files.newBufferedWriter(recording, StandardCharsets.UTF_8)) {
            for (long t = 0; t <= 900; t += 25) {
                double v = t >= 100 && t < 500 ? 1.2 : 0.3;
                w.write(Msg.reading("LY001-WF1-T1", t, v) + "\n");
                w.write(Msg.reading("BS001-WF1-T1", t + 5, v) + "\n");
            }
        }
        Path routes = dir.resolve("routes");
        Path dead = dir.resolve("dead.jsonl");
        replayExit = EarlyWarningCli.commandLine().execute("replay", "--input", recording.toString(),
                "--output", dir.resolve("alerts.jsonl").toString(), "--dead-letter", dead.toString(),
                "--route-output", routes.toString(), "--seeds", seeds.toString(), "--webhooks");
        routeLines = new HashMap<>();
        try (var files = Files.list(routes)) {
            for (Path p : files.collect(Collectors.toList())) {
                routeLines.put(p.getFileName().toString().replace(".jsonl", ""), Files.readAllLines(p));
            }
        }
        deadLetters = new ArrayList<>();
        for (String l : Files.readAllLines(dead)) {
            deadLetters.add(JSON.readTree(l));
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange ex, int status) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        var h = ex.getRequestHeaders();
        requests.add(new Request(ex.getHttpContext().getPath(), h.getFirst(WebhookSignature.DELIVERY),
                h.getFirst(WebhookSignature.TIMESTAMP), h.getFirst(WebhookSignature.SIGNATURE),
                Integer.parseInt(h.getFirst(WebhookSignature.ATTEMPT)), body, status));
        ex.sendResponseHeaders(status, -1);
        ex.close();
    }

    private static void hook(ObjectNode entry, String url, Path secretFile, int maxAttempts) {
        ObjectNode w = entry.putObject("webhook");
        w.put("url", url);
        w.put("secretFile", secretFile.toString());
        w.put("maxAttempts", maxAttempts);
        w.putObject("backoff").put("initialMs", 5).put("maxMs", 40);
        w.put("timeoutMs", 5000);
    }

    private static ObjectNode entry(ArrayNode rows, String field, String value) {
        for (JsonNode n : rows) {
            if (value.equals(n.path(field).asText())) {
                return (ObjectNode) n;
            }
        }
        throw new AssertionError("no row with " + field + " " + value + " in the shipped routing.json");
    }

    private static String alertId(String json) {
        try {
            return JSON.readTree(json).path("alertId").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String key(String json) {
        try {
            return JSON.readTree(json).path("key").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Request> at(String path) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.path.equals(path)).collect(Collectors.toList());
        }
    }

    /** The alerts of one route as replay's route file has them, at least three (NEW, UPDATED, CLEARED). */
    private static List<String> route(String route) {
        List<String> lines = routeLines.getOrDefault(route, List.of());
        assertTrue(lines.size() >= 3, route + " has alerts to deliver: " + lines);
        return lines;
    }

    @Test
    void aReceiverThatFailsTwiceGetsEveryAlertOnceInOrderSigned() {
        assertEquals(0, replayExit, "replay exit code");
        List<String> expected = route("province");
        List<Request> accepted = at("/flaky").stream().filter(r -> r.status == 200).collect(Collectors.toList());
        // once each (ids first, for a readable failure), the very bodies replay wrote to the route's file
        assertEquals(expected.stream().map(WebhookReplayTest::alertId).sorted().collect(Collectors.toList()),
                accepted.stream().map(r -> alertId(r.body)).sorted().collect(Collectors.toList()));
        assertEquals(expected.stream().sorted().collect(Collectors.toList()),
                accepted.stream().map(Request::body).sorted().collect(Collectors.toList()));
        Map<String, Long> perDelivery = accepted.stream()
                .collect(Collectors.groupingBy(Request::delivery, Collectors.counting()));
        assertTrue(perDelivery.values().stream().allMatch(n -> n == 1), "no alert accepted twice: " + perDelivery);
        // each alert took three attempts (two refusals, then accepted), the failed ones carried the same id
        for (Request r : accepted) {
            assertEquals(3, r.attempt, r.delivery);
            assertEquals("province/" + alertId(r.body), r.delivery);
            assertEquals(2, at("/flaky").stream().filter(x -> x.delivery.equals(r.delivery) && x.status == 503)
                    .count(), r.delivery);
        }
        // in order: each alert key's messages arrive as the job emitted them (NEW, UPDATED..., CLEARED), and no
        // request of a later alert came before the earlier one was accepted (one at a time per route)
        Function<List<String>, Map<String, List<String>>> byKey = l -> l.stream().collect(
                Collectors.groupingBy(WebhookReplayTest::key, LinkedHashMap::new,
                        Collectors.mapping(WebhookReplayTest::alertId, Collectors.toList())));
        assertEquals(byKey.apply(expected), byKey.apply(accepted.stream().map(Request::body)
                .collect(Collectors.toList())));
        List<Request> all = at("/flaky");
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).status != 200) {
                assertEquals(all.get(i).delivery, all.get(i + 1).delivery, "a retry follows its failure");
            }
        }
        // signed: verifies with the route's secret, within five minutes; a wrong secret or another body fails
        long now = System.currentTimeMillis() / 1000;
        byte[] wrong = "not-the-secret".getBytes(StandardCharsets.UTF_8);
        for (Request r : accepted) {
            byte[] body = r.body.getBytes(StandardCharsets.UTF_8);
            assertTrue(WebhookSignature.verify(SECRET, r.signature, r.timestamp, r.delivery, body, now, 300),
                    r.delivery);
            assertFalse(WebhookSignature.verify(wrong, r.signature, r.timestamp, r.delivery, body, now, 300));
            assertFalse(WebhookSignature.verify(SECRET, r.signature, r.timestamp, "province/other", body, now, 300));
            assertFalse(WebhookSignature.verify(SECRET, r.signature, r.timestamp, r.delivery,
                    r.body.replace("\"level\"", "\"levels\"").getBytes(StandardCharsets.UTF_8), now, 300));
        }
    }

    @Test
    void aReceiverThatAlwaysFailsGivesADeadLetterPerAlertAfterTheLastAttempt() {
        assertEquals(0, replayExit, "replay exit code");
        List<String> expected = route("prefecture-220400");
        List<JsonNode> dead = deadOf("prefecture-220400");
        assertEquals(expected.stream().map(WebhookReplayTest::alertId).sorted().collect(Collectors.toList()),
                dead.stream().map(d -> alertId(d.path("raw").asText())).sorted().collect(Collectors.toList()));
        assertEquals(expected.stream().sorted().collect(Collectors.toList()),
                dead.stream().map(d -> d.path("raw").asText()).sorted().collect(Collectors.toList()),
                "raw is the alert's JSON, one dead letter per alert");
        for (JsonNode d : dead) {
            assertTrue(d.path("detail").asText().contains("HTTP 500 after 3 attempts"), d.toString());
        }
        for (String line : expected) {
            assertEquals(3, at("/down").stream().filter(r -> r.body.equals(line)).count(), "three attempts");
        }
    }

    @Test
    void a400IsNotRetriedAndAClosedPortIsRetriedThenDeadLettered() {
        assertEquals(0, replayExit, "replay exit code");
        List<String> refused = route("operator-OP-LY-01");
        List<JsonNode> dead = deadOf("operator-OP-LY-01");
        assertEquals(refused.size(), dead.size());
        for (JsonNode d : dead) {
            assertTrue(d.path("detail").asText().contains("HTTP 400 after 1 attempt (not retried)"), d.toString());
        }
        assertEquals(refused.size(), at("/refuses").size(), "one request per alert");

        List<String> closed = route("operator-OP-BS-01");
        List<JsonNode> unreachable = deadOf("operator-OP-BS-01");
        assertEquals(closed.stream().sorted().collect(Collectors.toList()),
                unreachable.stream().map(d -> d.path("raw").asText()).sorted().collect(Collectors.toList()));
        for (JsonNode d : unreachable) {
            assertTrue(d.path("detail").asText().contains("after 2 attempts"), d.toString());
            assertTrue(d.path("detail").asText().contains("connection"), d.toString());
        }
    }

    @Test
    void routesWithoutAWebhookGetNoRequestAndOnlyWebhookFailuresAreNewDeadLetters() {
        assertEquals(0, replayExit, "replay exit code");
        assertTrue(routeLines.containsKey("prefecture-220600"), "白山's route has alerts, and no webhook");
        assertEquals(List.of("/down", "/flaky", "/refuses"),
                requests.stream().map(Request::path).distinct().sorted().collect(Collectors.toList()));
        for (JsonNode d : deadLetters) {
            assertEquals(WebhookSender.REASON, d.path("reason").asText(), d.toString());
        }
    }

    private static List<JsonNode> deadOf(String route) {
        return deadLetters.stream().filter(d -> d.path("reason").asText().equals(WebhookSender.REASON)
                && d.path("detail").asText().contains("on route " + route + ":")).collect(Collectors.toList());
    }
}
