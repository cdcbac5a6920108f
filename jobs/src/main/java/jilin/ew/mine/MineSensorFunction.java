package jilin.ew.mine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jilin.ew.alert.Detection;
import jilin.ew.ingest.HeldUnknown;
import jilin.ew.ingest.Outputs;
import jilin.ew.mine.rule.Ch4Alarm;
import jilin.ew.mine.rule.Ch4PowerCut;
import jilin.ew.mine.rule.Ch4RapidRise;
import jilin.ew.mine.rule.CoAlarm;
import jilin.ew.mine.rule.SensorSilent;
import jilin.ew.mine.rule.SensorStuck;
import jilin.ew.mine.rule.ShutdownActivity;
import jilin.ew.pipeline.DueKeys;
import jilin.ew.pipeline.DueKeysFunction;
import jilin.ew.pipeline.DueKeysOperator;
import jilin.ew.reference.Reference;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.MineReading;
import jilin.ew.schema.MineSensorDef;
import jilin.ew.schema.Times;
import jilin.ew.seeds.SeedCatalog;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The per-sensor heart of the mine domain, keyed by sensor id. Two paths:
 * <ul>
 *   <li>immediate: each reading is classified on arrival and single-reading breaches (CH4 alarm / power
 *       cut, CO alarm) are emitted at once, never waiting behind the watermark;</li>
 *   <li>ordered: readings wait for the watermark and are then taken in event-time order, so out-of-order
 *       input gives the same result; they feed band changes, rises, trends, stuck and vary signals to the
 *       CEP patterns, and drive the silence timer and the shutdown-activity rule. A sensor with readings waiting
 *       is due at its oldest in the operator's {@link DueKeys} ({@link DueKeysOperator}), not under a timer.</li>
 * </ul>
 * Readings of an unknown sensor are held for a while in case its definition comes, then dead-lettered.
 */
