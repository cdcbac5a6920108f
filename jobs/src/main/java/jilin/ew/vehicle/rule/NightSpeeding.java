package jilin.ew.vehicle.rule;

import java.util.ArrayList;
import jilin.ew.alert.Detection;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.vehicle.RoadSection;
import jilin.ew.vehicle.VehicleClock;
import jilin.ew.vehicle.VehicleInfo;
import jilin.ew.vehicle.VehicleState;
import org.apache.flink.util.Collector;

/**
 * VEH_NIGHT_SPEEDING: a bus 22:00-06:00 over its night limit on consecutive positions: a section's own night
 * limit, elsewhere the rule's nightFactor of the class limit (docs/design.md section 6, 11.4).
 */
public final class NightSpeeding {
    public static final String ID = "VEH_NIGHT_SPEEDING";

    private final RuleSet rules;
    private final RuleConfig c;
    private final ClassSpeeding classLimits;

    /** The rule as the rule set configures it; the day limit off a section is the class's, from {@code classLimits}. */
    public NightSpeeding(RuleSet rules, ClassSpeeding classLimits) {
        this.rules = rules;
        this.c = VehicleDetections.on(rules, ID);
        this.classLimits = classLimits;
    }

    /** The next position in event-time order; {@code section} is the one it lies on, or null. */
    public void check(VehicleInfo v, VehicleState s, VehicleState.Pending p, RoadSection section,
                      Collector<Detection> out) {
        if (c == null || !v.isBus() || !VehicleClock.isNight(p.ts)) {
            s.nightRunRaw.clear();
            return;
        }
        double dayLimit = section != null ? section.speedLimitKmh() : classLimits.maxSpeed(v);
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
            out.collect(VehicleDetections.of(ID, c.level, v, section, rules, p.ts, p.ts,
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
}
