package jilin.ew.kafka;

import java.nio.charset.StandardCharsets;
import jilin.ew.reference.Routing;
import jilin.ew.schema.Alert;
import jilin.ew.schema.WireCodec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Each alert once per route ({@link Routing#routes}: the province, its prefecture, its subject's operator; an
 * inhibited alert has none), as the record for that route's topic, keyed by the alert key. See docs/routing.md.
 */
public final class RoutedAlerts extends RichFlatMapFunction<Alert, RoutedAlerts.Record> {
    private static final long serialVersionUID = 1L;

    /** One alert for one route's topic, already encoded. */
    public static class Record {
        public String topic;
        public String key;
        public String json;
        public long emittedAt;

        public Record() {}
    }

    private final Routing routing;
    private final KafkaTopics topics;
    private transient WireCodec codec;

    public RoutedAlerts(Routing routing, KafkaTopics topics) {
        this.routing = routing;
        this.topics = topics;
    }

    @Override
    public void open(OpenContext ctx) {
        codec = new WireCodec();
    }

    @Override
    public void flatMap(Alert a, Collector<Record> out) {
        String json = null;
        for (String route : routing.routes(a)) {
            Record r = new Record();
            r.topic = topics.route(route);
            r.key = a.key;
            json = json == null ? codec.encode(a) : json;
            r.json = json;
            r.emittedAt = a.emittedAt;
            out.collect(r);
        }
    }

    /** A routed alert as its Kafka record: its route's topic, the alert key, the wire-contract JSON. */
    public static final class Records implements KafkaRecordSerializationSchema<Record> {
        private static final long serialVersionUID = 1L;

        @Override
        public ProducerRecord<byte[], byte[]> serialize(Record r, KafkaSinkContext ctx, Long ts) {
            return new ProducerRecord<>(r.topic, null, r.emittedAt, r.key.getBytes(StandardCharsets.UTF_8),
                    r.json.getBytes(StandardCharsets.UTF_8));
        }
    }
}
