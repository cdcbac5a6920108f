package jilin.ew.vehicle.rule;

import java.util.List;
import jilin.ew.alert.Detection;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.vehicle.RoadSection;
import jilin.ew.vehicle.VehicleClock;
import jilin.ew.vehicle.VehicleInfo;
import jilin.ew.vehicle.VehicleState;
import org.apache.flink.util.Collector;

/**
 * VEH_NIGHT_BAN: a long-distance bus on a trip over the rule's length moving 02:00-05:00 local
 * (docs/design.md section 6, 11.4).
 */
public final class NightBan {
    public static final String ID = "VEH_NIGHT_BAN";

    private final RuleSet rules;
    private final RuleConfig c;

    /** The rule as the rule set configures it (off when the set has it disabled). */
    public NightBan(RuleSet rules) {
        this.rules = rules;
        this.c = VehicleDetections.on(rules, ID);
    }

    /** The next position in event-time order; {@code section} is the one it lies on, or null. */
    public void check(VehicleInfo v, VehicleState.Pending p, RoadSection section, Collector<Detection> out) {
        if (c != null && VehicleInfo.LONG_DISTANCE_BUS.equals(v.vehicleClass) && v.tripKm != null
                && v.tripKm > c.param("tripKmOver") && p.speed > c.param("movingKmh")
                && VehicleClock.isNightBanWindow(p.ts)) {
            out.collect(VehicleDetections.of(ID, c.level, v, section, rules, p.ts, p.ts, false,
                    "Long-distance bus moving in the 02:00-05:00 stop window: " + VehicleDetections.name(v),
                    "The " + v.describe() + " on a " + Math.round(v.tripKm) + " km trip is moving at "
                            + VehicleDetections.kmh(p.speed) + " at " + VehicleDetections.clock(p.ts)
                            + " local: long-distance buses must stop (or relay drivers) from 02:00 to 05:00; order "
                            + "it to stop at the next safe place.",
                    List.of(p.raw), p.lat, p.lon));
        }
    }
}
