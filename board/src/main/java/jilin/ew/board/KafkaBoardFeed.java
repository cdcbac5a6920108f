package jilin.ew.board;

import jilin.ew.schema.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import jilin.ew.schema.Times;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka mode: the board's own consumers. One reads the alert topic from its beginning, {@code read_committed}
 * (alerts of aborted transactions never reach the board), and files every alert; the other watches the input
 * topics' end offsets and newest records for the freshness strip. No consumer group: the board commits nothing
 * and takes nobody's partitions; it rebuilds its state from the topic on every start.
 */
public final class KafkaBoardFeed implements AutoCloseable {
    private final WireCodec codec = new WireCodec();
    private static final Logger LOG = LoggerFactory.getLogger(KafkaBoardFeed.class);
    /** How often the input topics are looked at: the strip's resolution, small next to its 60 s bound. */
    static final Duration FRESHNESS_EVERY = Duration.ofSeconds(2);

    private final Properties base;
    private final String alertTopic;
    /** The handling topic (ew.handling), read like the alert topic; null: not read. */
    private final String handlingTopic;
    private final List<String> inputTopics;
    private final AlertBoard board;
    private final Freshness freshness;
    private volatile boolean running = true;
    private final List<Thread> threads = new ArrayList<>();
    private final List<KafkaConsumer<byte[], byte[]>> consumers = new ArrayList<>();
    private volatile long alertsRead;
    private final java.util.concurrent.atomic.AtomicLong undecodable = new java.util.concurrent.atomic.AtomicLong();

    public KafkaBoardFeed(String bootstrap, Properties clientProperties, String alertTopic, List<String> inputTopics,
                          AlertBoard board, Freshness freshness) {
        this(bootstrap, clientProperties, alertTopic, null, inputTopics, board, freshness);
    }

    /** Also reads the job's handling messages from {@code handlingTopic} (read_committed, from its beginning). */
    public KafkaBoardFeed(String bootstrap, Properties clientProperties, String alertTopic, String handlingTopic,
                          List<String> inputTopics, AlertBoard board, Freshness freshness) {
        this.base = new Properties();
        if (clientProperties != null) {
            base.putAll(clientProperties);
        }
        base.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        base.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        base.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        base.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.alertTopic = alertTopic;
        this.handlingTopic = handlingTopic;
        this.inputTopics = inputTopics;
        this.board = board;
        this.freshness = freshness;
        freshness.lagFromClock();
    }

