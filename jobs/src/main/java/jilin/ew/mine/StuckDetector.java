package jilin.ew.mine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import jilin.ew.alert.Detection;
import jilin.ew.rules.Reference;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Times;
import jilin.ew.seeds.SeedCatalog;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * MINE_SENSOR_STUCK, keyed by district: a sensor that repeated one value for the rule's duration is stuck
 * only if another sensor of its district varied meanwhile (a whole district flat is a different problem).
 * A stuck (or varies-again) signal is judged once the watermark has passed it: the district's sensors are
 * spread over the sensor function's parallel instances, and one may run far ahead of another, so judging on
 * arrival could miss the neighbour's variation that came earlier in event time.
 * State: one timestamp per sensor of the district, and the signals waiting for the watermark.
 */
public class StuckDetector extends KeyedProcessFunction<String, MineSignal, Detection> {
    private static final long serialVersionUID = 1L;
    private final RuleSet rules;
    private final Reference reference;
    private transient MapState<String, Long> lastVary;
    private transient ListState<MineSignal> waiting;
    private transient SeedCatalog catalog;

    public StuckDetector(RuleSet rules, Reference reference) {
        this.rules = rules;
        this.reference = reference;
    }

    @Override
    public void open(OpenContext ctx) {
        lastVary = getRuntimeContext().getMapState(new MapStateDescriptor<>("last-vary", String.class, Long.class));
        waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting-signals", MineSignal.class));
        catalog = reference.catalog();
    }

    @Override
    public void processElement(MineSignal s, Context ctx, Collector<Detection> out) throws Exception {
        if ("VARY".equals(s.kind)) {
            lastVary.put(s.sensorId, s.ts);
            return;
        }
        if ("STUCK".equals(s.kind) || "UNSTUCK".equals(s.kind)) {
            waiting.add(s);
            ctx.timerService().registerEventTimeTimer(s.ts);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Detection> out) throws Exception {
        List<MineSignal> due = new ArrayList<>();
        List<MineSignal> later = new ArrayList<>();
        for (MineSignal s : waiting.get()) {
            (s.ts <= timestamp ? due : later).add(s);
        }
        waiting.update(later);
        due.sort(Comparator.comparingLong((MineSignal s) -> s.ts));
        for (MineSignal s : due) {
            if ("UNSTUCK".equals(s.kind)) {
                unstuck(s, out);
            } else {
                stuck(s, out);
            }
        }
    }

    /** A sensor repeated one value for the rule's duration: stuck if another sensor of the district varied. */
    private void stuck(MineSignal s, Collector<Detection> out) throws Exception {
        if (!rules.enabled(MineRules.SENSOR_STUCK)) {
            return;
        }
        String other = null;
        for (Map.Entry<String, Long> e : lastVary.entries()) {
            if (!e.getKey().equals(s.sensorId) && e.getValue() >= s.since) {
                other = e.getKey();
                break;
            }
        }
        if (other == null) {
            return;
        }
        RuleConfig c = rules.rule(MineRules.SENSOR_STUCK);
        SensorInfo info = MineClassifier.resolve(s, catalog, rules);
        if (info == null) {
            return;
        }
        Detection d = MineDetections.of(MineRules.SENSOR_STUCK, c.level, info, info.sensorId, rules, s.since, s.ts, true,
                "Sensor stuck: " + info.sensorId,
                "The " + MineDetections.where(info) + " has reported exactly " + s.value + " since "
                        + Times.format(s.since) + " while " + other + " in the same district varies: the sensor "
                        + "is likely stuck; check and recalibrate it, treat its area as unmonitored meanwhile.",
                List.of(s.raw));
        d.holdOpen = true; // open until the sensor varies again
        out.collect(d);
    }

    /** The sensor varies again: ends its stuck alert (the lifecycle ignores it if none is open). */
    private void unstuck(MineSignal s, Collector<Detection> out) {
        SensorInfo info = MineClassifier.resolve(s, catalog, rules);
        if (info == null) {
            return;
        }
        Detection clear = MineDetections.of(MineRules.SENSOR_STUCK, rules.level(MineRules.SENSOR_STUCK), info,
                info.sensorId, rules, s.ts, s.ts, false, "Sensor varies again: " + info.sensorId,
                "The " + MineDetections.where(info) + " reports changing values again.", List.of(s.raw));
        clear.clear = true;
        out.collect(clear);
    }
}
