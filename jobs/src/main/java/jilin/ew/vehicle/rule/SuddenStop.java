package jilin.ew.vehicle.rule;

import java.util.List;
import java.util.Locale;
import jilin.ew.alert.Detection;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.vehicle.RoadSection;
import jilin.ew.vehicle.VehicleInfo;
import jilin.ew.vehicle.VehicleState;
import org.apache.flink.util.Collector;

/**
 * VEH_SUDDEN_STOP: from over the rule's speed to a stop within its window on a dangerous section
 * (docs/design.md section 6). A two-field state machine rather than a CEP pattern: it needs only the last fast
 * position on a section, while CEP would need every such position as a signal (most traffic on a section is
 * over 40 km/h), which is not a sparse stream.
 */
public final class SuddenStop {
    public static final String ID = "VEH_SUDDEN_STOP";

    private final RuleSet rules;
    private final RuleConfig c;

    /** The rule as the rule set configures it (off when the set has it disabled). */
    public SuddenStop(RuleSet rules) {
        this.rules = rules;
        this.c = VehicleDetections.on(rules, ID);
    }

    /** The next position in event-time order; {@code section} is the one it lies on, or null. */
    public void check(VehicleInfo v, VehicleState s, VehicleState.Pending p, RoadSection section,
                      Collector<Detection> out) {
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
            out.collect(VehicleDetections.of(ID, c.level, v, section, rules, s.fastTs, p.ts,
                    false, "Sudden stop on dangerous section " + section.name() + ": " + VehicleDetections.name(v),
                    String.format(Locale.ROOT, "The %s went from %s to a stop within %.0f s on %s at %s: "
                                    + "a possible collision or blockage; call the driver, warn traffic behind and "
                                    + "send help if there is no answer.", v.describe(),
                            VehicleDetections.kmh(s.fastSpeed), sec, VehicleDetections.where(section),
                            VehicleDetections.clock(p.ts)),
                    List.of(s.fastRaw, p.raw), p.lat, p.lon));
            s.fastTs = Long.MIN_VALUE;
        }
    }
}
