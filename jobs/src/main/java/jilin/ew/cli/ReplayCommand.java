package jilin.ew.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import jilin.ew.job.EarlyWarningJob;
import org.apache.flink.streaming.api.datastream.DataStream;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.alert.cap.CapContext;
import jilin.ew.ingest.BoundedLineReader;
import jilin.ew.job.LocalRun;
import jilin.ew.job.OutputOrder;
import jilin.ew.job.StartedCluster;
import jilin.ew.schema.Alert;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Handling;
import jilin.ew.schema.WireCodec;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code replay}: a recording through the job on an embedded Flink, alerts to a JSONL file. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a JSONL recording through the job (bounded, deterministic) and write the alerts.")
public class ReplayCommand implements Callable<Integer> {
    @Option(names = "--input", required = true, paramLabel = "F.jsonl", description = "recording, one message per line")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "alerts.jsonl", description = "where alerts go")
    Path output;

    @Option(names = "--dead-letter", paramLabel = "D.jsonl", description = "where dead letters go (default: not kept)")
    Path deadLetter;

    @Option(names = "--route-output", paramLabel = "DIR",
            description = "also write one JSONL file per route (province.jsonl, prefecture-<code>.jsonl, "
                    + "operator-<id>.jsonl); see docs/routing.md")
    Path routeOutput;

    @Option(names = "--cap-output", paramLabel = "DIR",
            description = "also write every notified alert as an OASIS CAP 1.2 XML file, named by its identifier")
    Path capOutput;

    @Option(names = "--exercise",
            description = "the recording is simulated or a backtest: CAP status Exercise instead of Actual")
    boolean exercise;

    @Option(names = "--webhooks",
            description = "also POST every notified alert to the webhooks of the routing table (off by default: a "
                    + "replay of past or simulated alerts would reach real receivers); see docs/webhooks.md")
    boolean webhooks;

    @Option(names = "--commands", paramLabel = "C.jsonl",
            description = "alert.command lines (acknowledge, assign, note, resolve, silence, expire) acted on in event "
                    + "time; unacknowledged incidents escalate by the rule set's policy (docs/handling.md)")
    Path commands;

    @Option(names = "--handling-output", paramLabel = "H.jsonl",
            description = "with --commands: each incident's handling state after each change (alert.handling)")
    Path handlingOutput;

    @Option(names = "--parallelism", defaultValue = "1",
            description = "operator parallelism (default: ${DEFAULT-VALUE}, the deterministic setting)")
    int parallelism;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(input)) {
            System.err.println("early-warning replay: input file not found: " + input);
            return 2;
        }
        if (commands != null && !Files.isRegularFile(commands)) {
            System.err.println("early-warning replay: commands file not found: " + commands);
            return 2;
        }
        if (handlingOutput != null && commands == null) {
            System.err.println("early-warning replay: --handling-output needs --commands");
            return 2;
        }
        if (parallelism < 1) {
            System.err.println("early-warning replay: --parallelism must be 1 or more, not " + parallelism);
            return 2;
        }
        // the embedded cluster starts while the settings are read and the job is built (null in a test's context)
        StartedCluster started = StartedCluster.startFor(Files.size(input), parallelism);
        try {
            return replay(started);
        } finally {
            if (started != null) {
                started.close();
            }
        }
    }

    private int replay(StartedCluster started) throws Exception {
        JobSettings settings;
        try {
            settings = common.settings();
        } catch (IOException e) {
            System.err.println("early-warning replay: " + e.getMessage());
            return 2;
        }
        Function<EarlyWarningJob.JobOutputs, DataStream<DeadLetter>> hooks;
        try {
            hooks = WebhookOption.wire("replay", webhooks, settings.reference().routing(), System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("early-warning replay: " + e.getMessage());
            return 2;
        }
        Summary summary = new Summary();
        // counted on a thread of its own while the cluster starts and the job runs: a pass over a large file takes
        // seconds, and the count is needed only for the summary
        FutureTask<Long> lines = new FutureTask<>(() -> BoundedLineReader.count(input));
        Thread counter = new Thread(lines, "replay line count");
        counter.setDaemon(true);
        counter.start();
        // the codec (its schemas: a fifth of a second) is made while the cluster starts; the job's decoding shares them
        FutureTask<WireCodec> codecReady = new FutureTask<>(WireCodec::new);
        Thread schemas = new Thread(codecReady, "replay schemas");
        schemas.setDaemon(true);
        schemas.start();
        StreamExecutionEnvironment env = started == null ? LocalRun.environment(Files.size(input), parallelism)
                : started.environment();
        env.setParallelism(parallelism);
        CapContext cap = CapContext.of(settings.reference().catalog(), exercise);
        try (BufferedWriter alerts = Files.newBufferedWriter(output, StandardCharsets.UTF_8);
             BufferedWriter dead = deadLetter == null ? null : Files.newBufferedWriter(deadLetter, StandardCharsets.UTF_8);
             RoutedOutputs routed = new RoutedOutputs(routeOutput, capOutput, settings.reference().routing(), cap)) {
            // gathered and written in one fixed order: parallel subtasks deliver in whatever order their threads
            // ran (alerts are sparse: a six-hour recording of the province gives a few thousand)
            List<Alert> alertsOut = new ArrayList<>();
            List<DeadLetter> deadOut = new ArrayList<>();
            List<Handling> handlingOut = new ArrayList<>();
            LocalRun.run(env, LocalRun.jsonl(env, input), commands == null ? null
                            : LocalRun.jsonl(env, commands, "commands"), settings,
                    "early-warning replay " + input.getFileName(), hooks, o -> {
                summary.count(o);
                if (o.handling != null) {
                    handlingOut.add(o.handling);
                } else if (o.alert != null) {
                    alertsOut.add(o.alert);
                } else if (dead != null) {
                    deadOut.add(o.deadLetter);
                }
            });
            WireCodec codec = codecReady.get();
            for (Alert a : OutputOrder.alerts(alertsOut)) {
                alerts.write(codec.encode(a));
                alerts.newLine();
                routed.accept(a);
            }
            long receivedAt = System.currentTimeMillis();
            for (DeadLetter d : OutputOrder.deadLetters(deadOut)) {
                dead.write(codec.encode(d, receivedAt));
                dead.newLine();
            }
            if (handlingOutput != null) {
                // each incident's versions in order; incidents by the time of the change
                handlingOut.sort(Comparator.<Handling>comparingLong(h -> h.updatedAt)
                        .thenComparing(h -> h.incidentId).thenComparingLong(h -> h.version));
                try (BufferedWriter w = Files.newBufferedWriter(handlingOutput, StandardCharsets.UTF_8)) {
                    for (Handling h : handlingOut) {
                        w.write(codec.encode(h));
                        w.newLine();
                    }
                }
            }
            summary.messages = count(lines);
            summary.print(System.out);
            if (routeOutput != null) {
                System.out.println("routes: " + routed.routes() + " files in " + routeOutput);
            }
            if (capOutput != null) {
                System.out.println("CAP 1.2: " + routed.capMessages + " messages in " + capOutput);
            }
        }
        return 0;
    }

    private static long count(FutureTask<Long> lines) throws Exception {
        try {
            return lines.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }
}
