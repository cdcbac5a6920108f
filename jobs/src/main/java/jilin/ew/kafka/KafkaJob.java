package jilin.ew.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import jilin.ew.job.EarlyWarningJob;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.ingest.ProgressWatermarks;
import jilin.ew.schema.Alert;
import jilin.ew.schema.DeadLetter;
import jilin.ew.webhook.Webhooks;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The production job on Kafka: one KafkaSource over every input topic, {@link EarlyWarningJob} in the middle,
 * transactional (exactly-once) KafkaSinks for alerts, dead letters and the per-route alert topics
 * ({@code ew.alerts.<route>}: province, prefecture, operator; inhibited alerts go to none), and the live alert topic
 * written at least once as each alert is decided. Tests and the command line build it the same way; tests may put their own stage
 * between {@link #source} and the job.
 *
 * <p>Why a live topic: a read_committed reader sees an alert only once the checkpoint that covers it completes, so
 * the record topic's latency is the checkpoint cycle (about a second here). The live topic carries the same alerts
 * with no transaction: readable in about a tenth of that, at the price of at-least-once (after a restart, alerts
 * since the last checkpoint come again with the same {@code alertId}, which readers use to drop repeats).
 *
 * <p>Event time: the source makes watermarks per partition (the {@code ts} read cheaply from the raw JSON, the
 * job's bounded-out-of-orderness {@link ProgressWatermarks}), and a source subtask's watermark is the minimum over
 * its partitions. Merging partitions first and watermarking after decode (as the file path does) was tried and
 * fails on Kafka: while catching up, the reader drains one partition far ahead of another, event time runs ahead,
 * and the other partition's readings arrive late (patterns lost, definitions on their own topic missed). A quiet
 * partition is excluded after {@link JobSettings#idleness}, so patterns on the active ones still complete;
 * single-reading breaches never wait for watermarks at all.
 */
public final class KafkaJob {
    /** Kafka's default transaction.max.timeout.ms; the connector's own default (1 h) is refused by a stock broker. */
    static final String TRANSACTION_TIMEOUT_MS = "900000";
    /** Longest a partly filled network buffer waits before it is sent on. */
    static final long BUFFER_TIMEOUT_MS = 10;

    private final String bootstrap;
    private KafkaTopics topics = new KafkaTopics();
    private Properties clientProperties = new Properties();
    private JobSettings settings = new JobSettings();
    private String groupId = "early-warning";
    private String transactionalIdPrefix = "early-warning";
    private OffsetsInitializer startingOffsets = OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
    private boolean bounded;
    private int sourceParallelism = -1;
    private CapHook capRenderer;
    private boolean liveAlerts = true;
    private boolean routeTopics = true;
    private boolean webhooks = true;
    private boolean handling;

    public KafkaJob(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    public KafkaJob withTopics(KafkaTopics t) {
        this.topics = t;
        return this;
    }

    /** Extra client properties (SASL, TLS...) for the source, the sinks and admin calls. */
    public KafkaJob withClientProperties(Properties p) {
        this.clientProperties = p;
        return this;
    }

    public KafkaJob withSettings(JobSettings s) {
        this.settings = s;
        return this;
    }

    public KafkaJob withGroupId(String g) {
        this.groupId = g;
        return this;
    }

    /** Prefix of the sinks' transactional ids: unique per job on one cluster, stable across its restarts. */
    public KafkaJob withTransactionalIdPrefix(String p) {
        this.transactionalIdPrefix = p;
        return this;
    }

    public KafkaJob withStartingOffsets(OffsetsInitializer o) {
        this.startingOffsets = o;
        return this;
    }

    /** Read up to the input's end offsets at start, then finish (replays of a topic; tests). */
    public KafkaJob bounded(boolean b) {
        this.bounded = b;
        return this;
    }

    public KafkaJob withSourceParallelism(int p) {
        this.sourceParallelism = p;
        return this;
    }

    /** The CAP topic hook: with a renderer, every alert also goes to the CAP topic in its rendering. */
    public KafkaJob withCapHook(CapHook r) {
        this.capRenderer = r;
        return this;
    }

    /** Whether every alert also goes to the live topic, at least once (default on). */
    public KafkaJob withLiveAlerts(boolean on) {
        this.liveAlerts = on;
        return this;
    }

    public boolean liveAlerts() {
        return liveAlerts;
    }

    /** Whether every notified alert also goes to its routes' topics, {@code ew.alerts.<route>} (default on). */
    public KafkaJob withRouteTopics(boolean on) {
        this.routeTopics = on;
        return this;
    }

    /**
     * Whether notified alerts are also POSTed to the webhooks of the routing table (default on; nothing is added
     * when no route has one). Failures for good join the dead-letter topic (docs/webhooks.md).
     */
    public KafkaJob withWebhooks(boolean on) {
        this.webhooks = on;
        return this;
    }

    /**
     * Whether the job acts on the commands topic (docs/handling.md): acknowledgements, escalation of what nobody
     * acknowledges, silences; handling states to the handling topic, exactly once (default off: no handling).
     */
    public KafkaJob withHandling(boolean on) {
        this.handling = on;
        return this;
    }

    public boolean handling() {
        return handling;
    }

    /** The route topics this job writes (none when they are off): one per route of the routing table. */
    public List<String> routeTopics() {
        return routeTopics ? topics.routes(settings.reference().routing()) : List.of();
    }

    /** The topics this job writes to, by role. */
    public List<String> outputRoles() {
        List<String> roles = new ArrayList<>(List.of(KafkaTopics.ALERTS,
                KafkaTopics.DEAD_LETTERS));
        if (capRenderer != null) {
            roles.add(KafkaTopics.ALERTS_CAP);
        }
        if (liveAlerts) {
            roles.add(KafkaTopics.ALERTS_LIVE);
        }
        if (handling) {
            roles.add(KafkaTopics.HANDLING);
        }
        return roles;
    }

    /** The topics this job reads or writes that do not exist, as "role: name"; throws if the broker does not answer. */
    public List<String> missingTopics(Duration timeout) throws Exception {
        Set<String> existing = KafkaAdmin.existing(bootstrap, clientProperties, timeout);
        List<String> roles = new ArrayList<>(KafkaTopics.INPUT_ROLES);
        if (handling) {
            roles.add(KafkaTopics.COMMANDS);
        }
        roles.addAll(outputRoles());
        List<String> missing = new ArrayList<>();
        for (String role : roles) {
            if (!existing.contains(topics.get(role))) {
                missing.add(role + ": " + topics.get(role));
            }
        }
        for (String t : routeTopics()) {
            if (!existing.contains(t)) {
                missing.add("route: " + t);
            }
        }
        return missing;
    }

    /** The job settings, marked so that the job takes event time from this source and runs live. */
    public JobSettings settings() {
        return settings.withEventTimeFromSource(true).withLive(true);
    }

    public KafkaTopics topics() {
        return topics;
    }

    /** Checkpoints (exactly-once) every {@code interval}, restarts on failure from the last one. */
    public static void exactlyOnce(StreamExecutionEnvironment env, Duration interval) {
        env.enableCheckpointing(interval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
        Configuration c = new Configuration();
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        env.configure(c);
    }

    /** Raw messages of every input topic. */
    public DataStream<String> source(StreamExecutionEnvironment env) {
        KafkaSourceBuilder<String> b = KafkaSource.<String>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topics.inputs())
                .setGroupId(groupId)
                .setStartingOffsets(startingOffsets)
                .setDeserializer(new RawRecords())
                // inputs written by transactional producers are taken once committed, never aborted ones
                .setProperty("isolation.level", "read_committed")
                .setProperty("partition.discovery.interval.ms", "60000")
                // a fetch waits for 16 KB or 20 ms, whichever comes first: by default the broker answers each one
                // as soon as a single message is there, so at thousands of messages a second the consumer and the
                // broker spent their time on requests of a few messages each
                .setProperty("fetch.min.bytes", "16384")
                .setProperty("fetch.max.wait.ms", "20")
                .setProperties(clientProperties);
        if (bounded) {
            b.setBounded(OffsetsInitializer.latest());
        }
        JobSettings st = settings();
        WatermarkStrategy<String> perPartition = WatermarkStrategy.<String>forGenerator(
                        c -> new ProgressWatermarks<>(st.outOfOrderness(), st.watermarkStep(), st.aheadOfStreamMs()))
                .withTimestampAssigner((raw, kafkaTs) -> RawEventTime.of(raw))
                .withIdleness(st.idleness());
        DataStreamSource<String> s = env.fromSource(b.build(), perPartition, "kafka inputs");
        s.uid("kafka-inputs");
        if (sourceParallelism > 0) {
            s.setParallelism(sourceParallelism);
        }
        return s;
    }

    /** Sends the job's outputs to the alert, CAP (when a renderer is set) and dead-letter topics, exactly once. */
    public void sinks(EarlyWarningJob.JobOutputs out) {
        DataStream<Alert> alerts = out.alerts.map(new OutputMetrics.Alerts()).name("alert metrics").uid("alert-metrics");
        alerts.sinkTo(sink(new AlertRecords(topics.get(KafkaTopics.ALERTS)), "alerts"))
                .name("kafka alerts").uid("kafka-alerts");
        if (liveAlerts) {
            alerts.sinkTo(liveSink(new AlertRecords(topics.get(KafkaTopics.ALERTS_LIVE))))
                    .name("kafka live alerts").uid("kafka-live-alerts");
        }
        if (capRenderer != null) {
            // inhibited alerts are recorded on the alert topic but notify nobody, so they get no CAP message
            alerts.filter(a -> !a.inhibited).name("cap: notified alerts").uid("cap-notified")
                    .sinkTo(sink(new CapRecords(topics.get(KafkaTopics.ALERTS_CAP), capRenderer), "cap"))
                    .name("kafka cap alerts").uid("kafka-cap-alerts");
        }
        if (routeTopics) {
            // exactly once, as the record topic: a route is who is told, and must agree with the record (an alert
            // decided differently after a restart is never announced); readers use read_committed
            alerts.flatMap(new RoutedAlerts(settings.reference().routing(), topics)).name("routes: one record per route")
                    .uid("route-records")
                    .sinkTo(sink(new RoutedAlerts.Records(), "routes")).name("kafka route alerts")
                    .uid("kafka-route-alerts");
        }
        if (handling) {
            out.handling().sinkTo(sink(new HandlingRecords(topics.get(KafkaTopics.HANDLING)), "handling"))
                    .name("kafka handling").uid("kafka-handling");
        }
        DataStream<DeadLetter> deadIn = out.deadLetters;
        DataStream<DeadLetter> webhookFailures = webhooks
                ? Webhooks.deliver(out, settings.reference().routing()) : null;
        if (webhookFailures != null) {
            // at least once, as each alert is decided (like the live topic): an HTTP receiver takes no transaction
            deadIn = deadIn.union(webhookFailures);
        }
        DataStream<DeadLetter> dead = deadIn.map(new OutputMetrics.DeadLetters())
                .name("dead-letter metrics").uid("dead-letter-metrics");
        dead.sinkTo(sink(new DeadLetterRecords(topics.get(KafkaTopics.DEAD_LETTERS)), "dead-letters"))
                .name("kafka dead letters").uid("kafka-dead-letters");
    }

    /**
     * Rule-set versions published on the rules topic (see {@code rules publish}), from the earliest: a restarted
     * job without state applies them in order and ends on the latest valid one.
     */
    public DataStream<String> rulesSource(StreamExecutionEnvironment env) {
        KafkaSource<String> src = KafkaSource.<String>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topics.get(KafkaTopics.RULES))
                .setGroupId(groupId + "-rules")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setValueOnlyDeserializer(new org.apache.flink.api.common.serialization.SimpleStringSchema())
                .setProperty("isolation.level", "read_committed")
                .setProperties(clientProperties)
                .build();
        return env.fromSource(src, WatermarkStrategy.noWatermarks(), "kafka rules").uid("kafka-rules")
                .setParallelism(1);
    }

    /**
     * The commands topic (alert.command lines), from the committed offsets: acknowledgements a restarted job has not
     * taken in yet are read again, never skipped. One reader: commands are few, and one reader keeps their order.
     */
    public DataStream<String> commandsSource(StreamExecutionEnvironment env) {
        KafkaSourceBuilder<String> b = KafkaSource.<String>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topics.get(KafkaTopics.COMMANDS))
                .setGroupId(groupId + "-commands")
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setValueOnlyDeserializer(new org.apache.flink.api.common.serialization.SimpleStringSchema())
                .setProperty("isolation.level", "read_committed")
                .setProperties(clientProperties);
        if (bounded) {
            b.setBounded(OffsetsInitializer.latest());
        }
        return env.fromSource(b.build(), WatermarkStrategy.noWatermarks(), "kafka commands").uid("kafka-commands")
                .setParallelism(1);
    }

    /**
     * Source, job and sinks on {@code env}. An unbounded job also reads the rules topic, so analysts change
     * thresholds live; a bounded read (tests, catch-up) runs on the rules it was started with.
     */
    public EarlyWarningJob.JobOutputs build(StreamExecutionEnvironment env) {
        // alerts are sparse: with Flink's default 100 ms buffer timeout each one could wait that long at every
        // network hop for its buffer to fill
        env.setBufferTimeout(BUFFER_TIMEOUT_MS);
        DataStream<String> commands = handling ? commandsSource(env) : null;
        EarlyWarningJob.JobOutputs out = bounded
                ? EarlyWarningJob.build(source(env), null, commands, settings())
                : EarlyWarningJob.buildWithRawRules(source(env), rulesSource(env), commands, settings());
        sinks(out);
        return out;
    }

    /** At least once, sent as soon as written: no transaction, flushed (not committed) on each checkpoint. */
    private <T> KafkaSink<T> liveSink(org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema<T> ser) {
        Properties p = new Properties();
        // alerts are sparse: do not hold one back waiting for a batch to fill
        p.setProperty("linger.ms", "0");
        p.putAll(clientProperties);
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrap)
                .setKafkaProducerConfig(p)
                .setRecordSerializer(ser)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build();
    }

    private <T> KafkaSink<T> sink(org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema<T> ser,
                                  String name) {
        Properties p = new Properties();
        p.setProperty("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
        p.putAll(clientProperties);
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrap)
                .setKafkaProducerConfig(p)
                .setRecordSerializer(ser)
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix + "-" + name)
                .build();
    }
}
