package jilin.ew.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.job.LocalRun;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.DeadLetter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Runs the whole job over a list of messages on the test's MiniCluster and keeps what came out. */
public final class Pipeline {
    public final List<Alert> alerts = new ArrayList<>();
    public final List<DeadLetter> deadLetters = new ArrayList<>();

    private Pipeline() {}

    public static Pipeline run(List<String> messages) throws Exception {
        return run(messages, new JobSettings());
    }

    public static Pipeline run(List<String> messages, JobSettings settings) throws Exception {
        return run(messages, settings, 2);
    }

    /** At parallelism 1 a replay is deterministic (see docs/routing.md for the race above 1). */
    public static Pipeline run(List<String> messages, JobSettings settings, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(parallelism);
        DataStream<String> raw = env.fromData(messages).name("test messages").setParallelism(1);
        Pipeline p = new Pipeline();
        LocalRun.run(env, raw, settings, "test", o -> {
            if (o.alert != null) {
                p.alerts.add(o.alert);
            } else {
                p.deadLetters.add(o.deadLetter);
            }
        });
        return p;
    }

    /** Alerts of one rule. */
    public List<Alert> of(String ruleId) {
        return alerts.stream().filter(a -> a.ruleId.equals(ruleId)).collect(Collectors.toList());
    }

    /** NEW alerts of one rule. */
    public List<Alert> opened(String ruleId) {
        return alerts.stream().filter(a -> a.ruleId.equals(ruleId) && a.status == AlertStatus.NEW)
                .collect(Collectors.toList());
    }

    /** Rule, subject, level and status of every alert, for readable assertion messages. */
    public String summary() {
        return alerts.stream().map(Alert::toString).collect(Collectors.joining("\n  ", "alerts:\n  ", ""))
                + deadLetters.stream().map(DeadLetter::toString).collect(Collectors.joining("\n  ", "\ndead:\n  ", ""));
    }
}
