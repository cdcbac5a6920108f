package jilin.ew.board;

import jilin.ew.schema.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import jilin.ew.schema.Command;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka mode: each command is one record on the command topic (ew.commands), keyed by its incident (a silence by
 * its id) so one incident's commands stay in order; idempotent, acks=all, and the user is told only once the broker
 * has it.
 */
public final class KafkaCommandSink implements CommandSink, AutoCloseable {
    private final WireCodec codec = new WireCodec();
    static final long SEND_TIMEOUT_SEC = 15;

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    public KafkaCommandSink(String bootstrap, Properties clientProperties, String topic) {
        Properties p = new Properties();
        if (clientProperties != null) {
            p.putAll(clientProperties);
        }
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.setProperty(ProducerConfig.ACKS_CONFIG, "all");
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.setProperty(ProducerConfig.CLIENT_ID_CONFIG, "early-warning-board-commands");
        p.setProperty(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(SEND_TIMEOUT_SEC * 1000 - 1000));
        p.setProperty(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        p.setProperty(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        this.producer = new KafkaProducer<>(p);
        this.topic = topic;
    }

    @Override
    public void send(Command c) throws Exception {
        String key = c.incidentId != null ? c.incidentId : c.silenceId != null ? c.silenceId : c.commandId;
        producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                codec.encode(c).getBytes(StandardCharsets.UTF_8))).get(SEND_TIMEOUT_SEC, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
