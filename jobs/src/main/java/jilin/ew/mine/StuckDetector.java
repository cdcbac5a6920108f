package jilin.ew.mine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jilin.ew.alert.Detection;
import jilin.ew.mine.rule.SensorStuck;
import jilin.ew.rules.Reference;
import jilin.ew.rules.RuleSet;
import jilin.ew.seeds.SeedCatalog;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The district check of {@link SensorStuck}, keyed by district: a sensor that repeated one value for the rule's duration is stuck
 * only if another sensor of its district varied meanwhile (a whole district flat is a different problem).
 * State: one timestamp per sensor of the district, and the signals waiting for the watermark.
 *
 * <p>The district's signals come from several parallel sensor operators, so they arrive in an order that depends
 * on thread timing; whether a STUCK finds the VARY of another sensor depends on that order. Signals therefore wait
 * until the watermark passes their event time and are handled in event-time order ({@link
 * MineSignal.SameTimeOrder} for ties): the same readings give the same stuck alerts however threads interleave,
 * at the cost of the out-of-orderness bound of delay on an alert that takes the rule's duration to build up.
 */
public class StuckDetector extends KeyedProcessFunction<String, MineSignal, Detection> {
    private static final long serialVersionUID = 1L;
    private final RuleSet rules;
    private final Reference reference;
    private transient MapState<String, Long> lastVary;
    private transient MapState<Long, List<MineSignal>> pending;
    private transient SeedCatalog catalog;

    public StuckDetector(RuleSet rules, Reference reference) {
        this.rules = rules;
        this.reference = reference;
    }

    @Override
    public void open(OpenContext ctx) {
        lastVary = getRuntimeContext().getMapState(new MapStateDescriptor<>("last-vary", String.class, Long.class));
        pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG,
                Types.LIST(TypeInformation.of(MineSignal.class))));
        catalog = reference.catalog();
    }

    @Override
    public void processElement(MineSignal s, Context ctx, Collector<Detection> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (watermark == Long.MAX_VALUE) {
            handle(s, out); // after the end of input no timer fires any more
            return;
        }
        long at = Math.max(s.ts, watermark + 1);
        List<MineSignal> waiting = pending.get(at);
        if (waiting == null) {
            waiting = new ArrayList<>();
        }
        waiting.add(s);
        pending.put(at, waiting);
        ctx.timerService().registerEventTimeTimer(at);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Detection> out) throws Exception {
        List<MineSignal> due = pending.get(timestamp);
        if (due == null) {
            return;
        }
        pending.remove(timestamp);
        due.sort(Comparator.comparingLong((MineSignal m) -> m.ts).thenComparing(new MineSignal.SameTimeOrder()));
        for (MineSignal s : due) {
            handle(s, out);
        }
    }

    private void handle(MineSignal s, Collector<Detection> out) throws Exception {
        if (s.is(MineSignal.Kind.VARY)) {
            lastVary.put(s.sensorId, Math.max(s.ts, lastVary.contains(s.sensorId) ? lastVary.get(s.sensorId) : s.ts));
            return;
        }
        if (s.is(MineSignal.Kind.UNSTUCK)) {
            SensorInfo info = MineClassifier.resolve(s, catalog, rules);
            if (info != null) {
                out.collect(SensorStuck.unstuck(s, info, rules));
            }
            return;
        }
        if (!s.is(MineSignal.Kind.STUCK) || !rules.enabled(SensorStuck.ID)) {
            return;
        }
        String other = SensorStuck.otherVarying(s, lastVary.entries());
        if (other == null) {
            return;
        }
        SensorInfo info = MineClassifier.resolve(s, catalog, rules);
        if (info == null) {
            return;
        }
        out.collect(SensorStuck.detect(s, other, info, rules));
    }
}
