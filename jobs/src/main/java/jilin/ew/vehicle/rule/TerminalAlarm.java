package jilin.ew.vehicle.rule;

import java.util.List;
import jilin.ew.alert.Detection;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.VehiclePosition;
import jilin.ew.vehicle.Jt808Alarm;
import jilin.ew.vehicle.RoadSection;
import jilin.ew.vehicle.VehicleInfo;
import jilin.ew.vehicle.VehicleState;
import org.apache.flink.util.Collector;

/**
 * VEH_TERMINAL_ALARM: a JT/T 808 collision (bit 29) or rollover (bit 30) alarm in a position (docs/design.md
 * section 6, 11.4). A single-position rule: it alerts on arrival, never waiting for the watermark.
 */
public final class TerminalAlarm {
    public static final String ID = "VEH_TERMINAL_ALARM";

    private final RuleSet rules;
    private final RuleConfig c;

    /** The rule as the rule set configures it (off when the set has it disabled). */
    public TerminalAlarm(RuleSet rules) {
        this.rules = rules;
        this.c = VehicleDetections.on(rules, ID);
    }

    /** Alerts when the position's alarm flags carry a collision or rollover. */
    public void check(VehicleInfo v, VehiclePosition p, VehicleState.Pending q, RoadSection section,
                      Collector<Detection> out) {
        if (c == null || !Jt808Alarm.collisionOrRollover(p.alarmFlags)) {
            return;
        }
        List<String> bits = Jt808Alarm.names(p.alarmFlags);
        String what = bits.contains("ROLLOVER") && bits.contains("COLLISION") ? "collision and rollover"
                : bits.contains("ROLLOVER") ? "rollover" : "collision";
        out.collect(VehicleDetections.of(ID, c.level, v, section, rules,
                q.ts, q.ts, false, "Terminal " + what + " alarm: " + VehicleDetections.name(v),
                "The JT/T 808 terminal of the " + v.describe() + " reports a " + what + " (alarm bits "
                        + String.join(", ", bits) + ") at " + VehicleDetections.clock(q.ts) + ", "
                        + VehicleDetections.kmh(p.speedKmh) + ", at " + p.lat + ", " + p.lon
                        + (section == null ? "" : " on " + VehicleDetections.where(section))
                        + ": call the driver at once and dispatch rescue to the position.",
                List.of(q.raw), p.lat, p.lon));
    }
}
