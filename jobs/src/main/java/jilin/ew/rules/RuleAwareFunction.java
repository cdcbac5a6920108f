package jilin.ew.rules;

import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Base of every keyed domain function that reads thresholds: the rule set in force is the latest broadcast
 * version, or the one the job started with. Subclasses call {@link #rules(ReadOnlyContext)} per element.
 */
public abstract class RuleAwareFunction<IN, OUT> extends KeyedBroadcastProcessFunction<String, IN, RuleSet, OUT> {
    private static final long serialVersionUID = 1L;

    protected final RuleSet initialRules;

    protected RuleAwareFunction(RuleSet initialRules) {
        this.initialRules = initialRules;
    }

    /** The rule set in force now. */
    protected RuleSet rules(ReadOnlyContext ctx) throws Exception {
        ReadOnlyBroadcastState<String, RuleSet> state = ctx.getBroadcastState(RuleBroadcast.DESCRIPTOR);
        RuleSet r = state.get(RuleBroadcast.CURRENT);
        return r == null ? initialRules : r;
    }

    @Override
    public void processBroadcastElement(RuleSet rules, Context ctx, Collector<OUT> out) throws Exception {
        ctx.getBroadcastState(RuleBroadcast.DESCRIPTOR).put(RuleBroadcast.CURRENT, rules);
        onRulesChanged(rules);
    }

    /** Hook for caches derived from the rules (thresholds resolved per sensor, say). */
    protected void onRulesChanged(RuleSet rules) {}
}
