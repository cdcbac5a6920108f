package jilin.ew.mine.rule;

import jilin.ew.alert.Detection;
import jilin.ew.mine.SensorInfo;
import jilin.ew.mine.SensorState;
import jilin.ew.mine.WaitingReading;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;

/**
 * MINE_SHUTDOWN_ACTIVITY: in a SHUTDOWN_LONG_TERM mine, a face CH4 sensor climbs climbPct above its minimum of
 * the window (docs/design.md sections 6 and 11.2).
 */
public final class ShutdownActivity {
    public static final String ID = "MINE_SHUTDOWN_ACTIVITY";

    private ShutdownActivity() {}

    /** The alert of a CH4 reading in event-time order, or null; keeps the sensor's window in {@code s}. */
    public static Detection check(SensorInfo info, SensorState s, WaitingReading p, RuleSet rules) {
        RuleConfig shut = rules.rules.get(ID);
        if (shut == null || !shut.enabled || !"SHUTDOWN_LONG_TERM".equals(info.mineStatus) || !isFaceLocation(info)) {
            return null;
        }
        double min = s.windowMin(p.ts, p.value, (long) (shut.param("windowSec") * 1000));
        if (p.value - min < shut.param("climbPct")) {
            return null;
        }
        Detection d = MineDetections.of(ID, shut.level, info, info.sensorId, rules,
                p.ts, p.ts, true, "Activity in a long-term-shutdown mine: " + info.mineId,
                "CH4 at the " + MineDetections.where(info) + " climbed from " + MineDetections.pct(min)
                        + " to " + MineDetections.pct(p.value) + " within "
                        + (int) (shut.param("windowSec") / 60) + " min although the mine is in long-term "
                        + "shutdown: send the on-site watch to check for illegal production.",
                s.recentRaw(info.sensorId));
        d.reading = p.value;
        return d;
    }

    private static boolean isFaceLocation(SensorInfo info) {
        switch (info.location) {
            case "WORKING_FACE":
            case "UPPER_CORNER":
            case "SHEARER":
            case "HEADING_FACE":
                return true;
            default:
                return false;
        }
    }
}
