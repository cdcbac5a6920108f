package jilin.ew.vehicle.rule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jilin.ew.alert.Detection;
import jilin.ew.rules.ClassDefaults;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.VehiclePosition;
import jilin.ew.vehicle.RoadSection;
import jilin.ew.vehicle.VehicleInfo;
import jilin.ew.vehicle.VehicleState;
import org.apache.flink.util.Collector;

/**
 * VEH_CLASS_SPEEDING: over the vehicle class's speed limit (the rule set's classDefaults), BLUE on each such
 * position as it arrives, raised when the run is sustained in event-time order (docs/design.md section 6, 11.4).
 * Also the one place the class limits are read, for {@link NightSpeeding} too.
 */
public final class ClassSpeeding {
    public static final String ID = "VEH_CLASS_SPEEDING";
    /** classDefaults parameter of a vehicle class: its speed limit, read by class and night speeding. */
    public static final String MAX_SPEED_KMH = "maxSpeedKmh";

    private final RuleSet rules;
    private final RuleConfig c;
    /** The class speed limits (classDefaults maxSpeedKmh) by vehicle class; the only place they are set. */
    private final Map<String, Double> classLimits = new HashMap<>();

    /** The rule and the class limits as the rule set configures them. */
    public ClassSpeeding(RuleSet rules) {
        this.rules = rules;
        this.c = VehicleDetections.on(rules, ID);
        for (String k : List.of(VehicleInfo.HAZMAT_TRUCK, VehicleInfo.LONG_DISTANCE_BUS, VehicleInfo.TOURIST_COACH)) {
            ClassDefaults d = rules.classDefaults(k);
            classLimits.put(k, d == null ? Double.NaN : d.param(MAX_SPEED_KMH, Double.NaN));
        }
    }

    /** The vehicle's class speed limit (classDefaults), or NaN for a class without one. */
    double maxSpeed(VehicleInfo v) {
        Double limit = v.vehicleClass == null ? null : classLimits.get(v.vehicleClass);
        return limit == null ? Double.NaN : limit;
    }

    /** The class speed limit when this rule is on, or NaN. */
    private double limit(VehicleInfo v) {
        return c == null ? Double.NaN : maxSpeed(v);
    }

    /** On arrival: one position over the class limit. */
    public void check(VehicleInfo v, VehiclePosition p, VehicleState.Pending q, RoadSection section,
                      Collector<Detection> out) {
        double limit = limit(v);
        if (!Double.isNaN(limit) && p.speedKmh > limit) {
            out.collect(VehicleDetections.of(ID, c.level, v, section, rules, q.ts,
                    q.ts, false, "Over the class speed limit: " + VehicleDetections.name(v),
                    "The " + v.describe() + " drove " + VehicleDetections.kmh(p.speedKmh) + " at "
                            + VehicleDetections.clock(q.ts) + ", over the " + VehicleDetections.kmh(limit)
                            + " limit for its class: warn the driver through the terminal.",
                    List.of(q.raw), p.lat, p.lon));
        }
    }

    /** In event-time order: over the class limit without a break for the rule's sustainedSec. */
    public void sustained(VehicleInfo v, VehicleState s, VehicleState.Pending p, RoadSection section,
                          Collector<Detection> out) {
        double limit = limit(v);
        if (Double.isNaN(limit) || !(p.speed > limit)) {
            s.classOverSince = Long.MIN_VALUE;
            s.classOverFirstRaw = null;
            return;
        }
        if (s.classOverSince != Long.MIN_VALUE && p.ts - s.lastTs > c.param("maxGapSec") * 1000) {
            s.classOverSince = Long.MIN_VALUE; // a gap in the reports: the run is not known to be sustained
        }
        if (s.classOverSince == Long.MIN_VALUE) {
            s.classOverSince = p.ts;
            s.classOverFirstRaw = p.raw;
        }
        long sustained = p.ts - s.classOverSince;
        if (sustained >= c.param("sustainedSec") * 1000) {
            out.collect(VehicleDetections.of(ID,
                    c.level.raise((int) c.param("sustainedLevelSteps", 1)), v, section, rules, s.classOverSince, p.ts,
                    false, "Sustained speeding: " + VehicleDetections.name(v),
                    "The " + v.describe() + " has driven over the " + VehicleDetections.kmh(limit)
                            + " limit for its class for " + sustained / 1000 + " s since "
                            + VehicleDetections.clock(s.classOverSince) + ", now " + VehicleDetections.kmh(p.speed)
                            + ": order the driver to slow down; inform the operator.",
                    List.of(s.classOverFirstRaw, p.raw), p.lat, p.lon));
        }
    }
}
