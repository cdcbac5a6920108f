package jilin.ew.vehicle.rule;

import java.util.List;
import java.util.Locale;
import jilin.ew.alert.Detection;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.vehicle.RoadSection;
import jilin.ew.vehicle.VehicleClock;
import jilin.ew.vehicle.VehicleInfo;
import jilin.ew.vehicle.VehicleState;
import org.apache.flink.util.Collector;

/**
 * VEH_FATIGUE: continuous driving over the day or night limit without a stop of the rule's rest length
 * (docs/design.md section 6, 11.4). Accumulates driving time in the vehicle's state.
 */
public final class Fatigue {
    public static final String ID = "VEH_FATIGUE";

    private final RuleSet rules;
    private final RuleConfig c;

    /** The rule as the rule set configures it (off when the set has it disabled). */
    public Fatigue(RuleSet rules) {
        this.rules = rules;
        this.c = VehicleDetections.on(rules, ID);
    }

    /** The next position in event-time order (the state's last position is the one before it). */
    public void check(VehicleInfo v, VehicleState s, VehicleState.Pending p, RoadSection section,
                      Collector<Detection> out) {
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
            out.collect(VehicleDetections.of(ID, c.level, v, section, rules, s.driveStartTs, p.ts,
                    false, "Fatigue driving: " + VehicleDetections.name(v),
                    String.format(Locale.ROOT, "The %s has been driving %d h %02d min since %s without a "
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
}
