package jilin.ew.io;

import java.util.function.Consumer;
import jilin.ew.EarlyWarningJob;
import jilin.ew.JobSettings;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * Runs the job on local input and hands every alert and dead letter to the caller as it comes: the engine
 * of replay, demo, backtests and the pipeline tests.
 */
public final class LocalRun {
    private LocalRun() {}

    /** A JSONL file as a bounded source (one message per line). */
    public static DataStream<String> jsonl(StreamExecutionEnvironment env, java.nio.file.Path file) {
        FileSource<String> src = FileSource.forRecordStreamFormat(new TextLineInputFormat(),
                new Path(file.toAbsolutePath().toUri())).build();
        return env.fromSource(src, WatermarkStrategy.noWatermarks(), "jsonl")
                .uid("jsonl-source").setParallelism(1);
    }

    /** Builds the job on {@code raw}, runs it to its end (or until cancelled) and passes out every output. */
    public static void run(StreamExecutionEnvironment env, DataStream<String> raw, JobSettings settings,
                           String jobName, Consumer<JobOutput> sink) throws Exception {
        try (CloseableIterator<JobOutput> it = start(env, raw, settings, jobName)) {
            while (it.hasNext()) {
                sink.accept(it.next());
            }
        }
    }

    /** Starts the job; closing the returned iterator cancels it (how Ctrl-C stops the demo cleanly). */
    public static CloseableIterator<JobOutput> start(StreamExecutionEnvironment env, DataStream<String> raw,
                                                     JobSettings settings, String jobName) throws Exception {
        return collect(EarlyWarningJob.build(raw, settings), jobName);
    }

    /** Like {@link #run}, with live rule changes: raw rule-set messages, validated as they arrive. */
    public static void run(StreamExecutionEnvironment env, DataStream<String> raw, DataStream<String> rawRules,
                           JobSettings settings, String jobName, Consumer<JobOutput> sink) throws Exception {
        try (CloseableIterator<JobOutput> it = collect(EarlyWarningJob.buildWithRawRules(raw, rawRules, settings),
                jobName)) {
            while (it.hasNext()) {
                sink.accept(it.next());
            }
        }
    }

    private static CloseableIterator<JobOutput> collect(EarlyWarningJob.JobOutputs out, String jobName)
            throws Exception {
        DataStream<JobOutput> merged = out.alerts.map(JobOutput::of).name("alerts out").uid("alerts-out")
                .union(out.deadLetters.map(JobOutput::of).name("dead letters out").uid("dead-letters-out"));
        return merged.executeAndCollect(jobName);
    }
}
