package jilin.ew.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import jilin.ew.board.AlertBoard;
import jilin.ew.board.BoardServer;
import jilin.ew.board.Freshness;
import jilin.ew.board.KafkaBoardFeed;
import jilin.ew.kafka.ForkedBroker;
import jilin.ew.kafka.KafkaAdmin;
import jilin.ew.kafka.KafkaTopics;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;
import jilin.ew.schema.Times;
import jilin.ew.schema.WireCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code board --kafka}: the board's own read_committed consumer of the alert topic and its watch on the input
 * topics, against a real broker, with the jobs side's CAP renderer and routing plugged in.
 */
class BoardKafkaTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Duration WAIT = Duration.ofSeconds(30);
    static ForkedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = ForkedBroker.startInTarget();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        ForkedBroker.stop(broker);
    }

    static Alert alert(String subject, String prefecture, Level level, AlertStatus status, int seq) {
        Alert a = new Alert();
        long first = Times.parse("2026-03-20T08:00:00+08:00");
        a.ruleId = "MINE_CH4_ALARM";
        a.subjectId = subject;
        a.sensorId = subject;
        a.mineId = subject.substring(0, 5);
        a.key = a.ruleId + ":" + subject;
        a.alertId = a.key + "/" + first + "/" + seq;
        a.domain = Domain.MINE;
        a.level = level;
        a.baseLevel = level;
        a.status = status;
        a.prefecture = prefecture;
        a.title = "CH4 alarm at " + subject;
        a.detail = "CH4 1.6 % at " + subject;
        a.firstEventTs = first;
        a.lastEventTs = first + seq * 1000L;
        a.emittedAt = first + seq * 1000L;
        a.ruleSetVersion = "default";
        a.evidence.add("{\"type\":\"mine.reading\",\"ts\":\"" + Times.format(a.lastEventTs) + "\",\"sensorId\":\""
                + subject + "\",\"value\":1.6}");
        return a;
    }

    static KafkaProducer<String, String> producer(String transactionalId) {
        Properties p = new Properties();
        p.put("bootstrap.servers", broker.bootstrap());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        if (transactionalId != null) {
            p.put("transactional.id", transactionalId);
        }
        return new KafkaProducer<>(p);
    }

    static JsonNode get(String base, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    static JsonNode await(String base, String path, Predicate<JsonNode> done) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        JsonNode n = get(base, path);
        while (!done.test(n)) {
            if (System.nanoTime() > end) {
                throw new AssertionError(path + " did not get there within " + WAIT + ": " + n);
            }
            Thread.sleep(100);
            n = get(base, path);
        }
        return n;
    }

    @Test
    void theBoardShowsCommittedAlertsOnlyWithCapAndRoutesAndWatchesTheInputTopics() throws Exception {
        KafkaTopics topics = KafkaTopics.prefixed("board-");
        KafkaAdmin.createTopics(broker.bootstrap(), new Properties(), topics.all(), 2, (short) 1);
        WireCodec codec = new WireCodec();
        String alertTopic = topics.get(KafkaTopics.ALERTS);
        try (KafkaProducer<String, String> tx = producer("board-test")) {
            tx.initTransactions();
            tx.beginTransaction();
            Alert aborted = alert("LY002-WF1-T1", "220200", Level.RED, AlertStatus.NEW, 1);
            tx.send(new ProducerRecord<>(alertTopic, aborted.key, codec.encode(aborted)));
            tx.flush();
            tx.abortTransaction();
            tx.beginTransaction();
            for (Alert a : List.of(alert("LY001-WF1-T1", "220400", Level.YELLOW, AlertStatus.NEW, 1),
                    alert("LY001-WF1-T1", "220400", Level.ORANGE, AlertStatus.ESCALATED, 2),
                    alert("LY003-WF1-T1", "220400", Level.BLUE, AlertStatus.NEW, 1))) {
                tx.send(new ProducerRecord<>(alertTopic, a.key, codec.encode(a)));
            }
            tx.commitTransaction();
        }
        long newest = Times.parse("2026-03-20T09:00:00+08:00");
        AlertBoard board = BoardOptions.newBoard();
        Freshness freshness = new Freshness();
        BoardOptions options = new BoardOptions();
        options.host = "127.0.0.1";
        options.port = 0;
        BoardServer server = options.server(board, freshness, false, "test").start();
        String base = server.url();
        try (KafkaBoardFeed feed = new KafkaBoardFeed(broker.bootstrap(), new Properties(), alertTopic,
                topics.inputs(), board, freshness).start()) {
            JsonNode page = await(base, "api/alerts", n -> n.get("total").asInt() == 2);
            assertEquals("LY001-WF1-T1", page.get("alerts").get(0).get("subjectId").asText());
            assertEquals("ORANGE", page.get("alerts").get(0).get("level").asText());
            assertEquals(2, page.get("alerts").get(0).get("messages").asInt(), "NEW + ESCALATED: one incident");
            assertFalse(page.toString().contains("LY002"), "the aborted transaction's alert never shows");

            String id = page.get("alerts").get(0).get("id").asText();
            JsonNode detail = get(base, "api/alerts/" + id);
            assertEquals(List.of("province", "prefecture-220400"),
                    JSON.convertValue(detail.get("routes"), List.class));
            HttpResponse<String> cap = HTTP.send(HttpRequest.newBuilder(URI.create(base.substring(0,
                    base.length() - 1) + detail.get("cap").asText())).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, cap.statusCode());
            assertTrue(cap.headers().firstValue("content-disposition").orElse("").startsWith("attachment"));
            assertTrue(cap.body().contains("urn:oasis:names:tc:emergency:cap:1.2"), cap.body());
            assertTrue(cap.body().contains("<msgType>Update</msgType>"), "the ESCALATED message: " + cap.body());

            // input arrives on the raw topics: the strip counts it and reads the newest event time
            try (KafkaProducer<String, String> p = producer(null)) {
                for (int i = 0; i < 5; i++) {
                    long ts = newest - (4 - i) * 1000L;
                    p.send(new ProducerRecord<>(topics.get(KafkaTopics.MINE_READINGS), "LY001-WF1-T1",
                            "{\"type\":\"mine.reading\",\"ts\":\"" + Times.format(ts)
                                    + "\",\"sensorId\":\"LY001-WF1-T1\",\"value\":0.3}"));
                }
            }
            JsonNode f = await(base, "api/freshness", n -> n.get("messagesTotal").asLong() == 5
                    && n.path("newestEventTs").asLong() == newest);
            assertEquals("clock", f.get("lagBasis").asText());
            assertTrue(f.get("lagMs").asLong() > 0);
        } finally {
            server.close();
        }
    }
}
