package jilin.ew.rules;

import java.util.Objects;
import jilin.ew.ingest.Outputs;
import jilin.ew.serde.StringKeySerializer;
import jilin.ew.schema.DeadLetter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns raw rule-set messages (the rules topic, JSON or YAML) into validated versions: a valid new version passes
 * on to the broadcast; an invalid one, or a reused version name with different content, goes to the dead letters
 * with the validator's findings, counts in a metric, and the version in force stays. Each applied version is logged
 * at INFO, one line with its version and author: whoever can write the rules topic can change every threshold, so
 * every change is on record (the topic's ACL is in docs/kafka.md).
 */
public final class RuleUpdates extends KeyedProcessFunction<String, String, RuleSet> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RuleUpdates.class);

    /** Dead-letter reasons. */
    public static final String INVALID = "invalid-rule-set";
    public static final String VERSION_REUSED = "rule-set-version-reused";

    private final RuleSetValidator validator;
    private final RuleSet initial;
    /** Version and canonical JSON of the rule set in force. */
    private transient ValueState<String> version;
    private transient ValueState<String> content;
    private transient Counter applied;
    private transient Counter refused;
    private transient Counter unchanged;

    public RuleUpdates(RuleSet initial, RuleSet catalog) {
        this.initial = initial;
        this.validator = new RuleSetValidator(catalog);
    }

    /** Validates {@code raw}; dead letters are the result's {@link Outputs#DEAD_LETTERS} side output. */
    public static SingleOutputStreamOperator<RuleSet> validate(DataStream<String> raw, RuleSet initial) {
        // one key: versions are judged one after another, in arrival order, by a single instance
        return raw.keyBy(s -> "rules", StringKeySerializer.TYPE)
                .process(new RuleUpdates(initial, RuleSets.defaults()))
                .name("rules: validate").uid("rules-validate").setParallelism(1);
    }

    @Override
    public void open(OpenContext ctx) {
        version = getRuntimeContext().getState(new ValueStateDescriptor<>("rules-version", String.class));
        content = getRuntimeContext().getState(new ValueStateDescriptor<>("rules-content", String.class));
        applied = getRuntimeContext().getMetricGroup().counter("ruleSetsApplied");
        refused = getRuntimeContext().getMetricGroup().counter("ruleSetsRefused");
        unchanged = getRuntimeContext().getMetricGroup().counter("ruleSetsUnchanged");
    }

    @Override
    public void processElement(String raw, Context ctx, Collector<RuleSet> out) throws Exception {
        RuleSetValidator.Result r = validator.validate("rules message", raw);
        if (!r.valid()) {
            RuleSetValidator.Problem first = r.problems.get(0);
            refuse(ctx, DeadLetter.of(INVALID, first.field.isEmpty() ? null : first.field,
                    "rule set refused, the version in force stays (" + current() + "): "
                            + r.describe().stripTrailing().replace('\n', ';'), raw, null));
            return;
        }
        RuleSet next = r.ruleSet;
        String json = RuleSets.toJson(next);
        if (Objects.equals(next.version(), current())) {
            if (json.equals(content.value() == null ? RuleSets.toJson(initial) : content.value())) {
                unchanged.inc(); // the same version again (a re-publish, a redelivery): nothing to do
            } else {
                refuse(ctx, DeadLetter.of(VERSION_REUSED, "version", "rule set refused: version " + next.version()
                        + " is already in force with different settings; give every change a new version", raw, null));
            }
            return;
        }
        LOG.info("rule set {} by {} applied (replacing {}){}", next.version(),
                next.author() == null ? "(no author given)" : next.author(), current(),
                next.disableDomains().isEmpty() ? ""
                        : "; every rule off on purpose in " + String.join(", ", next.disableDomains()));
        version.update(next.version());
        content.update(json);
        applied.inc();
        out.collect(next);
    }

    private String current() throws Exception {
        String v = version.value();
        return v == null ? initial.version() : v;
    }

    private void refuse(Context ctx, DeadLetter d) {
        refused.inc();
        ctx.output(Outputs.DEAD_LETTERS, d);
    }
}
