package jilin.ew.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.alert.cap.CapContext;
import jilin.ew.kafka.KafkaJob;
import jilin.ew.kafka.KafkaTopics;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code run}: the long-running job, Kafka topics in and out, exactly once (on this machine or via flink run). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the long-running job on Kafka topics: inputs per domain in; alerts and dead letters out, "
                + "exactly once (transactional; readers use isolation.level=read_committed).")
public class RunCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT", description = "bootstrap servers")
    String kafka;

    @Option(names = "--group", defaultValue = "early-warning",
            description = "consumer group and transactional id prefix (default: ${DEFAULT-VALUE})")
    String group;

    // each checkpoint writes the whole ordered-path buffer (30 s of readings): at 20,000 msg/s, 200 ms checkpoints
    // left the job behind on two cores, 1 s did not; the live topic does not wait for checkpoints at all
    @Option(names = "--checkpoint-interval-ms", defaultValue = "1000",
            description = "checkpoint interval; alerts on the alert topic become readable (read_committed) on each "
                    + "checkpoint, the live topic does not wait (default: ${DEFAULT-VALUE})")
    long checkpointMs;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "where checkpoints go, a path or URI (default: the cluster's setting; var/checkpoints locally)")
    String checkpointDir;

    @Option(names = "--from-savepoint", paramLabel = "PATH", description = "restore from a savepoint or checkpoint")
    String savepoint;

    @Option(names = "--parallelism", defaultValue = "-1",
            description = "job parallelism (default: the environment's)")
    int parallelism;

    @Option(names = "--idleness-sec", defaultValue = "60",
            description = "a source subtask silent this long stops holding back event time (default: ${DEFAULT-VALUE})")
    long idlenessSec;

    @Option(names = "--no-live-alerts",
            description = "do not write the live alert topic (every alert at once, at least once, no transaction)")
    boolean noLiveAlerts;

    @Option(names = "--handling",
            description = "act on the commands topic (acknowledge, assign, note, resolve, silence), escalate what "
                    + "nobody acknowledges by the rule set's policy, handling states to the handling topic, exactly "
                    + "once (docs/handling.md)")
    boolean handling;

    @Option(names = "--prometheus-port", paramLabel = "PORT[-PORT]",
            description = "serve the job's metrics for Prometheus on this port (or the first free one of a range) "
                    + "when running here; a cluster configures its reporter in its own config.yaml")
    String prometheusPort;

    @Mixin KafkaOptions kafkaOptions;
    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
        JobSettings settings;
        Properties props;
        KafkaTopics topics;
        try {
            settings = common.settings();
            props = kafkaOptions.clientProperties();
            topics = kafkaOptions.topics();
        } catch (java.io.IOException | IllegalArgumentException e) {
            System.err.println("early-warning run: " + e.getMessage());
            return 2;
        }
        settings = settings.withIdleness(Duration.ofSeconds(idlenessSec));
        try {
            // every route's webhook is delivered when the table has one: its secret must be found here
            WebhookOption.check(settings.reference().routing());
        } catch (IllegalArgumentException e) {
            System.err.println("early-warning run: " + e.getMessage());
            return 2;
        }
        Configuration conf = new Configuration();
        if (checkpointDir != null) {
            String dir = checkpointDir.contains("://") ? checkpointDir
                    : Path.of(checkpointDir).toAbsolutePath().toUri().toString();
            conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
        }
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        if (prometheusPort != null) {
            // the embedded cluster starts its reporters from this configuration (flink-metrics-prometheus is on
            // bin/early-warning's classpath; the shaded jar leaves it to the cluster)
            conf.addAll(Configuration.fromMap(java.util.Map.of(
                    "metrics.reporter.prom.factory.class",
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                    "metrics.reporter.prom.port", prometheusPort)));
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        String target = env.getConfiguration().get(org.apache.flink.configuration.DeploymentOptions.TARGET);
        if (checkpointDir == null && (target == null || "local".equals(target))) {
            // running here: in-memory checkpoints stop at 5 MB, and the ordered path buffers 30 s of readings
            Configuration local = new Configuration();
            local.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            local.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    Path.of("var", "checkpoints").toAbsolutePath().toUri().toString());
            env.configure(local);
        }
        if (parallelism > 0) {
            env.setParallelism(parallelism);
        }
        KafkaJob.exactlyOnce(env, Duration.ofMillis(checkpointMs));
        KafkaJob job = new KafkaJob(kafka).withTopics(topics).withClientProperties(props).withSettings(settings)
                .withGroupId(group).withTransactionalIdPrefix(group)
                .withCapHook(new CapOf(CapContext.of(settings.reference().catalog(), false)))
                .withLiveAlerts(!noLiveAlerts).withHandling(handling);
        List<String> missing;
        try {
            missing = job.missingTopics(Duration.ofSeconds(15));
        } catch (Exception e) {
            // not a reason to refuse to start: the job waits for the broker like any restart does
            System.err.println("early-warning run: could not list the topics (" + e + "); starting anyway");
            missing = List.of();
        }
        if (!missing.isEmpty()) {
            System.err.println("early-warning run: missing topics " + String.join(", ", missing)
                    + "; the job creates none: create them with bin/early-warning topics --create --kafka "
                    + kafka);
            return 2;
        }
        job.build(env);
        System.out.println("early-warning run: reading " + String.join(", ", topics.inputs()) + " from " + kafka
                + (props.isEmpty() ? "" : " (with " + props.size() + " client properties from "
                + kafkaOptions.propertiesFile + ")"));
        System.out.println("  rule-set versions <- " + topics.get(KafkaTopics.RULES) + " (bin/early-warning rules publish)");
        System.out.println("  alerts -> " + topics.get(KafkaTopics.ALERTS) + ", CAP 1.2 -> " + topics.get(KafkaTopics.ALERTS_CAP)
                + ", dead letters -> "
                + topics.get(KafkaTopics.DEAD_LETTERS) + " (exactly once: read them with isolation.level=read_committed)");
        if (!job.routeTopics().isEmpty()) {
            System.out.println("  routes -> " + topics.route("<route>") + " (" + job.routeTopics().size()
                    + " topics: province, prefectures, operators; exactly once, read_committed)");
        }
        if (!settings.reference().routing().webhooks().isEmpty()) {
            System.out.println("  webhooks -> " + settings.reference().routing().webhooks().values()
                    + " (at least once, signed; failures for good -> dead letters; docs/webhooks.md)");
        }
        if (job.liveAlerts()) {
            System.out.println("  live alerts -> " + topics.get(KafkaTopics.ALERTS_LIVE)
                    + " (at once, at least once: drop repeats by alertId)");
        }
        if (job.handling()) {
            System.out.println("  commands <- " + topics.get(KafkaTopics.COMMANDS) + ", handling -> "
                    + topics.get(KafkaTopics.HANDLING) + " (exactly once), escalations on the alert topics");
        }
        env.execute("early-warning run " + group);
        return 0;
    }

    /** The CAP topic's renderer: the project's CAP 1.2 rendering with this deployment's context. */
    static final class CapOf implements jilin.ew.kafka.CapHook {
        private static final long serialVersionUID = 1L;
        private final CapContext context;

        CapOf(CapContext context) {
            this.context = context;
        }

        @Override
        public String render(jilin.ew.schema.Alert alert) {
            return jilin.ew.alert.cap.CapRenderer.render(alert, context);
        }
    }
}
