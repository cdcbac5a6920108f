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

    /**
     * The rule set in force as last read from the broadcast state or put there: only this function's broadcast input
     * changes that state, so it is read once (after a start or a restore), not per element (two map lookups each).
     */
    private transient RuleSet inForce;

    /** The rule set in force now. */
    protected RuleSet rules(ReadOnlyContext ctx) throws Exception {
        if (inForce == null) {
            ReadOnlyBroadcastState<String, RuleSet> state = ctx.getBroadcastState(RuleBroadcast.DESCRIPTOR);
            RuleSet r = state.get(RuleBroadcast.CURRENT);
            inForce = r == null ? initialRules : r;
        }
        return inForce;
    }

    @Override
    public void processBroadcastElement(RuleSet rules, Context ctx, Collector<OUT> out) throws Exception {
        ctx.getBroadcastState(RuleBroadcast.DESCRIPTOR).put(RuleBroadcast.CURRENT, rules);
        inForce = rules;
        onRulesChanged(rules);
    }

    /** Hook for caches derived from the rules (thresholds resolved per sensor, say). */
    protected void onRulesChanged(RuleSet rules) {}
}
