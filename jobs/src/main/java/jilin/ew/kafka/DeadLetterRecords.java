package jilin.ew.kafka;

import java.nio.charset.StandardCharsets;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.WireCodec;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Dead letters as wire-contract JSON, keyed by reason so a reader can follow one kind of fault. */
class DeadLetterRecords implements KafkaRecordSerializationSchema<DeadLetter> {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private transient WireCodec codec;

    public DeadLetterRecords(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter d, KafkaSinkContext ctx, Long ts) {
        if (codec == null) {
            codec = new WireCodec();
        }
        byte[] key = d.reason == null ? null : d.reason.getBytes(StandardCharsets.UTF_8);
        return new ProducerRecord<>(topic, key, codec.encode(d, System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
    }
}
