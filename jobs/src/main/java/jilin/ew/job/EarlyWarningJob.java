package jilin.ew.job;

import java.util.ArrayList;
import java.util.List;
import jilin.ew.alert.AlertLifecycle;
import jilin.ew.alert.Detection;
import jilin.ew.handling.HandlingStage;
import jilin.ew.ingest.DecodeFunction;
import jilin.ew.pipeline.DomainPipeline;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.serde.EnvelopeType;
import jilin.ew.ingest.Outputs;
import jilin.ew.ingest.ProgressWatermarks;
import jilin.ew.ingest.StreamTimeGuard;
import jilin.ew.serde.StringKeySerializer;
import jilin.ew.mine.MinePipeline;
import jilin.ew.rules.RuleBroadcast;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleUpdates;
import jilin.ew.schema.Alert;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.Handling;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.Collector;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The early-warning job's topology, independent of where messages come from and where alerts go:
 * raw JSON messages in; alerts and dead letters out. Callers (the command line, tests, the Kafka runner)
 * supply the source and attach the sinks.
 */
public final class EarlyWarningJob {
    /** Every domain of the province; adding one means adding it here and nowhere else. */
    public static List<DomainPipeline> domains() {
        List<DomainPipeline> d = new ArrayList<>();
        d.add(new MinePipeline());
        d.add(new jilin.ew.gas.GasPipeline());
        d.add(new jilin.ew.report.ReportPipeline());
        d.add(new jilin.ew.vehicle.VehiclePipeline());
        return d;
    }

    /**
     * The job's outputs: alerts and dead letters; with a command stream also each incident's handling state, and
     * the notifications (what people are told about: not inhibited, not silenced; escalations included).
     */
    public static final class JobOutputs {
        public final DataStream<Alert> alerts;
        public final DataStream<DeadLetter> deadLetters;
        private DataStream<Handling> handling;
        private DataStream<Alert> notifications;

        JobOutputs(DataStream<Alert> alerts, DataStream<DeadLetter> deadLetters) {
            this(alerts, deadLetters, null, null);
        }

        JobOutputs(DataStream<Alert> alerts, DataStream<DeadLetter> deadLetters, DataStream<Handling> handling,
                   DataStream<Alert> notifications) {
            this.alerts = alerts;
            this.deadLetters = deadLetters;
            this.handling = handling;
            this.notifications = notifications;
        }

        /** Each incident's handling after each change; empty without a command stream. */
        public DataStream<Handling> handling() {
            if (handling == null) {
                // made only when asked for, so a job without commands has no operator more than before
                handling = alerts.flatMap((Alert a, Collector<Handling> o) -> { })
                        .returns(TypeInformation.of(Handling.class)).name("no handling").uid("no-handling");
            }
            return handling;
        }

        /** The alert messages people are told about; without a command stream, every one not inhibited. */
        public DataStream<Alert> notifications() {
            if (notifications == null) {
                // the uid the webhooks' own filter had before this output existed: savepoints find it
                notifications = alerts.filter(a -> !a.inhibited).name("notifications")
                        .uid("webhook-notified");
            }
            return notifications;
        }

        /** The same outputs with {@code f} applied to the alerts on their way out (a test's failure injection). */
        public JobOutputs mapAlerts(java.util.function.UnaryOperator<DataStream<Alert>> f) {
            return new JobOutputs(f.apply(alerts), deadLetters, handling, notifications);
        }

        JobOutputs withDeadLetters(DataStream<DeadLetter> more) {
            return new JobOutputs(alerts, deadLetters.union(more), handling, notifications);
        }
    }

    private EarlyWarningJob() {}

    /** Wires the job with no live rule changes: it runs on {@code settings.rules()}. */
    public static JobOutputs build(DataStream<String> raw, JobSettings settings) {
        return build(raw, null, settings);
    }

    /**
     * Wires the job with live rule changes from raw rule-set messages (the rules topic: one whole rule set, JSON or
     * YAML, per message). Each is validated ({@link RuleUpdates}); valid new versions apply to every parallel
     * instance at once; refused ones join the dead letters with the validator's findings.
     */
    public static JobOutputs buildWithRawRules(DataStream<String> raw, DataStream<String> rawRuleUpdates,
                                               JobSettings settings) {
        return buildWithRawRules(raw, rawRuleUpdates, null, settings);
    }

    /**
     * {@link #buildWithRawRules} with raw commands ({@code alert.command} lines) acted on by the handling operator;
     * {@code rawCommands} null: no handling operator at all, as {@link #buildWithRawRules}.
     */
    public static JobOutputs buildWithRawRules(DataStream<String> raw, DataStream<String> rawRuleUpdates,
                                               DataStream<String> rawCommands, JobSettings settings) {
        SingleOutputStreamOperator<RuleSet> valid = RuleUpdates.validate(rawRuleUpdates, settings.rules());
        return build(raw, valid, rawCommands, settings).withDeadLetters(valid.getSideOutput(Outputs.DEAD_LETTERS));
    }

