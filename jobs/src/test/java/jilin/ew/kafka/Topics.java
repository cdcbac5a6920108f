package jilin.ew.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Test-side Kafka clients: produce messages, read a topic's committed records. */
final class Topics {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Topics() {}

    /**
     * Creates the prefixed topics of every role and every route (as {@code topics --create} makes them); they are
     * ready to take records when it returns ({@link KafkaAdmin#createTopics}).
     */
    static KafkaTopics createAll(String bootstrap, String prefix, int partitions) throws Exception {
        KafkaTopics t = KafkaTopics.prefixed(prefix);
        KafkaAdmin.createTopics(bootstrap, new Properties(), t.all(jilin.ew.reference.Routing.classpath()), partitions,
                (short) 1);
        return t;
    }

    /** Produces each message to its input topic (by type), keyed by subject; fails unless every one is acked. */
    static void produce(String bootstrap, KafkaTopics topics, List<String> messages) {
        MessageRouter router = new MessageRouter(topics);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (String m : messages) {
            MessageRouter.Route r;
            try {
                r = router.route(m);
            } catch (IllegalArgumentException bad) {
                r = new MessageRouter.Route(topics.get(KafkaTopics.MINE_READINGS), null);
            }
            records.add(new ProducerRecord<>(r.topic, r.key, m));
        }
        send(bootstrap, records);
    }

