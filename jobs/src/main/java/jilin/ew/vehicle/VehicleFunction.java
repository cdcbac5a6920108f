package jilin.ew.vehicle;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import jilin.ew.alert.Detection;
import jilin.ew.geo.Jilin;
import jilin.ew.ingest.HeldUnknown;
import jilin.ew.ingest.Outputs;
import jilin.ew.pipeline.DueKeys;
import jilin.ew.pipeline.DueKeysFunction;
import jilin.ew.pipeline.DueKeysOperator;
import jilin.ew.reference.Reference;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.Times;
import jilin.ew.schema.VehiclePosition;
import jilin.ew.schema.VehicleRegistration;
import jilin.ew.vehicle.rule.ClassSpeeding;
import jilin.ew.vehicle.rule.DownhillRunaway;
import jilin.ew.vehicle.rule.Fatigue;
import jilin.ew.vehicle.rule.NightBan;
import jilin.ew.vehicle.rule.NightSpeeding;
import jilin.ew.vehicle.rule.SectionSpeeding;
import jilin.ew.vehicle.rule.SuddenStop;
import jilin.ew.vehicle.rule.TerminalAlarm;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The per-vehicle heart of the key-vehicle domain, keyed by vehicle id. Each position is matched to a
 * dangerous road section once, on arrival (STRtree, {@link SectionIndex}). Two paths:
 * <ul>
 *   <li>immediate: single-position rules (terminal collision/rollover bits, class speeding BLUE) alert on
 *       arrival, never waiting behind the watermark;</li>
 *   <li>ordered: positions wait for the watermark and are taken in event-time order for the rules over
 *       consecutive positions (section speeding, sustained class speeding, night rules, fatigue, sudden stop)
 *       and for the runaway signals of the CEP pattern. A vehicle with positions waiting is due at its oldest
 *       in the operator's {@link DueKeys} ({@link DueKeysOperator}), not under a timer per position.</li>
 * </ul>
 * Each rule is a class of {@code jilin.ew.vehicle.rule}; this function owns the state, the order and the timers.
 * Positions of an unknown vehicle wait a while for its registration, then are dead-lettered.
 */
