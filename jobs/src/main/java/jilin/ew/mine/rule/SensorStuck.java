package jilin.ew.mine.rule;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import jilin.ew.alert.Detection;
import jilin.ew.mine.MineSignal;
import jilin.ew.mine.MineSignal.Kind;
import jilin.ew.mine.SensorInfo;
import jilin.ew.mine.SensorState;
import jilin.ew.mine.WaitingReading;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Times;

/**
 * MINE_SENSOR_STUCK: the same value for durationSec while another sensor of the district varies (docs/design.md
 * section 6). Each sensor's readings give STUCK, VARY and UNSTUCK signals; the district's operator
 * ({@link jilin.ew.mine.StuckDetector}) keeps when each sensor last varied and asks {@link #otherVarying}.
 */
public final class SensorStuck {
    public static final String ID = "MINE_SENSOR_STUCK";
    /** The signals the district's check reads (an EnumSet: a signal of no kind is in none). */
    public static final Set<Kind> INPUTS = Collections.unmodifiableSet(EnumSet.of(Kind.STUCK, Kind.VARY, Kind.UNSTUCK));

    /** The rule's spans in ms, as its checks compare them; null when the rule is off or not in the set. */
    private record Spans(double durationMs, double varyCadenceMs) {}

    private static final RuleSet.Derived<Spans> SPANS = RuleSet.Derived.of(rules -> {
        RuleConfig stuck = rules.rules().get(ID);
        return stuck == null || !stuck.enabled() ? null
                : new Spans(stuck.param("durationSec") * 1000, stuck.param("varyCadenceSec") * 1000);
    });

    private SensorStuck() {}

    /** The stuck and vary signals of a reading in event-time order, to {@code emit}; keeps {@code s}'s stuck fields. */
    public static void signals(SensorInfo info, SensorState s, WaitingReading p, RuleSet rules,
                               Consumer<MineSignal> emit) {
        Spans stuck = SPANS.of(rules);
        if (stuck == null) {
            return;
        }
        if (p.value == s.stuckValue) {
            if (!s.stuckSignalled && p.ts - s.stuckSince >= stuck.durationMs()) {
                MineSignal sig = MineSignal.of(Kind.STUCK, info, p.ts, p.value, p.raw(info.sensorId), rules.version());
                sig.since = s.stuckSince;
                emit.accept(sig);
                s.stuckSignalled = true;
            }
        } else {
            if (s.stuckSignalled) {
                // the clear takes the stuck alert's own path (StuckDetector), so it cannot overtake the alert
                emit.accept(MineSignal.of(Kind.UNSTUCK, info, p.ts, p.value, p.raw(info.sensorId), rules.version()));
            }
            // a sensor's first value is no variation: a district whose sensors all repeat one value from the
            // start must not count as varying
            boolean changed = !Double.isNaN(s.stuckValue);
            s.stuckValue = p.value;
            s.stuckSince = p.ts;
            s.stuckSignalled = false;
            if (changed && (s.lastVaryTs == Long.MIN_VALUE
                    || p.ts - s.lastVaryTs >= stuck.varyCadenceMs())) {
                emit.accept(MineSignal.of(Kind.VARY, info, p.ts, p.value, p.raw(info.sensorId), rules.version()));
                s.lastVaryTs = p.ts;
            }
        }
    }

    /** Another sensor of the district that varied since the stuck one stopped changing, or null. */
    public static String otherVarying(MineSignal stuck, Iterable<Map.Entry<String, Long>> lastVary) {
        for (Map.Entry<String, Long> e : lastVary) {
            if (!e.getKey().equals(stuck.sensorId) && e.getValue() >= stuck.since) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The alert of a STUCK signal, {@code other} the district's sensor that varied meanwhile. */
    public static Detection detect(MineSignal s, String other, SensorInfo info, RuleSet rules) {
        RuleConfig c = rules.rule(ID);
        Detection d = MineDetections.of(ID, c.level(), info, info.sensorId, rules, s.since, s.ts, true,
                "Sensor stuck: " + info.sensorId,
                "The " + MineDetections.where(info) + " has reported exactly " + s.value + " since "
                        + Times.format(s.since) + " while " + other + " in the same district varies: the sensor "
                        + "is likely stuck; check and recalibrate it, treat its area as unmonitored meanwhile.",
                List.of(s.raw));
        d.holdOpen = true; // open until the sensor varies again
        return d;
    }

    /** The clear of an UNSTUCK signal: the sensor varies again (the lifecycle ignores it if no alert is open). */
    public static Detection unstuck(MineSignal s, SensorInfo info, RuleSet rules) {
        Detection clear = MineDetections.of(ID, rules.level(ID), info,
                info.sensorId, rules, s.ts, s.ts, false, "Sensor varies again: " + info.sensorId,
                "The " + MineDetections.where(info) + " reports changing values again.", List.of(s.raw));
        clear.clear = true;
        return clear;
    }
}