public class MineSensorFunction extends DueKeysFunction<Envelope, Detection> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<MineSignal> SIGNALS = new OutputTag<>("mine-signals") {};

    /** How long readings of an unknown sensor wait for its definition (event time). */
    static final long UNKNOWN_HOLD_MS = 60_000;
    /** The keyed state of a known sensor, readings waiting for the watermark among it. */
    static final String STATE = "sensor";

    private final Reference reference;
    /** The rule set in force for the element being processed. */
    private transient RuleSet rules;
    private transient String cachedVersion;

    private transient ValueState<MineSensorDef> streamDef;
    private transient ValueState<SensorState> state;
    private transient ListState<Envelope> held;
    private transient SeedCatalog catalog;
    private transient Map<String, SensorInfo> infoCache;
    /** Changes whenever a definition or the rule set does: a sensor state's cached info of another epoch is stale. */
    private transient long infoEpoch;
    private transient Counter late;

    /** Rising steps that make a rapid-rise match, fixed with the pattern when the job is built. */
    private final int riseSteps;

    public MineSensorFunction(RuleSet rules, Reference reference) {
        super(rules, STATE);
        this.reference = reference;
        this.riseSteps = Ch4RapidRise.heldSteps(rules);
    }

    @Override
    protected long oldestWaiting() throws Exception {
        SensorState s = state.value();
        List<WaitingReading> waiting = s == null ? List.of() : s.waitingInOrder();
        return waiting.isEmpty() ? Long.MIN_VALUE : waiting.get(0).ts;
    }

    /** Picks up the rule set in force; thresholds resolved under an older version are dropped. */
    private void current(ReadOnlyContext ctx) throws Exception {
        rules = rules(ctx);
        if (!java.util.Objects.equals(rules.version(), cachedVersion)) {
            infoCache.clear();
            infoEpoch++;
            cachedVersion = rules.version();
        }
    }

    @Override
    public void open(OpenContext ctx) {
        streamDef = getRuntimeContext().getState(new ValueStateDescriptor<>("definition", SensorDefSerializer.type()));
        state = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, SensorState.class));
        held = getRuntimeContext().getListState(new ListStateDescriptor<>("held-unknown", Envelope.class));
        catalog = reference.catalog();
        infoCache = new HashMap<>();
        late = getRuntimeContext().getMetricGroup().counter("lateReadings");
    }

    @Override
    public void processElement(Envelope e, ReadOnlyContext ctx, Collector<Detection> out) throws Exception {
        current(ctx);
        if (e.mineSensor != null) {
            define(e.mineSensor, e.ts, ctx, out);
            return;
        }
        SensorState s = state.value();
        SensorInfo info = info(s, e.mineReading.sensorId);
        if (info == null) {
            held.add(e);
            ctx.timerService().registerEventTimeTimer(e.ts + UNKNOWN_HOLD_MS);
            return;
        }
        reading(info, s, e, ctx, out);
    }

    private void define(MineSensorDef def, long ts, ReadOnlyContext ctx, Collector<Detection> out) throws Exception {
        streamDef.update(def);
        SensorInfo info = MineClassifier.resolve(def, catalog, rules);
        infoCache.put(def.sensorId, info);
        infoEpoch++;
        for (Envelope h : HeldUnknown.release(held, ts, UNKNOWN_HOLD_MS, "sensorId", "definition for sensor",
                ctx::output)) {
            reading(info, state.value(), h, ctx, out);
        }
    }

    /** The sensor's info: the one its state holds if still current, else looked up (and then held there). */
    private SensorInfo info(SensorState s, String sensorId) throws Exception {
        if (s != null && s.info != null && s.infoEpoch == infoEpoch) {
            return s.info;
        }
        SensorInfo info = info(sensorId);
        if (s != null) {
            hold(s, info);
        }
        return info;
    }

    private void hold(SensorState s, SensorInfo info) {
        s.info = info;
        s.infoEpoch = infoEpoch;
    }

    private SensorInfo info(String sensorId) throws Exception {
        SensorInfo info = infoCache.get(sensorId);
        if (info == null) {
            MineSensorDef def = streamDef.value();
            if (def != null) {
                info = MineClassifier.resolve(def, catalog, rules);
            } else {
                info = catalog.sensor(sensorId).map(p -> MineClassifier.resolve(p, catalog, rules)).orElse(null);
            }
            if (info != null) {
                infoCache.put(sensorId, info);
            }
        }
        return info;
    }

    private void reading(SensorInfo info, SensorState current, Envelope e, ReadOnlyContext ctx,
                         Collector<Detection> out) throws Exception {
        MineReading r = e.mineReading;
        SensorState s = current;
        if (s == null) {
            s = new SensorState();
            hold(s, info);
        } else {
            s.upgrade();
        }
        if (isDuplicate(s, e)) {
            ctx.output(Outputs.DEAD_LETTERS, DeadLetter.of("duplicate", "ts", "a reading of sensor " + r.sensorId
                    + " at " + Times.format(e.ts) + " was already received", e.raw, e.ts));
            return;
        }
        immediate(info, e, ctx, out);
        if (e.ts > watermark(ctx)) {
            // the sensor is due at its oldest waiting reading: when the watermark passes that, every reading it has
            // passed is taken and the sensor is due again at the next
            if (insertSorted(s.waiting, new WaitingReading(e.ts, r.value, r.status, e.raw)) == 0) {
                due.schedule(ctx.getCurrentKey(), e.ts);
            }
            state.update(s);
        } else {
            // behind the watermark: its single-reading breach was raised above; sequences have moved on
            late.inc();
        }
    }

    private static boolean isDuplicate(SensorState s, Envelope e) {
        if (e.ts == s.lastTs) {
            return true;
        }
        if (s.waiting.isEmpty() || e.ts > s.waiting.get(s.waiting.size() - 1).ts) {
            return false; // in order (nearly every reading): later than every waiting one, which are sorted
        }
        for (WaitingReading p : s.waiting) {
            if (p.ts == e.ts) {
                return true;
            }
        }
        return false;
    }

    /** Inserts in event-time order; returns the position. */
    private static int insertSorted(List<WaitingReading> list, WaitingReading p) {
        int i = list.size();
        while (i > 0 && list.get(i - 1).ts > p.ts) {
            i--;
        }
        list.add(i, p);
        return i;
    }

    /** Single-reading rules: alert on arrival. */
    private void immediate(SensorInfo info, Envelope e, ReadOnlyContext ctx, Collector<Detection> out) {
        MineReading r = e.mineReading;
        if (r.calibrating() || r.fault()) {
            return; // calibration raises nothing; a fault counts toward silence, not toward a value rule
        }
        if (info.isCh4()) {
            Band band = MineClassifier.band(info, r.value);
            Detection d = band == Band.POWER_CUT ? Ch4PowerCut.detect(info, r.value, e.ts, e.raw, rules)
                    : band == Band.NORMAL ? null : Ch4Alarm.detect(info, r.value, e.ts, e.raw, rules);
            boolean detected = d != null;
            if (detected) {
                out.collect(d);
            }
            if (r.value >= MineClassifier.keepAliveFloor(info)) {
                if (!detected) {
                    // not below restore, though below the alarm value (or its rule is off): power stays off, so
                    // the sensor's power-cut alert stays open; each open alert compares the reading itself
                    Detection keep = Detection.keepAlive(Domain.MINE, info.sensorId, e.ts);
                    keep.group = info.districtKey();
                    keep.reading = r.value;
                    out.collect(keep);
                }
                // district-wide alerts stay open while any of its sensors keeps one of its own open
                out.collect(Detection.keepAlive(Domain.MINE, info.districtKey(), e.ts));
            }
        } else if ("CO".equals(info.kind)) {
            Detection d = CoAlarm.detect(info, r.value, e.ts, e.raw, rules);
            if (d != null) {
                out.collect(d);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Detection> out) throws Exception {
        current(ctx);
        long watermark = watermark(ctx);
        boolean endOfInput = watermark == Long.MAX_VALUE;
        SensorState s = state.value();
        SensorInfo info = info(s, ctx.getCurrentKey());
        if (info == null) {
            expireHeld(timestamp, endOfInput, ctx);
            return;
        }
        if (s == null) {
            return;
        }
        s.upgrade();
        while (!s.waiting.isEmpty() && s.waiting.get(0).ts <= watermark) {
            WaitingReading p = s.waiting.remove(0);
            // a silence that ended before this reading came is still a silence (a timer at its deadline would
            // have fired before the reading's turn)
            if (s.silenceDeadline < p.ts) {
                silent(info, s, ctx, out);
            }
            ordered(info, s, p, ctx, out);
        }
        if (!s.waiting.isEmpty()) {
            due.schedule(ctx.getCurrentKey(), s.waiting.get(0).ts);
        }
        if (s.silenceTimer != Long.MIN_VALUE && watermark >= s.silenceTimer) {
            // the silence timer is moved lazily: re-armed here at the latest deadline rather than per reading
            s.silenceTimer = Long.MIN_VALUE;
            if (s.silenceDeadline > watermark) {
                s.silenceTimer = s.silenceDeadline;
                ctx.timerService().registerEventTimeTimer(s.silenceTimer);
            } else if (!endOfInput) {
                // the end of a recording is not silence: only a real watermark past the deadline counts
                silent(info, s, ctx, out);
            }
        }
        state.update(s);
    }

    /** Raises the silence alert of a sensor whose deadline has passed (once per silence). */
    private void silent(SensorInfo info, SensorState s, ReadOnlyContext ctx, Collector<Detection> out) {
        Detection d = SensorSilent.detect(info, s, rules);
        if (d != null) {
            out.collect(d);
        }
    }

    private void expireHeld(long timestamp, boolean endOfInput, ReadOnlyContext ctx) throws Exception {
        HeldUnknown.expire(held, timestamp, endOfInput, UNKNOWN_HOLD_MS, "sensorId", "definition for sensor",
                ctx::output);
    }

    /** Sequence rules, in event-time order. */
    private void ordered(SensorInfo info, SensorState s, WaitingReading p, ReadOnlyContext ctx,
                         Collector<Detection> out) {
        s.remember(p);
        if (MineReading.FAULT.equals(p.status)) {
            return; // a faulty reading is not a usable one: silence keeps counting
        }
        Detection again = SensorSilent.reportsAgain(info, s, p, rules);
        if (again != null) {
            out.collect(again);
        }
        long deadline = SensorSilent.deadline(p.ts, rules);
        if (deadline != Long.MIN_VALUE) {
            s.silenceDeadline = deadline;
            if (s.silenceTimer == Long.MIN_VALUE) {
                s.silenceTimer = s.silenceDeadline;
                ctx.timerService().registerEventTimeTimer(s.silenceTimer);
            }
        }
        if (MineReading.CALIBRATING.equals(p.status)) {
            return; // kept as evidence (recent), raises nothing, and is no baseline for rises
        }
        if (info.isCh4()) {
            ch4Sequence(info, s, p, ctx, out);
        } else if ("CO".equals(info.kind) || "TEMP".equals(info.kind)) {
            signal(CoAlarm.trend(info, s, p, rules), ctx);
        }
        SensorStuck.signals(info, s, p, rules, sig -> ctx.output(SIGNALS, sig));
        s.lastTs = p.ts;
        s.lastValue = p.value;
    }

    private void ch4Sequence(SensorInfo info, SensorState s, WaitingReading p, ReadOnlyContext ctx,
                             Collector<Detection> out) {
        Band band = MineClassifier.band(info, p.value);
        if (!band.name().equals(s.band)) {
            // one signal serves the escalation and the district-wide rule
            MineSignal sig = MineSignal.of(MineSignal.Kind.BAND_CHANGE, info, p.ts, p.value, p.raw(info.sensorId),
                    rules.version());
            sig.fromBand = s.band;
            sig.toBand = band.name();
            ctx.output(SIGNALS, sig);
            s.band = band.name();
        }
        Ch4RapidRise.signals(info, s, p, rules, riseSteps, sig -> ctx.output(SIGNALS, sig));
        Detection shut = ShutdownActivity.check(info, s, p, rules);
        if (shut != null) {
            out.collect(shut);
        }
    }

    private static void signal(MineSignal sig, ReadOnlyContext ctx) {
        if (sig != null) {
            ctx.output(SIGNALS, sig);
        }
    }
}