public class VehicleFunction extends DueKeysFunction<Envelope, Detection> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<VehicleSignal> SIGNALS = new OutputTag<>("vehicle-signals") {};

    /** How long positions of an unknown vehicle wait for its registration (event time). */
    static final long UNKNOWN_HOLD_MS = 60_000;
    /** A vehicle silent this long loses its per-vehicle state (a new trip starts afresh). */
    static final long IDLE_STATE_MS = 24 * 3600_000L;
    /** The keyed state of a vehicle's trip, positions waiting for the watermark among it. */
    static final String STATE = "vehicle";

    private final Reference reference;
    private transient Params params;

    private transient ValueState<VehicleInfo> registered;
    private transient ValueState<VehicleState> state;
    private transient ListState<Envelope> held;
    private transient Fleet fleet;
    private transient SectionIndex index;
    private transient Map<String, RoadSection> sections;
    private transient Counter late;

    public VehicleFunction(RuleSet rules, Reference reference) {
        super(rules, STATE);
        this.reference = reference;
    }

    /** The rules that read each position, with their numbers resolved once per rule-set version. */
    static final class Params {
        final String version;
        final TerminalAlarm terminal;
        final ClassSpeeding cls;
        final SectionSpeeding section;
        final NightBan ban;
        final NightSpeeding night;
        final Fatigue fatigue;
        final SuddenStop stop;
        final DownhillRunaway runaway;

        Params(RuleSet r, Map<String, RoadSection> sections) {
            version = r.version();
            terminal = new TerminalAlarm(r);
            cls = new ClassSpeeding(r);
            section = new SectionSpeeding(r, sections);
            ban = new NightBan(r);
            night = new NightSpeeding(r, cls);
            fatigue = new Fatigue(r);
            stop = new SuddenStop(r);
            runaway = new DownhillRunaway(r);
        }
    }

    private void current(ReadOnlyContext ctx) throws Exception {
        RuleSet rules = rules(ctx);
        if (params == null || !Objects.equals(params.version, rules.version())) {
            params = new Params(rules, sections);
        }
    }

    @Override
    public void open(OpenContext ctx) {
        registered = getRuntimeContext().getState(new ValueStateDescriptor<>("registration", VehicleInfo.class));
        state = getRuntimeContext().getState(new ValueStateDescriptor<>(STATE, VehicleState.class));
        held = getRuntimeContext().getListState(new ListStateDescriptor<>("held-unknown", Envelope.class));
        fleet = Fleet.of(reference);
        index = new SectionIndex(reference.seedDirectory().map(RoadSections::fromDirectory)
                .orElseGet(RoadSections::defaults));
        sections = new HashMap<>();
        for (RoadSection s : index.sections()) {
            sections.put(s.sectionId(), s);
        }
        late = getRuntimeContext().getMetricGroup().counter("latePositions");
    }

    @Override
    public void processElement(Envelope e, ReadOnlyContext ctx, Collector<Detection> out) throws Exception {
        current(ctx);
        if (e.vehicleRegistration != null) {
            register(e.vehicleRegistration, e.ts, ctx, out);
            return;
        }
        VehiclePosition p = e.vehiclePosition;
        if (!Jilin.contains(p.lat, p.lon)) {
            boolean latBad = !(p.lat >= Jilin.MIN_LAT && p.lat <= Jilin.MAX_LAT);
            ctx.output(Outputs.DEAD_LETTERS, DeadLetter.of("out-of-province", latBad ? "lat" : "lon",
                    "position " + p.lat + ", " + p.lon + " of vehicle " + p.vehicleId + " is outside Jilin ("
                            + (latBad ? "lat " + Jilin.MIN_LAT + ".." + Jilin.MAX_LAT
                            : "lon " + Jilin.MIN_LON + ".." + Jilin.MAX_LON) + ")", e.raw, e.ts));
            return;
        }
        VehicleInfo v = info(p.vehicleId);
        if (v == null) {
            held.add(e);
            ctx.timerService().registerEventTimeTimer(e.ts + UNKNOWN_HOLD_MS);
            return;
        }
        position(v, e, ctx, out);
    }

    private VehicleInfo info(String vehicleId) throws Exception {
        VehicleInfo v = registered.value();
        return v != null ? v : fleet.vehicle(vehicleId).orElse(null);
    }

    private void register(VehicleRegistration r, long ts, ReadOnlyContext ctx, Collector<Detection> out)
            throws Exception {
        VehicleInfo v = VehicleInfo.of(r, fleet.operatorName(r.operatorId));
        if (v.operatorName == null && v.operatorId == null) {
            fleet.vehicle(r.vehicleId).ifPresent(s -> {
                v.operatorId = s.operatorId;
                v.operatorName = s.operatorName;
            });
        }
        registered.update(v);
        for (Envelope h : HeldUnknown.release(held, ts, UNKNOWN_HOLD_MS, "vehicleId", "registration for vehicle",
                ctx::output)) {
            position(v, h, ctx, out);
        }
    }

    private void position(VehicleInfo v, Envelope e, ReadOnlyContext ctx, Collector<Detection> out) throws Exception {
        VehiclePosition p = e.vehiclePosition;
        VehicleState s = state.value();
        if (s == null) {
            s = new VehicleState();
        }
        if (isDuplicate(s, e.ts)) {
            ctx.output(Outputs.DEAD_LETTERS, DeadLetter.of("duplicate", "ts", "a position of vehicle " + p.vehicleId
                    + " at " + Times.format(e.ts) + " was already received", e.raw, e.ts));
            return;
        }
        VehicleState.Pending q = new VehicleState.Pending();
        q.ts = e.ts;
        q.lat = p.lat;
        q.lon = p.lon;
        q.speed = p.speedKmh;
        q.raw = e.raw;
        index.match(p.lat, p.lon).ifPresent(m -> {
            q.sectionId = m.section().sectionId();
            q.fraction = m.fraction();
        });
        immediate(v, p, q, out);
        if (e.ts > watermark(ctx)) {
            int i = s.pending.size();
            while (i > 0 && s.pending.get(i - 1).ts > q.ts) {
                i--;
            }
            s.pending.add(i, q);
            state.update(s);
            if (i == 0) { // the oldest waiting: the vehicle is due at it (a later one is taken with it)
                due.schedule(ctx.getCurrentKey(), e.ts);
            }
        } else {
            late.inc(); // behind the watermark: single-position rules ran above; sequences have moved on
        }
    }

    private static boolean isDuplicate(VehicleState s, long ts) {
        if (ts == s.lastTs) {
            return true;
        }
        for (VehicleState.Pending p : s.pending) {
            if (p.ts == ts) {
                return true;
            }
        }
        return false;
    }

    /** Single-position rules: alert on arrival. */
    private void immediate(VehicleInfo v, VehiclePosition p, VehicleState.Pending q, Collector<Detection> out) {
        RoadSection section = q.sectionId == null ? null : sections.get(q.sectionId);
        params.terminal.check(v, p, q, section, out);
        params.cls.check(v, p, q, section, out);
    }

    @Override
    protected long oldestWaiting() throws Exception {
        VehicleState s = state.value();
        return s == null || s.pending.isEmpty() ? Long.MIN_VALUE : s.pending.get(0).ts;
    }

    /**
     * A due vehicle (its positions the watermark has passed) or its idle-state timer. Each position is taken as its own
     * timer took it when every position had one: then the idle check at the position's time.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Detection> out) throws Exception {
        current(ctx);
        long watermark = watermark(ctx);
        boolean endOfInput = watermark == Long.MAX_VALUE;
        VehicleInfo v = info(ctx.getCurrentKey());
        if (v == null) {
            expireHeld(timestamp, endOfInput, ctx);
            return;
        }
        VehicleState s = state.value();
        if (s == null) {
            return;
        }
        while (!s.pending.isEmpty() && s.pending.get(0).ts <= watermark) {
            VehicleState.Pending p = s.pending.remove(0);
            ordered(v, s, p, ctx, out);
            if (idle(s, p.ts, endOfInput, ctx)) {
                return;
            }
        }
        if (!s.pending.isEmpty()) {
            due.schedule(ctx.getCurrentKey(), s.pending.get(0).ts);
        }
        // the idle-state timer's own check (after positions, an earlier time than theirs: it changes nothing)
        if (idle(s, timestamp, endOfInput, ctx)) {
            return;
        }
        state.update(s);
    }

    /** Drops the trip of a vehicle silent for a day at {@code timestamp}, or re-arms its idle timer; true: dropped. */
    private boolean idle(VehicleState s, long timestamp, boolean endOfInput, ReadOnlyContext ctx) {
        if (!endOfInput && s.pending.isEmpty() && s.cleanupAt != Long.MIN_VALUE && timestamp >= s.cleanupAt) {
            if (timestamp - s.lastTs >= IDLE_STATE_MS) {
                state.clear(); // silent for a day: the next position starts a new trip
                return true;
            }
            // armed from an earlier position (re-arming is lazy): re-armed below at a day after the last one
            s.cleanupAt = Long.MIN_VALUE;
        }
        if (s.pending.isEmpty() && s.lastTs != Long.MIN_VALUE && s.cleanupAt < s.lastTs + IDLE_STATE_MS / 2) {
            // re-armed at most every half day, so a reporting vehicle does not add a timer per position
            s.cleanupAt = s.lastTs + IDLE_STATE_MS;
            ctx.timerService().registerEventTimeTimer(s.cleanupAt);
        }
        return false;
    }

    private void expireHeld(long timestamp, boolean endOfInput, ReadOnlyContext ctx) throws Exception {
        HeldUnknown.expire(held, timestamp, endOfInput, UNKNOWN_HOLD_MS, "vehicleId", "registration for vehicle",
                ctx::output);
    }

    /** Rules over consecutive positions, in event-time order; the order of the calls is the order of the output. */
    private void ordered(VehicleInfo v, VehicleState s, VehicleState.Pending p, ReadOnlyContext ctx,
                         Collector<Detection> out) {
        RoadSection section = p.sectionId == null ? null : sections.get(p.sectionId);
        params.section.check(v, s, p, section, out);
        params.cls.sustained(v, s, p, section, out);
        params.ban.check(v, p, section, out);
        params.night.check(v, s, p, section, out);
        params.fatigue.check(v, s, p, section, out);
        params.stop.check(v, s, p, section, out);
        VehicleSignal signal = params.runaway.signal(v, s, p, section);
        if (signal != null) {
            ctx.output(SIGNALS, signal);
        }
        s.lastTs = p.ts;
        s.lastSpeed = p.speed;
        s.lastSectionId = p.sectionId;
        s.lastFraction = p.fraction;
    }
}
