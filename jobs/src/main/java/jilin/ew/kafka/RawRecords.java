package jilin.ew.kafka;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Kafka records to raw message text, counting messages in per topic ({@code topic.<name>.messagesIn}).
 * Decoding stays in the job's decode stage, so a bad message becomes a dead letter there, never a source failure.
 */
class RawRecords implements KafkaRecordDeserializationSchema<String> {
    private static final long serialVersionUID = 1L;

    private transient MetricGroup metrics;
    private transient Map<String, Counter> perTopic;

    @Override
    public void open(DeserializationSchema.InitializationContext ctx) {
        metrics = ctx.getMetricGroup();
        perTopic = new HashMap<>();
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
        if (perTopic != null) {
            perTopic.computeIfAbsent(record.topic(), t -> metrics.addGroup("topic", t).counter("messagesIn")).inc();
        }
        byte[] v = record.value();
        // a tombstone carries no message; an empty value still reaches decode and is dead-lettered there
        if (v != null) {
            out.collect(new String(v, StandardCharsets.UTF_8));
        }
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }
}
