package jilin.ew.vehicle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jilin.ew.alert.Detection;
import jilin.ew.geo.Jilin;
import jilin.ew.io.HeldUnknown;
import jilin.ew.io.Outputs;
import jilin.ew.rules.ClassDefaults;
import jilin.ew.rules.Reference;
import jilin.ew.rules.RuleAwareFunction;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.Level;
import jilin.ew.schema.Times;
import jilin.ew.schema.VehiclePosition;
import jilin.ew.schema.VehicleRegistration;
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
 *       and for the runaway signals of the CEP pattern.</li>
 * </ul>
 * Sudden stop is a two-field state machine rather than a CEP pattern: it needs only the last fast position
 * on a section, while CEP would need every such position as a signal (most traffic on a section is over
 * 40 km/h), which is not a sparse stream.
 * Positions of an unknown vehicle wait a while for its registration, then are dead-lettered.
 */
public class VehicleFunction extends RuleAwareFunction<Envelope, Detection> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<VehicleSignal> SIGNALS = new OutputTag<>("vehicle-signals") {};

    /** How long positions of an unknown vehicle wait for its registration (event time). */
    static final long UNKNOWN_HOLD_MS = 60_000;
    /** A vehicle silent this long loses its per-vehicle state (a new trip starts afresh). */
    static final long IDLE_STATE_MS = 24 * 3600_000L;

    private final Reference reference;
    private transient RuleSet rules;
    private transient Params params;

    private transient ValueState<VehicleInfo> registered;
    private transient ValueState<VehicleState> state;
    private transient ListState<Envelope> held;
    private transient Fleet fleet;
    private transient SectionIndex index;
    private transient Map<String, RoadSection> sections;
    private transient Counter late;

    public VehicleFunction(RuleSet rules, Reference reference) {
        super(rules);
        this.reference = reference;
    }

    /** Numbers the rules read on every position, resolved once per rule-set version. */
    static final class Params {
        final String version;
        final RuleConfig section;
        final RuleConfig cls;
        final RuleConfig ban;
        final RuleConfig night;
        final RuleConfig fatigue;
        final RuleConfig runaway;
        final RuleConfig stop;
        final RuleConfig terminal;

        /** The class speed limits (classDefaults maxSpeedKmh) by vehicle class; the only place they are set. */
        final Map<String, Double> classLimits = new HashMap<>();

        Params(RuleSet r) {
            version = r.version;
            for (String c : List.of(VehicleInfo.HAZMAT_TRUCK, VehicleInfo.LONG_DISTANCE_BUS, VehicleInfo.TOURIST_COACH)) {
                ClassDefaults d = r.classDefaults(c);
                classLimits.put(c, d == null ? Double.NaN : d.param(VehicleRules.MAX_SPEED_KMH, Double.NaN));
            }
            section = on(r, VehicleRules.SECTION_SPEEDING);
            cls = on(r, VehicleRules.CLASS_SPEEDING);
            ban = on(r, VehicleRules.NIGHT_BAN);
            night = on(r, VehicleRules.NIGHT_SPEEDING);
            fatigue = on(r, VehicleRules.FATIGUE);
            runaway = on(r, VehicleRules.DOWNHILL_RUNAWAY);
            stop = on(r, VehicleRules.SUDDEN_STOP);
            terminal = on(r, VehicleRules.TERMINAL_ALARM);
        }

        private static RuleConfig on(RuleSet r, String id) {
            RuleConfig c = r.rules.get(id);
            return c != null && c.enabled ? c : null;
        }

        /** The vehicle's class speed limit (classDefaults), or NaN for a class without one. */
        double maxSpeed(VehicleInfo v) {
            Double limit = v.vehicleClass == null ? null : classLimits.get(v.vehicleClass);
            return limit == null ? Double.NaN : limit;
        }

        /** The class speed limit when VEH_CLASS_SPEEDING is on, or NaN. */
        double classLimit(VehicleInfo v) {
            return cls == null ? Double.NaN : maxSpeed(v);
        }
    }

    private void current(ReadOnlyContext ctx) throws Exception {
        rules = rules(ctx);
        if (params == null || !Objects.equals(params.version, rules.version)) {
            params = new Params(rules);
        }
    }

    @Override
    public void open(OpenContext ctx) {
        registered = getRuntimeContext().getState(new ValueStateDescriptor<>("registration", VehicleInfo.class));
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("vehicle", VehicleState.class));
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
        if (e.ts > ctx.timerService().currentWatermark()) {
            int i = s.pending.size();
            while (i > 0 && s.pending.get(i - 1).ts > q.ts) {
                i--;
            }
            s.pending.add(i, q);
            state.update(s);
            ctx.timerService().registerEventTimeTimer(e.ts);
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
        if (params.terminal != null && Jt808Alarm.collisionOrRollover(p.alarmFlags)) {
            List<String> bits = Jt808Alarm.names(p.alarmFlags);
            String what = bits.contains("ROLLOVER") && bits.contains("COLLISION") ? "collision and rollover"
                    : bits.contains("ROLLOVER") ? "rollover" : "collision";
            out.collect(VehicleDetections.of(VehicleRules.TERMINAL_ALARM, params.terminal.level, v, section, rules,
                    q.ts, q.ts, false, "Terminal " + what + " alarm: " + VehicleDetections.name(v),
                    "The JT/T 808 terminal of the " + v.describe() + " reports a " + what + " (alarm bits "
                            + String.join(", ", bits) + ") at " + VehicleDetections.clock(q.ts) + ", "
                            + VehicleDetections.kmh(p.speedKmh) + ", at " + p.lat + ", " + p.lon
                            + (section == null ? "" : " on " + VehicleDetections.where(section))
                            + ": call the driver at once and dispatch rescue to the position.",
                    List.of(q.raw), p.lat, p.lon));
        }
        double limit = params.classLimit(v);
        if (!Double.isNaN(limit) && p.speedKmh > limit) {
            out.collect(VehicleDetections.of(VehicleRules.CLASS_SPEEDING, params.cls.level, v, section, rules, q.ts,
                    q.ts, false, "Over the class speed limit: " + VehicleDetections.name(v),
                    "The " + v.describe() + " drove " + VehicleDetections.kmh(p.speedKmh) + " at "
                            + VehicleDetections.clock(q.ts) + ", over the " + VehicleDetections.kmh(limit)
                            + " limit for its class: warn the driver through the terminal.",
                    List.of(q.raw), p.lat, p.lon));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Detection> out) throws Exception {
        current(ctx);
        boolean endOfInput = ctx.timerService().currentWatermark() == Long.MAX_VALUE;
        VehicleInfo v = info(ctx.getCurrentKey());
        if (v == null) {
            expireHeld(timestamp, endOfInput, ctx);
            return;
        }
        VehicleState s = state.value();
        if (s == null) {
            return;
        }
        while (!s.pending.isEmpty() && s.pending.get(0).ts <= timestamp) {
            ordered(v, s, s.pending.remove(0), ctx, out);
        }
        if (!endOfInput && s.pending.isEmpty() && s.cleanupAt != Long.MIN_VALUE && timestamp >= s.cleanupAt) {
            if (timestamp - s.lastTs >= IDLE_STATE_MS) {
                state.clear(); // silent for a day: the next position starts a new trip
                return;
            }
            // armed from an earlier position (re-arming is lazy): re-armed below at a day after the last one
            s.cleanupAt = Long.MIN_VALUE;
        }
        if (s.pending.isEmpty() && s.lastTs != Long.MIN_VALUE && s.cleanupAt < s.lastTs + IDLE_STATE_MS / 2) {
            // re-armed at most every half day, so a reporting vehicle does not add a timer per position
            s.cleanupAt = s.lastTs + IDLE_STATE_MS;
            ctx.timerService().registerEventTimeTimer(s.cleanupAt);
        }
        state.update(s);
    }

    private void expireHeld(long timestamp, boolean endOfInput, ReadOnlyContext ctx) throws Exception {
        HeldUnknown.expire(held, timestamp, endOfInput, UNKNOWN_HOLD_MS, "vehicleId", "registration for vehicle",
                ctx::output);
    }

    /** Rules over consecutive positions, in event-time order. */
    private void ordered(VehicleInfo v, VehicleState s, VehicleState.Pending p, ReadOnlyContext ctx,
                         Collector<Detection> out) {
        RoadSection section = p.sectionId == null ? null : sections.get(p.sectionId);
        sectionSpeeding(v, s, p, section, out);
        classSustained(v, s, p, section, out);
        nightRules(v, s, p, section, out);
        fatigue(v, s, p, section, out);
        suddenStop(v, s, p, section, out);
        runaway(v, s, p, section, ctx);
        s.lastTs = p.ts;
        s.lastSpeed = p.speed;
        s.lastSectionId = p.sectionId;
        s.lastFraction = p.fraction;
    }

    private void sectionSpeeding(VehicleInfo v, VehicleState s, VehicleState.Pending p, RoadSection section,
                                 Collector<Detection> out) {
        RuleConfig c = params.section;
        if (s.sectionAlertedId != null && !s.sectionAlertedId.equals(p.sectionId)) {
            RoadSection left = sections.get(s.sectionAlertedId);
            if (c != null && left != null) {
                out.collect(VehicleDetections.clear(VehicleRules.SECTION_SPEEDING, c.level, v, left, rules, p.ts,
                        "The " + v.describe() + " has left " + VehicleDetections.where(left) + ".", p.raw,
                        p.lat, p.lon));
            }
            s.sectionAlertedId = null;
        }
        if (c == null || section == null || !(p.speed > section.speedLimitKmh())) {
            s.sectionRunRaw.clear();
            s.sectionRunSpeed.clear();
            s.sectionRunId = null;
            return;
        }
        if (!section.sectionId().equals(s.sectionRunId)) {
            s.sectionRunRaw.clear();
            s.sectionRunSpeed.clear();
            s.sectionRunId = section.sectionId();
        }
        int n = (int) c.param("positions");
        s.sectionRunRaw.add(p.raw);
        s.sectionRunSpeed.add(p.speed);
        while (s.sectionRunRaw.size() > n) {
            s.sectionRunRaw.remove(0);
            s.sectionRunSpeed.remove(0);
        }
        if (s.sectionRunRaw.size() < n) {
            return;
        }
        double min = Double.MAX_VALUE;
        StringBuilder speeds = new StringBuilder();
        for (double x : s.sectionRunSpeed) {
            min = Math.min(min, x);
            speeds.append(speeds.length() == 0 ? "" : ", ").append(VehicleDetections.kmh(x));
        }
        int limit = section.speedLimitKmh();
        boolean far = min > limit * (1 + c.param("orangeOverPct") / 100.0);
        Level level = far ? c.level.raise((int) c.param("orangeLevelSteps", 1)) : c.level;
        s.sectionAlertedId = section.sectionId();
        out.collect(VehicleDetections.of(VehicleRules.SECTION_SPEEDING, level, v, section, rules, p.ts, p.ts, false,
                "Speeding on dangerous section " + section.name() + ": " + VehicleDetections.name(v),
                "The " + v.describe() + " drove " + speeds + " on " + n + " consecutive positions on "
                        + VehicleDetections.where(section) + ", where the limit is " + limit + " km/h"
                        + (far ? " (more than " + (int) c.param("orangeOverPct") + " % over)" : "")
                        + ": call the driver to slow down at once.",
                new ArrayList<>(s.sectionRunRaw), p.lat, p.lon));
    }

    private void classSustained(VehicleInfo v, VehicleState s, VehicleState.Pending p, RoadSection section,
                                Collector<Detection> out) {
        double limit = params.classLimit(v);
        if (Double.isNaN(limit) || !(p.speed > limit)) {
            s.classOverSince = Long.MIN_VALUE;
            s.classOverFirstRaw = null;
            return;
        }
        if (s.classOverSince != Long.MIN_VALUE && p.ts - s.lastTs > params.cls.param("maxGapSec") * 1000) {
            s.classOverSince = Long.MIN_VALUE; // a gap in the reports: the run is not known to be sustained
        }
        if (s.classOverSince == Long.MIN_VALUE) {
            s.classOverSince = p.ts;
            s.classOverFirstRaw = p.raw;
        }
        long sustained = p.ts - s.classOverSince;
        RuleConfig c = params.cls;
        if (sustained >= c.param("sustainedSec") * 1000) {
            out.collect(VehicleDetections.of(VehicleRules.CLASS_SPEEDING,
                    c.level.raise((int) c.param("sustainedLevelSteps", 1)), v, section, rules, s.classOverSince, p.ts,
                    false, "Sustained speeding: " + VehicleDetections.name(v),
                    "The " + v.describe() + " has driven over the " + VehicleDetections.kmh(limit)
                            + " limit for its class for " + sustained / 1000 + " s since "
                            + VehicleDetections.clock(s.classOverSince) + ", now " + VehicleDetections.kmh(p.speed)
                            + ": order the driver to slow down; inform the operator.",
                    List.of(s.classOverFirstRaw, p.raw), p.lat, p.lon));
        }
    }

    private void nightRules(VehicleInfo v, VehicleState s, VehicleState.Pending p, RoadSection section,
                            Collector<Detection> out) {
        RuleConfig ban = params.ban;
        if (ban != null && VehicleInfo.LONG_DISTANCE_BUS.equals(v.vehicleClass) && v.tripKm != null
                && v.tripKm > ban.param("tripKmOver") && p.speed > ban.param("movingKmh")
                && VehicleClock.isNightBanWindow(p.ts)) {
            out.collect(VehicleDetections.of(VehicleRules.NIGHT_BAN, ban.level, v, section, rules, p.ts, p.ts, false,
                    "Long-distance bus moving in the 02:00-05:00 stop window: " + VehicleDetections.name(v),
                    "The " + v.describe() + " on a " + Math.round(v.tripKm) + " km trip is moving at "
                            + VehicleDetections.kmh(p.speed) + " at " + VehicleDetections.clock(p.ts)
                            + " local: long-distance buses must stop (or relay drivers) from 02:00 to 05:00; order "
                            + "it to stop at the next safe place.",
                    List.of(p.raw), p.lat, p.lon));
        }
        RuleConfig c = params.night;
        if (c == null || !v.isBus() || !VehicleClock.isNight(p.ts)) {
            s.nightRunRaw.clear();
            return;
        }
        double dayLimit = section != null ? section.speedLimitKmh() : params.maxSpeed(v);
        double limit = section != null ? section.nightSpeedLimitKmh() : dayLimit * c.param("nightFactor");
        if (!(p.speed > limit)) { // also when the class has no limit (NaN)
            s.nightRunRaw.clear();
            return;
        }
        int n = (int) c.param("positions");
        s.nightRunRaw.add(p.raw);
        while (s.nightRunRaw.size() > n) {
            s.nightRunRaw.remove(0);
        }
        if (s.nightRunRaw.size() >= n) {
            out.collect(VehicleDetections.of(VehicleRules.NIGHT_SPEEDING, c.level, v, section, rules, p.ts, p.ts,
                    false, "Bus over the night speed limit: " + VehicleDetections.name(v),
                    "The " + v.describe() + " drove " + VehicleDetections.kmh(p.speed) + " at "
                            + VehicleDetections.clock(p.ts) + " local"
                            + (section == null ? "" : " on " + VehicleDetections.where(section))
                            + ", over the night limit of " + VehicleDetections.kmh(limit) + (section != null
                            ? " (the section's night limit" : " (" + Math.round(c.param("nightFactor") * 100)
                            + " % of " + VehicleDetections.kmh(dayLimit)) + ", 22:00-06:00): warn the driver to "
                            + "slow down.",
                    new ArrayList<>(s.nightRunRaw), p.lat, p.lon));
        }
    }

    private void fatigue(VehicleInfo v, VehicleState s, VehicleState.Pending p, RoadSection section,
                         Collector<Detection> out) {
        RuleConfig c = params.fatigue;
        if (c == null) {
            return;
        }
        long restMs = (long) (c.param("restMin") * 60_000);
        boolean moving = p.speed > c.param("movingKmh");
        if (s.lastTs == Long.MIN_VALUE || p.ts - s.lastTs >= restMs) {
            // no report for a whole rest period: the vehicle was parked with its terminal off
            s.drivingMs = 0;
            s.driveStartTs = Long.MIN_VALUE;
            s.stopSinceTs = Long.MIN_VALUE;
        } else if (s.lastSpeed > c.param("movingKmh")) {
            s.drivingMs += p.ts - s.lastTs;
        }
        if (!moving) {
            if (s.stopSinceTs == Long.MIN_VALUE) {
                s.stopSinceTs = p.ts;
            }
            if (p.ts - s.stopSinceTs >= restMs) {
                s.drivingMs = 0;
                s.driveStartTs = Long.MIN_VALUE;
            }
            return;
        }
        s.stopSinceTs = Long.MIN_VALUE;
        if (s.driveStartTs == Long.MIN_VALUE) {
            s.driveStartTs = p.ts;
            s.driveStartRaw = p.raw;
        }
        boolean night = VehicleClock.isNight(p.ts);
        double hours = night ? c.param("nightHours") : c.param("dayHours");
        if (s.drivingMs > hours * 3600_000) {
            long min = s.drivingMs / 60_000;
            out.collect(VehicleDetections.of(VehicleRules.FATIGUE, c.level, v, section, rules, s.driveStartTs, p.ts,
                    false, "Fatigue driving: " + VehicleDetections.name(v),
                    String.format(java.util.Locale.ROOT, "The %s has been driving %d h %02d min since %s without a "
                                    + "%d min stop, over the %s limit of %s h: order the driver to rest at the next "
                                    + "safe place (or relay drivers).", v.describe(), min / 60, min % 60,
                            VehicleDetections.clock(s.driveStartTs), (int) c.param("restMin"),
                            night ? "night (22:00-06:00)" : "daytime", trim(hours)),
                    List.of(s.driveStartRaw, p.raw), p.lat, p.lon));
        }
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private void suddenStop(VehicleInfo v, VehicleState s, VehicleState.Pending p, RoadSection section,
                            Collector<Detection> out) {
        RuleConfig c = params.stop;
        if (c == null || section == null) {
            s.fastTs = Long.MIN_VALUE;
            return;
        }
        if (p.speed > c.param("fromKmh")) {
            s.fastTs = p.ts;
            s.fastSpeed = p.speed;
            s.fastRaw = p.raw;
            return;
        }
        if (p.speed <= c.param("stopKmh") && s.fastTs != Long.MIN_VALUE
                && p.ts - s.fastTs <= c.param("windowSec") * 1000) {
            double sec = (p.ts - s.fastTs) / 1000.0;
            out.collect(VehicleDetections.of(VehicleRules.SUDDEN_STOP, c.level, v, section, rules, s.fastTs, p.ts,
                    false, "Sudden stop on dangerous section " + section.name() + ": " + VehicleDetections.name(v),
                    String.format(java.util.Locale.ROOT, "The %s went from %s to a stop within %.0f s on %s at %s: "
                                    + "a possible collision or blockage; call the driver, warn traffic behind and "
                                    + "send help if there is no answer.", v.describe(),
                            VehicleDetections.kmh(s.fastSpeed), sec, VehicleDetections.where(section),
                            VehicleDetections.clock(p.ts)),
                    List.of(s.fastRaw, p.raw), p.lat, p.lon));
            s.fastTs = Long.MIN_VALUE;
        }
    }

    private void runaway(VehicleInfo v, VehicleState s, VehicleState.Pending p, RoadSection section,
                         ReadOnlyContext ctx) {
        if (params.runaway == null || !(v.isBus() || v.isHazmat())) {
            return;
        }
        // "faster than the position before" only means accelerating when that position is recent: after a gap
        // longer than maxGapSec the position is no step, so the CEP pattern's consecutive steps are each at
        // most maxGapSec apart (the pattern's window alone bounds only the whole run)
        boolean step = section != null && section.isLongDownhill() && section.sectionId().equals(s.lastSectionId)
                && p.ts - s.lastTs <= params.runaway.param("maxGapSec") * 1000
                && section.isDownhill(s.lastFraction, p.fraction) && p.speed > section.speedLimitKmh()
                && p.speed > s.lastSpeed;
        if (step || s.lastWasRunaway) {
            VehicleSignal sig = new VehicleSignal();
            sig.kind = step ? "RUNAWAY_STEP" : "RUNAWAY_BREAK";
            sig.vehicleId = v.vehicleId;
            sig.vehicle = v;
            sig.sectionId = p.sectionId;
            sig.ts = p.ts;
            sig.speedKmh = p.speed;
            sig.lat = p.lat;
            sig.lon = p.lon;
            sig.raw = p.raw;
            ctx.output(SIGNALS, sig);
        }
        s.lastWasRunaway = step;
    }
}
