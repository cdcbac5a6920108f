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
import jilin.ew.board.KafkaCommandSink;
import jilin.ew.kafka.ForkedBroker;
import jilin.ew.kafka.KafkaAdmin;
import jilin.ew.kafka.KafkaTopics;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Handling;
import jilin.ew.schema.Level;
import jilin.ew.schema.Times;
import jilin.ew.schema.WireCodec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
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

    @Test
    void aCommandGoesToTheCommandTopicAndTheJobsHandlingComesBackFromTheHandlingTopic() throws Exception {
        KafkaTopics topics = KafkaTopics.prefixed("board-cmd-");
        KafkaAdmin.createTopics(broker.bootstrap(), new Properties(), topics.all(), 2, (short) 1);
        Alert red = alert("LY004-WF1-T1", "220400", Level.RED, AlertStatus.NEW, 1);
        try (KafkaProducer<String, String> p = producer(null)) {
            p.send(new ProducerRecord<>(topics.get(KafkaTopics.ALERTS), red.key, new WireCodec().encode(red))).get();
        }
        AlertBoard board = BoardOptions.newBoard();
        BoardOptions options = new BoardOptions();
        options.host = "127.0.0.1";
        options.port = 0;
        options.openBoard = true;
        String commandTopic = topics.get(KafkaTopics.COMMANDS);
        try (KafkaCommandSink sink = new KafkaCommandSink(broker.bootstrap(), new Properties(), commandTopic);
             KafkaBoardFeed feed = new KafkaBoardFeed(broker.bootstrap(), new Properties(),
                     topics.get(KafkaTopics.ALERTS), topics.get(KafkaTopics.HANDLING), topics.inputs(), board,
                     new Freshness()).start()) {
            BoardServer server = options.server(board, new Freshness(), false, "test", sink).start();
            try {
                String base = server.url();
                JsonNode row = await(base, "api/alerts", n -> n.get("total").asInt() == 1).get("alerts").get(0);
                assertTrue(row.get("unacknowledgedRed").asBoolean());
                String csrf = get(base, "api/me").get("csrf").asText();
                HttpResponse<String> ack = HTTP.send(HttpRequest.newBuilder(URI.create(base + "api/alerts/"
                        + row.get("id").asText() + "/acknowledge")).header("X-CSRF-Token", csrf)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(202, ack.statusCode(), ack.body());

                Properties cp = new Properties();
                cp.put("bootstrap.servers", broker.bootstrap());
                cp.put("key.deserializer", StringDeserializer.class.getName());
                cp.put("value.deserializer", StringDeserializer.class.getName());
                JsonNode command = null;
                try (KafkaConsumer<String, String> c = new KafkaConsumer<>(cp)) {
                    List<TopicPartition> parts = List.of(new TopicPartition(commandTopic, 0),
                            new TopicPartition(commandTopic, 1));
                    c.assign(parts);
                    c.seekToBeginning(parts);
                    long end = System.nanoTime() + WAIT.toNanos();
                    while (command == null && System.nanoTime() < end) {
                        for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                            command = JSON.readTree(r.value());
                            assertEquals(red.key + "/" + red.firstEventTs, r.key(), "keyed by its incident");
                        }
                    }
                }
                assertEquals("alert.command", command.get("type").asText());
                assertEquals("ACKNOWLEDGE", command.get("action").asText());
                assertEquals("local", command.get("actor").asText(), "the open board's user");
                assertEquals(red.key + "/" + red.firstEventTs, command.get("incidentId").asText());

                // the job answers on the handling topic, transactionally: the board shows who acknowledged
                Handling h = new Handling();
                h.incidentId = command.get("incidentId").asText();
                h.key = red.key;
                h.state = Handling.State.ACKNOWLEDGED;
                h.version = 1;
                h.updatedAt = Times.parse(command.get("ts").asText());
                h.acknowledgedBy = "local";
                h.acknowledgedAt = h.updatedAt;
                h.lastCommandId = command.get("commandId").asText();
                try (KafkaProducer<String, String> tx = producer("board-handling-test")) {
                    tx.initTransactions();
                    tx.beginTransaction();
                    tx.send(new ProducerRecord<>(topics.get(KafkaTopics.HANDLING), h.incidentId,
                            new WireCodec().encode(h)));
                    tx.commitTransaction();
                }
                JsonNode acked = await(base, "api/alerts", n -> n.get("alerts").get(0).has("acknowledgedBy"))
                        .get("alerts").get(0);
                assertEquals("local", acked.get("acknowledgedBy").asText());
                assertFalse(acked.has("unacknowledgedRed"));
            } finally {
                server.close();
            }
        }
    }
}
