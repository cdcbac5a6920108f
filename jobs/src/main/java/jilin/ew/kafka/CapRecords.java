package jilin.ew.kafka;

import java.nio.charset.StandardCharsets;
import jilin.ew.schema.Alert;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Alerts rendered by a {@link CapHook} (CAP 1.2 XML), keyed by alert key like the JSON alerts. */
class CapRecords implements KafkaRecordSerializationSchema<Alert> {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private final CapHook renderer;

    public CapRecords(String topic, CapHook renderer) {
        this.topic = topic;
        this.renderer = renderer;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Alert a, KafkaSinkContext ctx, Long ts) {
        return new ProducerRecord<>(topic, null, a.emittedAt, a.key.getBytes(StandardCharsets.UTF_8),
                renderer.render(a).getBytes(StandardCharsets.UTF_8));
    }
}
