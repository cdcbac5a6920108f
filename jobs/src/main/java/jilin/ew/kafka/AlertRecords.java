package jilin.ew.kafka;

import java.nio.charset.StandardCharsets;
import jilin.ew.schema.Alert;
import jilin.ew.schema.WireCodec;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Alerts as wire-contract JSON, keyed by the alert key so one alert's transitions stay in order in one partition. */
class AlertRecords implements KafkaRecordSerializationSchema<Alert> {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private transient WireCodec codec;

    public AlertRecords(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Alert a, KafkaSinkContext ctx, Long ts) {
        if (codec == null) {
            codec = new WireCodec();
        }
        return new ProducerRecord<>(topic, null, a.emittedAt, a.key.getBytes(StandardCharsets.UTF_8),
                codec.encode(a).getBytes(StandardCharsets.UTF_8));
    }
}