    /** Starts both consumers on threads of their own. */
    public KafkaBoardFeed start() {
        Properties alerts = new Properties();
        alerts.putAll(base);
        alerts.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        alerts.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "early-warning-board-alerts");
        KafkaConsumer<byte[], byte[]> ac = new KafkaConsumer<>(alerts);
        Properties inputs = new Properties();
        inputs.putAll(base);
        inputs.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "early-warning-board-freshness");
        inputs.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50");
        KafkaConsumer<byte[], byte[]> ic = new KafkaConsumer<>(inputs);
        consumers.add(ac);
        consumers.add(ic);
        threads.add(thread("board-alerts", () -> readAlerts(ac)));
        threads.add(thread("board-input-offsets", () -> watchInputs(ic)));
        if (handlingTopic != null) {
            Properties handling = new Properties();
            handling.putAll(alerts);
            handling.setProperty(ConsumerConfig.CLIENT_ID_CONFIG, "early-warning-board-handling");
            KafkaConsumer<byte[], byte[]> hc = new KafkaConsumer<>(handling);
            consumers.add(hc);
            threads.add(thread("board-handling", () -> readTopic(hc, handlingTopic,
                    json -> board.apply(codec.decodeHandling(json)))));
        }
        return this;
    }

    private Thread thread(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    public long alertsRead() {
        return alertsRead;
    }

    private void readAlerts(KafkaConsumer<byte[], byte[]> c) {
        readTopic(c, alertTopic, json -> {
            board.apply(AlertJson.decode(json));
            alertsRead++;
        });
    }

    /** Reads a topic from its beginning to the end of time, handing each record's JSON text to {@code file}. */
    private void readTopic(KafkaConsumer<byte[], byte[]> c, String topic, java.util.function.Consumer<String> file) {
        String alertTopic = topic;
        try (c) {
            List<TopicPartition> parts = partitions(c, alertTopic);
            c.assign(parts);
            c.seekToBeginning(parts);
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.value() == null) {
                        continue;
                    }
                    try {
                        file.accept(new String(r.value(), StandardCharsets.UTF_8));
                    } catch (RuntimeException e) {
                        // the job writes contract JSON: anything else on the topic is someone else's mistake
                        if (undecodable.getAndIncrement() == 0) {
                            LOG.warn("board: skipping a record of {} that does not decode ({}); further ones"
                                    + " are skipped silently", alertTopic, e.getMessage());
                        }
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("board: reading {} failed: {}", alertTopic, e.toString());
            }
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> c, String topic) {
        while (running) {
            List<PartitionInfo> info = c.partitionsFor(topic, Duration.ofSeconds(15));
            if (info != null && !info.isEmpty()) {
                List<TopicPartition> l = new ArrayList<>();
                for (PartitionInfo p : info) {
                    l.add(new TopicPartition(topic, p.partition()));
                }
                return l;
            }
            LOG.warn("board: topic {} not found yet; waiting for it", topic);
        }
        return List.of();
    }

    /**
     * Sums the input topics' end offsets (messages in, hence the rate and the last time input arrived) and reads the
     * newest record of each partition that grew, for the newest event time (its {@code "ts"}).
     */
    private void watchInputs(KafkaConsumer<byte[], byte[]> c) {
        try (c) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : inputTopics) {
                parts.addAll(partitions(c, t));
            }
            Map<TopicPartition, Long> seen = new HashMap<>();
            boolean first = true;
            while (running) {
                Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(10));
                long total = 0;
                long newest = Long.MIN_VALUE;
                List<TopicPartition> grew = new ArrayList<>();
                for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                    total += e.getValue();
                    Long before = seen.put(e.getKey(), e.getValue());
                    if (e.getValue() > 0 && (before == null || e.getValue() > before)) {
                        grew.add(e.getKey());
                    }
                }
                if (!grew.isEmpty()) {
                    newest = newestEventTime(c, grew, end);
                }
                freshness.totalIn(total, newest, first);
                first = false;
                Thread.sleep(FRESHNESS_EVERY.toMillis());
            }
        } catch (WakeupException | InterruptedException stopping) {
            // closing
        } catch (RuntimeException e) {
            if (running) {
                LOG.error("board: watching the input topics failed: {}", e.toString());
            }
        }
    }

    private static long newestEventTime(KafkaConsumer<byte[], byte[]> c, List<TopicPartition> grew,
                                        Map<TopicPartition, Long> end) {
        c.assign(grew);
        for (TopicPartition p : grew) {
            c.seek(p, end.get(p) - 1);
        }
        long newest = Long.MIN_VALUE;
        int left = grew.size();
        // a transaction marker can sit at end - 1: then that partition gives nothing this round, which is fine
        for (int tries = 0; tries < 3 && left > 0; tries++) {
            for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(300))) {
                left--;
                if (r.value() != null) {
                    newest = Math.max(newest, eventTime(new String(r.value(), StandardCharsets.UTF_8)));
                }
            }
        }
        return newest;
    }

    /** The {@code "ts"} of a raw message without decoding the rest; Long.MIN_VALUE if it has none usable. */
    static long eventTime(String raw) {
        int i = raw.indexOf("\"ts\"");
        if (i < 0) {
            return Long.MIN_VALUE;
        }
        int open = raw.indexOf('"', raw.indexOf(':', i + 4) + 1);
        int close = open < 0 ? -1 : raw.indexOf('"', open + 1);
        if (open < 0 || close < 0) {
            return Long.MIN_VALUE;
        }
        try {
            return Times.parse(raw.substring(open + 1, close));
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }

    @Override
    public void close() {
        running = false;
        for (KafkaConsumer<byte[], byte[]> c : consumers) {
            c.wakeup();
        }
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
