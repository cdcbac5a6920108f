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

    /** The rule's window and climb as its check compares them; null when the rule is off or not in the set. */
    private record Climb(long windowMs, double climbPct) {}

    private static final RuleSet.Derived<Climb> CLIMB = RuleSet.Derived.of(rules -> {
        RuleConfig shut = rules.rules().get(ID);
        return shut == null || !shut.enabled() ? null
                : new Climb((long) (shut.param("windowSec") * 1000), shut.param("climbPct"));
    });

    private ShutdownActivity() {}

    /** The alert of a CH4 reading in event-time order, or null; keeps the sensor's window in {@code s}. */
    public static Detection check(SensorInfo info, SensorState s, WaitingReading p, RuleSet rules) {
        Climb climb = CLIMB.of(rules);
        if (climb == null || !"SHUTDOWN_LONG_TERM".equals(info.mineStatus) || !isFaceLocation(info)) {
            return null;
        }
        double min = s.windowMin(p.ts, p.value, climb.windowMs());
        if (p.value - min < climb.climbPct()) {
            return null;
        }
        RuleConfig shut = rules.rule(ID);
        Detection d = MineDetections.of(ID, shut.level(), info, info.sensorId, rules,
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
