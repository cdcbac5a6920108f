package jilin.ew.job;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import jilin.ew.ingest.Outputs;
import jilin.ew.job.EarlyWarningJob;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.schema.Alert;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Handling;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ResourceManagerOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs the job on local input and hands every alert and dead letter to the caller as it comes: the engine
 * of replay, demo, backtests and the pipeline tests.
 */
public final class LocalRun {
    private LocalRun() {}

    /** A recording at least this large gets large network buffers at parallelism 1 ({@link #configuration}). */
    public static final long LARGE_RECORDING_BYTES = 64L << 20;

    /** The environment of a local run with no recording to size it by (the demo): Flink's network buffers. */
    public static StreamExecutionEnvironment environment() {
        return environment(0, 1);
    }

    /**
     * The environment of a local run (replay, backtest) over {@code recordingBytes} of recording at {@code
     * parallelism}: in a JVM of its own, an embedded cluster of {@link #configuration}. Inside a test's or a
     * cluster's context the settings of that context apply.
     */
    public static StreamExecutionEnvironment environment(long recordingBytes, int parallelism) {
        return StreamExecutionEnvironment.getExecutionEnvironment(configuration(recordingBytes, parallelism));
    }

    /**
     * The embedded cluster of a local run over {@code recordingBytes} of recording (0: none) at {@code parallelism}.
     * It gives the job its slot at once: by default the slot manager waits 50 ms before it matches a job's request
     * with the free slots, to gather requests from many jobs, and a local run has one job. A recording of {@link
     * #LARGE_RECORDING_BYTES} or more at parallelism 1 moves between tasks in network buffers of 512 KiB, not 32 KiB:
     * the task that decodes hands the mine sensor task a buffer, and wakes it, a sixteenth as often, and is held back
     * by it less (docs/performance.md, larger network buffers). Its 448 MiB of network memory cover what every task's
     * buffer pool may ask for at parallelism 1, the handling stage's included (348-369 MiB measured); at parallelism
     * 2 the pools would ask for 658 MiB, so a parallel run keeps Flink's defaults, as does a smaller recording, whose
     * replay would spend more time allocating the larger buffers than they save it, and a JVM of less than 1 GiB of
     * heap (its direct memory, where network buffers live, is by default as large as its heap). Each replay of a
     * backtest has a cluster of its own, so a backtest's recording counts once here (bin/early-warning counts it
     * twice when it picks the JIT options: one JVM runs both replays).
     */
    public static Configuration configuration(long recordingBytes, int parallelism) {
        Configuration conf = new Configuration();
        conf.set(ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY, Duration.ZERO);
        boolean roomy = Runtime.getRuntime().maxMemory() >= 1L << 30;
        if (recordingBytes >= LARGE_RECORDING_BYTES && parallelism == 1 && roomy) {
            conf.set(TaskManagerOptions.MEMORY_SEGMENT_SIZE, MemorySize.parse("512kb"));
            conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, MemorySize.ofMebiBytes(448));
            conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, MemorySize.ofMebiBytes(448));
        }
        return conf;
    }

    /** A JSONL file's lines and the dead letters of its over-long lines. */
    public static final class Input {
        public final DataStream<String> lines;
        public final DataStream<DeadLetter> tooLong;

        Input(DataStream<String> lines, DataStream<DeadLetter> tooLong) {
            this.lines = lines;
            this.tooLong = tooLong;
        }

        /** The same input with {@code f} applied to its lines (a progress counter, say). */
        public Input mapLines(UnaryOperator<DataStream<String>> f) {
            return new Input(f.apply(lines), tooLong);
        }
    }

    /**
     * A JSONL file as a bounded source (one message per line), read with a bound ({@link BoundedLineReader}): an
     * over-long line becomes one {@code too-long} dead letter and reading goes on with the next line.
     */
    public static Input jsonl(StreamExecutionEnvironment env, java.nio.file.Path file) {
        return jsonl(env, file, "jsonl");
    }

    /** {@link #jsonl(StreamExecutionEnvironment, java.nio.file.Path)} for a second input: its operators named by
     *  {@code name} (a replay's commands file: "commands"). */
    public static Input jsonl(StreamExecutionEnvironment env, java.nio.file.Path file, String name) {
        FileSource<JsonlFormat.Line> src = FileSource.forRecordStreamFormat(new JsonlFormat(),
                new Path(file.toAbsolutePath().toUri())).build();
        SingleOutputStreamOperator<String> lines = env.fromSource(src, WatermarkStrategy.noWatermarks(), name)
                .uid(name + "-source").setParallelism(1)
                .process(new JsonlFormat.Split(), Types.STRING).name(name + " lines").uid(name + "-lines")
                .setParallelism(1);
        return new Input(lines, lines.getSideOutput(Outputs.DEAD_LETTERS));
    }

    /** Builds the job on a JSONL input, runs it to its end and passes out every output, too-long lines included. */
    public static void run(StreamExecutionEnvironment env, Input input, JobSettings settings, String jobName,
                           Consumer<JobOutput> sink) throws Exception {
        run(env, input, settings, jobName, null, sink);
    }

    /**
     * Builds the job on a JSONL input with the commands of another ({@code commands} null: none, as
     * {@link #run(StreamExecutionEnvironment, Input, JobSettings, String, Function, Consumer)}), with {@code more}
     * outputs wired (null: none), runs it to its end and passes out every output: alerts (escalations included),
     * dead letters of both inputs and of {@code more}, and each incident's handling state.
     */
    public static void run(StreamExecutionEnvironment env, Input input, Input commands, JobSettings settings,
                           String jobName, Function<EarlyWarningJob.JobOutputs, DataStream<DeadLetter>> more,
                           Consumer<JobOutput> sink) throws Exception {
        if (commands == null) {
            run(env, input, settings, jobName, more, sink);
            return;
        }
        EarlyWarningJob.JobOutputs out = EarlyWarningJob.build(input.lines, null, commands.lines, settings);
        drain(collect(out.alerts, withMore(out, more).union(input.tooLong, commands.tooLong), out.handling(),
                jobName), sink);
    }

    /**
     * Like {@link #run(StreamExecutionEnvironment, Input, JobSettings, String, Consumer)}, with more outputs wired
     * onto the job: {@code more} (e.g. the webhooks) returns the dead letters they add, or null for none.
     */
    public static void run(StreamExecutionEnvironment env, Input input, JobSettings settings, String jobName,
                           Function<EarlyWarningJob.JobOutputs, DataStream<DeadLetter>> more,
                           Consumer<JobOutput> sink) throws Exception {
        EarlyWarningJob.JobOutputs out = EarlyWarningJob.build(input.lines, settings);
        drain(collect(out.alerts, withMore(out, more).union(input.tooLong), null, jobName), sink);
    }

    /** Like {@link #start(StreamExecutionEnvironment, DataStream, JobSettings, String)}, with more outputs wired. */
    public static CloseableIterator<JobOutput> start(StreamExecutionEnvironment env, DataStream<String> raw,
                                                     JobSettings settings, String jobName,
                                                     Function<EarlyWarningJob.JobOutputs, DataStream<DeadLetter>> more)
            throws Exception {
        EarlyWarningJob.JobOutputs out = EarlyWarningJob.build(raw, settings);
        return collect(out.alerts, withMore(out, more), null, jobName);
    }

    /** The job's dead letters and those {@code more} adds. */
    public static DataStream<DeadLetter> withMore(EarlyWarningJob.JobOutputs out,
                                                  Function<EarlyWarningJob.JobOutputs, DataStream<DeadLetter>> more) {
        DataStream<DeadLetter> extra = more == null ? null : more.apply(out);
        return extra == null ? out.deadLetters : out.deadLetters.union(extra);
    }

    /** Builds the job on {@code raw}, runs it to its end (or until cancelled) and passes out every output. */
    public static void run(StreamExecutionEnvironment env, DataStream<String> raw, JobSettings settings,
                           String jobName, Consumer<JobOutput> sink) throws Exception {
        drain(start(env, raw, settings, jobName), sink);
    }

    /** Starts the job; closing the returned iterator cancels it (how Ctrl-C stops the demo cleanly). */
    public static CloseableIterator<JobOutput> start(StreamExecutionEnvironment env, DataStream<String> raw,
                                                     JobSettings settings, String jobName) throws Exception {
        return collect(EarlyWarningJob.build(raw, settings), jobName);
    }

    /** Like {@link #run}, with live rule changes: raw rule-set messages, validated as they arrive. */
    public static void run(StreamExecutionEnvironment env, DataStream<String> raw, DataStream<String> rawRules,
                           JobSettings settings, String jobName, Consumer<JobOutput> sink) throws Exception {
        drain(collect(EarlyWarningJob.buildWithRawRules(raw, rawRules, settings), jobName), sink);
    }

    private static void drain(CloseableIterator<JobOutput> outputs, Consumer<JobOutput> sink) throws Exception {
        try (CloseableIterator<JobOutput> it = outputs) {
            while (it.hasNext()) {
                sink.accept(it.next());
            }
        }
    }

    private static CloseableIterator<JobOutput> collect(EarlyWarningJob.JobOutputs out, String jobName)
            throws Exception {
        return collect(out.alerts, out.deadLetters, null, jobName);
    }

    /**
     * Starts the job with its alerts, dead letters and, when given, handling states as its outputs, handed to this JVM
     * as they come ({@link LocalOutputs}); closing the returned iterator cancels the job.
     */
    public static CloseableIterator<JobOutput> collect(DataStream<Alert> alerts, DataStream<DeadLetter> deadLetters,
                                                       DataStream<Handling> handling, String jobName)
            throws Exception {
        // chained operators hand records on without a defensive copy (issue #19: the copies cost more than any
        // operator on a dense recording); safe because no operator changes a record after passing it on, a keyed or
        // parallel hand-over still serializes, and the outputs' sinks copy what they hand to the reader
        alerts.getExecutionEnvironment().getConfig().enableObjectReuse();
        Map<String, DataStream<JobOutput>> outputs = new LinkedHashMap<>();
        outputs.put("alerts", alerts.map(JobOutput::of).name("alerts out").uid("alerts-out"));
        outputs.put("dead letters", deadLetters.map(JobOutput::of).name("dead letters out").uid("dead-letters-out"));
        if (handling != null) {
            outputs.put("handling", handling.map(JobOutput::of).name("handling out").uid("handling-out"));
        }
        return LocalOutputs.start(alerts.getExecutionEnvironment(), outputs, jobName);
    }
}
