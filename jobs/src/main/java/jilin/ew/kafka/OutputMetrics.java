package jilin.ew.kafka;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import jilin.ew.schema.Alert;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Level;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/** Pass-through counters in front of the sinks: alerts by level and status, dead letters by reason. */
public final class OutputMetrics {
    private OutputMetrics() {}

    /** Counts {@code alertsOut.<LEVEL>} and {@code alertsOut.status.<STATUS>}. */
    public static class Alerts extends RichMapFunction<Alert, Alert> {
        private static final long serialVersionUID = 1L;
        private transient Map<Level, Counter> byLevel;
        private transient Map<String, Counter> byStatus;
        private transient MetricGroup group;

        @Override
        public void open(OpenContext ctx) {
            group = getRuntimeContext().getMetricGroup().addGroup("alertsOut");
            byLevel = new EnumMap<>(Level.class);
            for (Level l : Level.values()) {
                byLevel.put(l, group.counter(l.name()));
            }
            byStatus = new HashMap<>();
        }

        @Override
        public Alert map(Alert a) {
            if (a.level != null) {
                byLevel.get(a.level).inc();
            }
            byStatus.computeIfAbsent(String.valueOf(a.status), s -> group.addGroup("status").counter(s)).inc();
            return a;
        }
    }

    /** Counts {@code deadLettersOut.<reason>} over every stage that dead-letters, not only decode. */
    public static class DeadLetters extends RichMapFunction<DeadLetter, DeadLetter> {
        private static final long serialVersionUID = 1L;
        private transient Map<String, Counter> byReason;
        private transient MetricGroup group;

        @Override
        public void open(OpenContext ctx) {
            group = getRuntimeContext().getMetricGroup().addGroup("deadLettersOut");
            byReason = new HashMap<>();
        }

        @Override
        public DeadLetter map(DeadLetter d) {
            byReason.computeIfAbsent(String.valueOf(d.reason), group::counter).inc();
            return d;
        }
    }
}
