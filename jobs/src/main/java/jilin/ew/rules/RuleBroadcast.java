package jilin.ew.rules;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.OutputTag;

/**
 * How a new rule-set version reaches every parallel instance at once: Flink broadcast state. The rules
 * stream carries no event time of its own, so it never holds back the data's watermark.
 */
public final class RuleBroadcast {
    /** Broadcast state: key "current" holds the rule set in force. */
    public static final MapStateDescriptor<String, RuleSet> DESCRIPTOR =
            new MapStateDescriptor<>("rules", TypeInformation.of(String.class), TypeInformation.of(RuleSet.class));
    public static final String CURRENT = "current";

    private RuleBroadcast() {}

    /** Broadcasts validated rule-set versions. */
    public static BroadcastStream<RuleSet> of(DataStream<RuleSet> updates) {
        return updates.assignTimestampsAndWatermarks(WatermarkStrategy.forGenerator(c -> new NoEventTime()))
                .name("rules: no event time").uid("rules-watermarks")
                .broadcast(DESCRIPTOR);
    }

    /** The side output that carries no rule set: {@link #none}'s, declared by the operator that routes the data. */
    public static final OutputTag<RuleSet> NONE = new OutputTag<>("rules-none", TypeInformation.of(RuleSet.class));

    /**
     * No updates: the job runs on the rule set it was started with. The empty stream is a side output ({@link #NONE})
     * of an operator on the data itself, which never writes to it, so it carries the data's watermarks: a separate
     * (bounded) source could finish after the data and make the rule-aware operators see the watermark jump straight
     * to the end, which would suppress every timer (silence, clearing) of a bounded replay.
     *
     * <p>The side output goes to one pass-through operator in the same chain, and every rule-aware operator takes the
     * stream from there: Flink offers each message of {@code timedData} to every consumer of each of its outputs in
     * turn (a copy of its record each), and on a dense recording four broadcast consumers here were four more for
     * every message, in the busiest thread of a replay (docs/performance.md, one operator routes to the domains).
     */
    public static DataStream<RuleSet> none(SingleOutputStreamOperator<?> timedData) {
        return timedData.getSideOutput(NONE)
                .map(r -> r).returns(TypeInformation.of(RuleSet.class))
                .setParallelism(timedData.getParallelism()) // chained to it
                .name("rules: none").uid("rules-none");
    }

    /**
     * Takes the rules stream out of the watermark altogether: it is marked idle, so a rule-aware operator's event
     * time is the data's alone. It used to emit Long.MAX_VALUE, which held nothing back while the data flowed, but
     * when every data partition went idle (a quiet spell longer than --idleness-sec) the operator's event time was
     * the one input left active, the rules' MAX_VALUE: every held reading was flushed as at the end of the input,
     * and what came after was late (ClusterFailoverIT showed it: no pattern alert in an undisturbed run).
     */
    private static final class NoEventTime implements WatermarkGenerator<RuleSet> {
        @Override
        public void onEvent(RuleSet event, long ts, WatermarkOutput out) {
            out.markIdle();
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput out) {
            out.markIdle();
        }
    }
}
