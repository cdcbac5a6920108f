package jilin.ew.gas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import jilin.ew.alert.Detection;
import jilin.ew.gas.rule.LeakSuspected;
import jilin.ew.gas.rule.LelLevel1;
import jilin.ew.gas.rule.LelLevel2;
import jilin.ew.gas.rule.PressureAbnormal;
import jilin.ew.geo.Jilin;
import jilin.ew.io.HeldUnknown;
import jilin.ew.io.Outputs;
import jilin.ew.rules.RuleAwareFunction;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.GasReading;
import jilin.ew.schema.GasStationDef;
import jilin.ew.seeds.GasPoint;
import jilin.ew.seeds.GasPoints;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The per-point heart of the gas domain, keyed by station id. Definitions come from the seeds and the stream
 * (a later one replaces an earlier one). Each reading is judged on arrival, never waiting for the watermark:
 * %LEL against the two detector levels, pressure against its class. Readings that can take part in a leak
 * (a regulator station's pressure drop, a point's gas) also go out as {@link GasSignal}s for the leak
 * pattern, thinned by {@link LeakSignalRuns}. Each rule is a class of {@code jilin.ew.gas.rule}; this function
 * owns the state and timers and calls them. Readings of an unknown point are held for a while in case its
 * definition comes, then dead-lettered; impossible values are dead-lettered at once.
 */
