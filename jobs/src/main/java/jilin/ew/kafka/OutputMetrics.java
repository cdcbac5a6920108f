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
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/**
 * Pass-through counters in front of the sinks: alerts by level and status, dead letters by reason; and, for
 * Prometheus, the same with bounded labels (level, domain, reason, rule-set version: never a sensor or vehicle id,
 * which would make a series per device), the alert latency and the rule-set version in force.
 */
final class OutputMetrics {
    /** The group of the labelled metrics: {@code flink_taskmanager_job_task_operator_ew_...} in Prometheus. */
    public static final String GROUP = "ew";

    private OutputMetrics() {}

    /**
     * Counts {@code alertsOut.<LEVEL>} and {@code alertsOut.status.<STATUS>}; with labels {@code ew.alerts} by
     * level and domain, {@code ew.alertLatencyMs} (emittedAt minus the last event's time, the last 1,000 alerts of
     * the subtask) and {@code ew.ruleSet} = 1 for the rule-set version of the latest alert, 0 for earlier ones.
     */
    public static class Alerts extends RichMapFunction<Alert, Alert> {
        private static final long serialVersionUID = 1L;
        private transient Map<Level, Counter> byLevel;
        private transient Map<String, Counter> byStatus;
        private transient MetricGroup group;
        private transient MetricGroup ew;
        private transient Map<String, Counter> byLevelAndDomain;
        private transient Histogram latency;
        private transient Map<String, int[]> ruleSets;
        private transient String ruleSet;

        @Override
        public void open(OpenContext ctx) {
            group = getRuntimeContext().getMetricGroup().addGroup("alertsOut");
            byLevel = new EnumMap<>(Level.class);
            for (Level l : Level.values()) {
                byLevel.put(l, group.counter(l.name()));
            }
            byStatus = new HashMap<>();
            ew = getRuntimeContext().getMetricGroup().addGroup(GROUP);
            byLevelAndDomain = new HashMap<>();
            latency = ew.histogram("alertLatencyMs", new DescriptiveStatisticsHistogram(1000));
            ruleSets = new HashMap<>();
        }

        @Override
        public Alert map(Alert a) {
            if (a.level != null) {
                byLevel.get(a.level).inc();
            }
            byStatus.computeIfAbsent(String.valueOf(a.status), s -> group.addGroup("status").counter(s)).inc();
            String level = String.valueOf(a.level);
            String domain = String.valueOf(a.domain);
            byLevelAndDomain.computeIfAbsent(level + "/" + domain,
                    k -> ew.addGroup("level", level).addGroup("domain", domain).counter("alerts")).inc();
            if (a.emittedAt > 0 && a.lastEventTs > 0) {
                latency.update(a.emittedAt - a.lastEventTs);
            }
            String version = a.ruleSetVersion == null ? "none" : a.ruleSetVersion;
            if (!version.equals(ruleSet)) {
                // one series per version ever in force here: a handful over a job's life, not per message
                if (ruleSet != null) {
                    ruleSets.get(ruleSet)[0] = 0;
                }
                ruleSets.computeIfAbsent(version, v -> {
                    int[] flag = new int[1];
                    ew.addGroup("ruleSetVersion", v).gauge("ruleSet", () -> flag[0]);
                    return flag;
                })[0] = 1;
                ruleSet = version;
            }
            return a;
        }
    }

    /** Counts {@code deadLettersOut.<reason>} over every stage that dead-letters, and {@code ew.deadLetters} by reason. */
    public static class DeadLetters extends RichMapFunction<DeadLetter, DeadLetter> {
        private static final long serialVersionUID = 1L;
        private transient Map<String, Counter> byReason;
        private transient MetricGroup group;
        private transient Map<String, Counter> labelled;
        private transient MetricGroup ew;

        @Override
        public void open(OpenContext ctx) {
            group = getRuntimeContext().getMetricGroup().addGroup("deadLettersOut");
            byReason = new HashMap<>();
            ew = getRuntimeContext().getMetricGroup().addGroup(GROUP);
            labelled = new HashMap<>();
        }

        @Override
        public DeadLetter map(DeadLetter d) {
            String reason = String.valueOf(d.reason);
            byReason.computeIfAbsent(reason, group::counter).inc();
            // reasons are the job's own fixed vocabulary, so the label stays bounded
            labelled.computeIfAbsent(reason, r -> ew.addGroup("reason", r).counter("deadLetters")).inc();
            return d;
        }
    }
}