    /** Produces every message to one partition of one topic; fails unless every one is acked. */
    static void produceTo(String bootstrap, String topic, int partition, List<String> messages) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (String m : messages) {
            records.add(new ProducerRecord<>(topic, partition, null, m));
        }
        send(bootstrap, records);
    }

    private static void send(String bootstrap, List<ProducerRecord<String, String>> records) {
        try (KafkaProducer<String, String> p = producer(bootstrap)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (ProducerRecord<String, String> r : records) {
                acks.add(p.send(r));
            }
            p.flush();
            for (Future<RecordMetadata> a : acks) {
                a.get(); // a lost input message would otherwise show up only as a missing alert
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while producing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a test message was not acked", e.getCause());
        }
    }

    /**
     * A producer that keeps order through retries. Not idempotent on purpose: right after a topic is created its
     * first batches can meet NOT_LEADER_OR_FOLLOWER, and an idempotent producer then looped on
     * OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout and dropped those messages (a CI flake). One
     * request in flight keeps retried batches in order.
     */
    static KafkaProducer<String, String> producer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("acks", "all");
        p.put("enable.idempotence", "false");
        p.put("max.in.flight.requests.per.connection", "1");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("isolation.level", "read_committed");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    /** Every committed record of a topic up to its current end (read_committed, no consumer group). */
    static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic) {
        try (KafkaConsumer<String, String> c = consumer(bootstrap)) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic).forEach(pi -> parts.add(new TopicPartition(topic, pi.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            // a read_committed end offset is the last stable offset: a commit that has returned may still be
            // writing its markers, so read until the end has stood still for a second
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            while (System.nanoTime() < deadline) {
                while (!reached(c, end) && System.nanoTime() < deadline) {
                    c.poll(Duration.ofMillis(200)).forEach(out::add);
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                Map<TopicPartition, Long> now = c.endOffsets(parts);
                if (now.equals(end)) {
                    break;
                }
                end = now;
            }
            return out;
        }
    }

    private static boolean reached(KafkaConsumer<String, String> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Polls the topic's committed alerts until {@code done} holds of them or the timeout passes; returns them. */
    static List<Alert> awaitAlerts(String bootstrap, String topic, Duration timeout, Predicate<List<Alert>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Alert> alerts = alerts(readAll(bootstrap, topic));
        while (!done.test(alerts) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            alerts = alerts(readAll(bootstrap, topic));
        }
        return alerts;
    }

    /** The alerts among the records (only the fields the tests compare). */
    static List<Alert> alerts(List<ConsumerRecord<String, String>> records) {
        List<Alert> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                JsonNode n = JSON.readTree(r.value());
                Alert a = new Alert();
                a.alertId = n.path("alertId").asText();
                a.key = n.path("key").asText();
                a.ruleId = n.path("ruleId").asText();
                a.subjectId = n.path("subjectId").asText();
                a.level = Level.valueOf(n.path("level").asText());
                a.status = AlertStatus.valueOf(n.path("status").asText());
                a.domain = Domain.valueOf(n.path("domain").asText());
                a.ruleSetVersion = n.path("ruleSetVersion").asText(null);
                a.prefecture = n.path("prefecture").asText(null);
                a.operatorId = n.path("operatorId").asText(null);
                a.inhibited = n.path("inhibited").asBoolean(false);
                if (!r.key().equals(a.key)) {
                    throw new AssertionError("record key " + r.key() + " is not the alert key " + a.key);
                }
                out.add(a);
            } catch (java.io.IOException e) {
                throw new AssertionError("alert topic holds non-JSON: " + r.value(), e);
            }
        }
        return out;
    }

    /** Reasons of the dead letters on a topic, with counts. */
    static Map<String, Integer> deadLetterReasons(String bootstrap, String topic) throws java.io.IOException {
        Map<String, Integer> m = new HashMap<>();
        for (ConsumerRecord<String, String> r : readAll(bootstrap, topic)) {
            m.merge(JSON.readTree(r.value()).path("reason").asText(), 1, Integer::sum);
        }
        return m;
    }

    /**
     * Each record key's messages in the order they were written (a key lives on one partition), each message as its
     * JSON without the named wall-clock fields: what a reader of one subject's stream sees, independent of when.
     */
    static Map<String, List<String>> byKey(List<ConsumerRecord<String, String>> records, String... wallClock) {
        Map<String, List<String>> out = new java.util.TreeMap<>();
        for (ConsumerRecord<String, String> r : records) {
            try {
                com.fasterxml.jackson.databind.node.ObjectNode n =
                        (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(r.value());
                for (String f : wallClock) {
                    n.remove(f);
                }
                if (n.has("evidence")) {
                    n.set("evidence", evidenceAsRead(n.get("evidence")));
                }
                out.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(n.toString());
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + r.value(), e);
            }
        }
        return out;
    }

    /**
     * Evidence as the wire contract reads it. A reading restored from a checkpoint is evidence in the contract's
     * canonical form rather than the bytes received (its raw text stays out of checkpoints, see docs/kafka.md), which
     * spells out the default {@code "status":"OK"}; so a reading's status is compared with its default filled in.
     * Everything else of each evidence message must be as received.
     */
    static JsonNode evidenceAsRead(JsonNode evidence) {
        com.fasterxml.jackson.databind.node.ArrayNode out = JSON.createArrayNode();
        for (JsonNode e : evidence) {
            if (e.isObject() && "mine.reading".equals(e.path("type").asText()) && !e.has("status")) {
                e = ((com.fasterxml.jackson.databind.node.ObjectNode) e.deepCopy()).put("status", "OK");
            }
            out.add(e);
        }
        return out;
    }

    /** The fields in which two JSON objects differ, with both values (cut to 300 characters). */
    static String fieldDiff(String u, String v) {
        try {
            JsonNode x = u.startsWith("(") ? JSON.createObjectNode() : JSON.readTree(u);
            JsonNode y = v.startsWith("(") ? JSON.createObjectNode() : JSON.readTree(v);
            java.util.Set<String> names = new java.util.TreeSet<>();
            x.fieldNames().forEachRemaining(names::add);
            y.fieldNames().forEachRemaining(names::add);
            StringBuilder b = new StringBuilder(x.path("alertId").asText(y.path("alertId").asText()));
            for (String f : names) {
                if (!x.path(f).equals(y.path(f))) {
                    b.append(" | ").append(f).append(": ").append(cut(x.path(f).toString())).append(" vs ")
                            .append(cut(y.path(f).toString()));
                }
            }
            return b.toString();
        } catch (java.io.IOException e) {
            return u + " vs " + v;
        }
    }

    private static String cut(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** The differences between two {@link #byKey} maps, key by key, for an assertion message. */
    static String diff(Map<String, List<String>> a, Map<String, List<String>> b) {
        StringBuilder d = new StringBuilder();
        java.util.Set<String> keys = new java.util.TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (String k : keys) {
            List<String> x = a.getOrDefault(k, List.of());
            List<String> y = b.getOrDefault(k, List.of());
            if (!x.equals(y)) {
                d.append("\n").append(k).append(": ").append(x.size()).append(" vs ").append(y.size())
                        .append(" messages");
                for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
                    String u = i < x.size() ? x.get(i) : "(none)";
                    String v = i < y.size() ? y.get(i) : "(none)";
                    if (!u.equals(v)) {
                        d.append("\n  #").append(i).append(": ").append(fieldDiff(u, v));
                    }
                }
            }
        }
        return d.toString();
    }
}