public class GasStationFunction extends RuleAwareFunction<Envelope, Detection> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<GasSignal> SIGNALS = new OutputTag<>("gas-signals") {};

    /** How long readings of an unknown point wait for its definition (event time). */
    static final long UNKNOWN_HOLD_MS = 60_000;
    /** No city gas line runs above this (high-pressure A ends at 4.0 MPa; the schema caps nominal at 10). */
    static final double MAX_PRESSURE_MPA = 10.0;

    private transient RuleSet rules;
    private transient ValueState<GasStation> streamDef;
    private transient ListState<Envelope> held;
    private transient ValueState<LeakSignalRuns> leakRuns;
    private transient Map<String, GasStation> seeds;

    public GasStationFunction(RuleSet rules) {
        super(rules);
    }

    @Override
    public void open(OpenContext ctx) {
        streamDef = getRuntimeContext().getState(new ValueStateDescriptor<>("definition", GasStation.class));
        held = getRuntimeContext().getListState(new ListStateDescriptor<>("held-unknown", Envelope.class));
        leakRuns = getRuntimeContext().getState(new ValueStateDescriptor<>("leak-signal-runs", LeakSignalRuns.class));
        seeds = new HashMap<>();
        for (GasPoint p : GasPoints.defaults()) {
            seeds.put(p.stationId(), GasStation.of(p));
        }
    }

    @Override
    public void processElement(Envelope e, ReadOnlyContext ctx, Collector<Detection> out) throws Exception {
        rules = rules(ctx);
        if (e.gasStation != null) {
            define(e, ctx, out);
            return;
        }
        GasStation s = station(e.gasReading.stationId);
        if (s == null) {
            held.add(e);
            ctx.timerService().registerEventTimeTimer(e.ts + UNKNOWN_HOLD_MS);
            return;
        }
        reading(s, e, ctx, out);
    }

    private GasStation station(String id) throws Exception {
        GasStation s = streamDef.value();
        return s != null ? s : seeds.get(id);
    }

    private void define(Envelope e, ReadOnlyContext ctx, Collector<Detection> out) throws Exception {
        GasStationDef def = e.gasStation;
        if (!Jilin.contains(def.lat, def.lon)) {
            boolean latOut = !(def.lat >= Jilin.MIN_LAT && def.lat <= Jilin.MAX_LAT);
            ctx.output(Outputs.DEAD_LETTERS, DeadLetter.of("out-of-province", latOut ? "lat" : "lon",
                    String.format(java.util.Locale.ROOT, "station %s at lat %s, lon %s lies outside Jilin province "
                            + "(lat %.1f-%.1f, lon %.1f-%.1f)", def.stationId, def.lat, def.lon, Jilin.MIN_LAT,
                            Jilin.MAX_LAT, Jilin.MIN_LON, Jilin.MAX_LON), e.raw, e.ts));
            return;
        }
        GasStation s = GasStation.of(def, seeds.get(def.stationId));
        streamDef.update(s);
        for (Envelope h : HeldUnknown.release(held, e.ts, UNKNOWN_HOLD_MS, "stationId", "definition for gas station",
                ctx::output)) {
            reading(s, h, ctx, out);
        }
    }

    private void reading(GasStation s, Envelope e, ReadOnlyContext ctx, Collector<Detection> out) throws Exception {
        GasReading r = e.gasReading;
        switch (r.measure) {
            case "LEL_PCT":
                if (r.value > 100) {
                    ctx.output(Outputs.DEAD_LETTERS, DeadLetter.of("out-of-range", "value", "%LEL " + r.value
                            + " at " + r.stationId + " is above 100 % of the lower explosive limit", e.raw, e.ts));
                    return;
                }
                lel(s, e, ctx, out);
                return;
            case "PRESSURE_MPA":
                if (r.value > MAX_PRESSURE_MPA) {
                    ctx.output(Outputs.DEAD_LETTERS, DeadLetter.of("out-of-range", "value", "pressure " + r.value
                            + " MPa at " + r.stationId + " is above " + MAX_PRESSURE_MPA
                            + " MPa, more than any city gas line carries", e.raw, e.ts));
                    return;
                }
                pressure(s, e, ctx, out);
                return;
            default:
                // flow is accepted for the record; no default rule reads it
        }
    }

    private void lel(GasStation s, Envelope e, ReadOnlyContext ctx, Collector<Detection> out) throws Exception {
        if (!LelLevel2.check(rules, s, e, out)) {
            LelLevel1.check(rules, s, e, out);
        }
        RuleConfig leak = LeakSuspected.on(rules);
        if (leak != null) {
            leakSignal(ctx, GasSignal.LEL_RISE, LeakSuspected.rise(leak, s, e),
                    LeakSuspected.red(leak, e.gasReading.value));
        }
    }

    /**
     * Passes a leak-signal candidate of the given kind (null: a reading of that kind that is none) through the
     * point's run of that kind; whatever the run lets out goes to the leak pattern. A point with no run going
     * keeps no state.
     */
    private void leakSignal(ReadOnlyContext ctx, String kind, GasSignal candidate, boolean red) throws Exception {
        LeakSignalRuns runs = leakRuns.value();
        if (candidate == null && (runs == null || !runs.of(kind).inRun)) {
            return;
        }
        if (runs == null) {
            runs = new LeakSignalRuns();
        }
        LeakSignalRuns.Run run = runs.of(kind);
        GasSignal out = candidate != null ? run.candidate(candidate, red) : run.end();
        if (out != null) {
            ctx.output(SIGNALS, out);
        }
        if (runs.drop.inRun || runs.rise.inRun) {
            leakRuns.update(runs);
        } else {
            leakRuns.clear(); // both runs ended: a new run starts afresh, so nothing is worth keeping
        }
    }

    private void pressure(GasStation s, Envelope e, ReadOnlyContext ctx, Collector<Detection> out)
            throws Exception {
        PressureAbnormal.check(rules, s, e, out);
        RuleConfig leak = LeakSuspected.on(rules);
        if (leak != null && LeakSuspected.watchesPressure(s)) {
            leakSignal(ctx, GasSignal.PRESSURE_DROP, LeakSuspected.drop(leak, s, e), false);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Detection> out) throws Exception {
        boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        HeldUnknown.expire(held, timestamp, endOfInput, UNKNOWN_HOLD_MS, "stationId", "definition for gas station",
                ctx::output);
    }

}
