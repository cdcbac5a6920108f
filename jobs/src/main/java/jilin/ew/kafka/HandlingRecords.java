package jilin.ew.kafka;

import java.nio.charset.StandardCharsets;
import jilin.ew.schema.Handling;
import jilin.ew.schema.WireCodec;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Handling states as wire-contract JSON, keyed by incident so one incident's versions stay in order. */
class HandlingRecords implements KafkaRecordSerializationSchema<Handling> {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private transient WireCodec codec;

    HandlingRecords(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Handling h, KafkaSinkContext ctx, Long ts) {
        if (codec == null) {
            codec = new WireCodec();
        }
        return new ProducerRecord<>(topic, null, h.incidentId.getBytes(StandardCharsets.UTF_8),
                codec.encode(h).getBytes(StandardCharsets.UTF_8));
    }
}
