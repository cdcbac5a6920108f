package jilin.ew.gateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.EventType;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Output to the pipeline's raw input topics (by message type, keyed by subject) and its dead-letter topic (keyed by
 * reason), through one idempotent producer with acks=all: a retried send is never written twice and an acked one is
 * on every in-sync replica.
 */
public final class KafkaOutput implements Output {
    private final KafkaProducer<String, String> producer;
    private final Map<EventType, String> topics;
    private final String deadLetterTopic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final Callback onAck = (meta, e) -> {
        if (e != null) {
            failure.compareAndSet(null, e);
        }
    };

    /**
     * @param clientConfig bootstrap servers and any security settings; serializers, acks and idempotence are set here
     * @param topics       the input topic of each type this gateway produces
     */
    public KafkaOutput(Properties clientConfig, Map<EventType, String> topics, String deadLetterTopic) {
        Properties p = new Properties();
        p.putAll(clientConfig);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        this.producer = new KafkaProducer<>(p);
        this.topics = Map.copyOf(topics);
        this.deadLetterTopic = deadLetterTopic;
    }

    @Override
    public void message(EventType type, String key, String json) {
        String topic = topics.get(type);
        if (topic == null) {
            throw new IllegalArgumentException("no topic for " + type);
        }
        producer.send(new ProducerRecord<>(topic, key, json), onAck);
        sent.incrementAndGet();
    }

    @Override
    public void deadLetter(DeadLetter d) {
        producer.send(new ProducerRecord<>(deadLetterTopic, d.reason, Contract.encode(d, System.currentTimeMillis())),
                onAck);
        deadLetters.incrementAndGet();
    }

    @Override
    public void flush() throws Exception {
        producer.flush();
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("a record was not acknowledged by Kafka: " + e.getMessage(), e);
        }
    }

    /**
     * Fails unless every topic exists and each of its partitions has a leader: a gateway should refuse to start
     * rather than accept devices' data it cannot deliver (and a producer's first batches to a topic whose leader is
     * still being elected are the ones that meet retriable errors).
     */
    public void checkTopics() {
        List<String> all = new ArrayList<>(topics.values());
        all.add(deadLetterTopic);
        for (String t : all) {
            for (PartitionInfo p : producer.partitionsFor(t)) {
                if (p.leader() == null || p.leader().isEmpty()) {
                    throw new IllegalStateException("topic " + t + " partition " + p.partition() + " has no leader");
                }
            }
        }
    }

    public long sent() {
        return sent.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