    /**
     * Wires decode, event time, every domain and the alert lifecycle onto the raw messages; validated
     * rule-set versions on {@code ruleUpdates} (null: none) replace the rules in force as they arrive.
     */
    public static JobOutputs build(DataStream<String> raw, DataStream<RuleSet> ruleUpdates, JobSettings settings) {
        return build(raw, ruleUpdates, null, settings);
    }

    /**
     * The job with the handling of alerts (docs/handling.md) when {@code rawCommands} (alert.command lines) is given:
     * commands acted on, unacknowledged incidents escalated (the escalations join the alerts), handling states and
     * notifications as outputs, refused commands among the dead letters. Null: no handling operator at all, so every
     * output is what {@link #build(DataStream, DataStream, JobSettings)} gives and nothing escalates.
     */
    public static JobOutputs build(DataStream<String> raw, DataStream<RuleSet> ruleUpdates,
                                   DataStream<String> rawCommands, JobSettings settings) {
        // Off live, decode and event time run at the source's parallelism (chained to it) and so does the routing
        // to the domains: every keyed operator then gets each key's messages, and the watermarks between them, from one
        // channel in input order, so what it sees does not depend on which thread ran first.
        int ordered = settings.live() ? -1 : raw.getParallelism();
        SingleOutputStreamOperator<Envelope> decoded = raw
                .process(new DecodeFunction(settings.live()), EnvelopeType.INSTANCE).name("decode").uid("decode");
        inOrder(decoded, ordered);
        DataStream<DeadLetter> deadLetters = decoded.getSideOutput(Outputs.DEAD_LETTERS);

        // a Kafka source makes watermarks per partition itself (see kafka.KafkaJob); other sources get them here
        DataStream<Envelope> timed = decoded;
        if (!settings.eventTimeFromSource()) {
            // a Kafka source interleaves partitions that may be minutes apart while it catches up, so only a single
            // ordered source is guarded against messages far ahead of its own time (Kafka: see kafka.KafkaJob)
            SingleOutputStreamOperator<Envelope> guarded = inOrder(decoded.transform("stream time guard",
                    EnvelopeType.INSTANCE, new StreamTimeGuard(settings.aheadOfStreamMs(),
                            settings.outOfOrderness().toMillis())).uid("stream-time-guard"), ordered);
            deadLetters = deadLetters.union(guarded.getSideOutput(Outputs.DEAD_LETTERS));
            timed = inOrder(guarded.assignTimestampsAndWatermarks(
                            WatermarkStrategy.<Envelope>forGenerator(c -> new ProgressWatermarks<>(
                                            settings.outOfOrderness(), settings.watermarkStep(),
                                            settings.aheadOfStreamMs()))
                                    .withTimestampAssigner((e, t) -> e.ts)
                                    .withIdleness(settings.idleness()))
                    .name("event-time").uid("event-time"), ordered);
        }
        List<DomainPipeline> domains = domains();
        DomainRouter router = new DomainRouter(domains);
        SingleOutputStreamOperator<Envelope> routed = inOrder(timed.process(router)
                .name("by domain").uid("domains"), ordered);
        deadLetters = deadLetters.union(routed.getSideOutput(Outputs.DEAD_LETTERS));
        BroadcastStream<RuleSet> rules = ruleUpdates == null
                ? RuleBroadcast.none(routed).broadcast(RuleBroadcast.DESCRIPTOR)
                : RuleBroadcast.of(ruleUpdates);

        DataStream<Detection> detections = null;
        for (int i = 0; i < domains.size(); i++) {
            DomainPipeline.Result r = domains.get(i).build(routed.getSideOutput(router.domain(i)), rules, settings);
            detections = detections == null ? r.detections : detections.union(r.detections);
            deadLetters = deadLetters.union(r.deadLetters);
        }

        DataStream<Alert> alerts = detections
                .keyBy(Detection::lifecycleKey, StringKeySerializer.TYPE)
                .process(new AlertLifecycle(settings.rules(), settings.reference(), !settings.live(),
                        settings.outOfOrderness().toMillis()))
                .name("alert lifecycle").uid("alert-lifecycle");
        if (rawCommands == null) {
            return new JobOutputs(alerts, deadLetters);
        }
        HandlingStage.Result h = HandlingStage.build(alerts, rawCommands, settings.rules(), !settings.live(),
                settings.commandTimeFromStream(), settings.outOfOrderness(), settings.idleness());
        return new JobOutputs(h.alerts, deadLetters.union(h.deadLetters), h.handling, h.notifications);
    }

    /** Runs {@code op} at {@code parallelism} when one is given (off live; see {@link #build}). */
    private static <T> SingleOutputStreamOperator<T> inOrder(SingleOutputStreamOperator<T> op, int parallelism) {
        return parallelism > 0 ? op.setParallelism(parallelism) : op;
    }
}
