package jilin.ew.mine.rule;

import java.util.List;
import jilin.ew.alert.Detection;
import jilin.ew.mine.SensorInfo;
import jilin.ew.mine.SensorState;
import jilin.ew.mine.WaitingReading;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Times;

/**
 * MINE_SENSOR_SILENT: no usable reading for `cycles` polling cycles (docs/design.md section 6). The per-sensor
 * function owns the deadline's timer; this says when the deadline is and what the alert and its clear say.
 */
public final class SensorSilent {
    public static final String ID = "MINE_SENSOR_SILENT";

    /** How long a sensor may be silent, ms; null when the rule set lacks the rule. */
    private static final RuleSet.Derived<Long> SILENCE_MS = RuleSet.Derived.of(rules -> {
        RuleConfig silent = rules.rules().get(ID);
        return silent == null ? null : (long) (silent.param("pollingCycleSec") * silent.param("cycles") * 1000);
    });

    private SensorSilent() {}

    /** The silence deadline after a usable reading at {@code ts}; Long.MIN_VALUE when the rule set lacks the rule. */
    public static long deadline(long ts, RuleSet rules) {
        Long silence = SILENCE_MS.of(rules);
        return silence == null ? Long.MIN_VALUE : ts + silence;
    }

    /** The alert of a sensor whose deadline has passed, once per silence (marks {@code s}), or null. */
    public static Detection detect(SensorInfo info, SensorState s, RuleSet rules) {
        if (s.silenceDeadline == Long.MIN_VALUE || s.silentAlerted || !rules.enabled(ID)) {
            return null;
        }
        RuleConfig c = rules.rule(ID);
        s.silentAlerted = true;
        Detection d = MineDetections.of(ID, c.level(), info, info.sensorId, rules,
                s.lastTs, s.silenceDeadline, false, "Sensor silent: " + info.sensorId,
                "No usable reading from the " + MineDetections.where(info) + " since "
                        + Times.format(s.lastTs) + " (" + (int) c.param("cycles") + " polling cycles of "
                        + (int) c.param("pollingCycleSec") + " s): treat the area as unmonitored, cut power "
                        + "and check the sensor and its line.",
                s.recentRaw(info.sensorId));
        d.holdOpen = true;
        return d;
    }

    /** The clear of a silent sensor's alert by a usable reading (unmarks {@code s}), or null if it was not silent. */
    public static Detection reportsAgain(SensorInfo info, SensorState s, WaitingReading p, RuleSet rules) {
        if (!s.silentAlerted) {
            return null;
        }
        s.silentAlerted = false;
        Detection clear = MineDetections.of(ID, rules.level(ID), info,
                info.sensorId, rules, p.ts, p.ts, false, "Sensor reporting again: " + info.sensorId,
                "The " + MineDetections.where(info) + " reports again.", List.of(p.raw(info.sensorId)));
        clear.clear = true;
        return clear;
    }
}
