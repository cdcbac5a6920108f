package jilin.ew.vehicle.rule;

import java.util.ArrayList;
import java.util.Map;
import jilin.ew.alert.Detection;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Level;
import jilin.ew.vehicle.RoadSection;
import jilin.ew.vehicle.VehicleInfo;
import jilin.ew.vehicle.VehicleState;
import org.apache.flink.util.Collector;

/**
 * VEH_SECTION_SPEEDING: over a dangerous section's posted limit on consecutive positions, raised when every
 * one is far over; cleared when the vehicle leaves the section (docs/design.md section 6, 11.4).
 */
public final class SectionSpeeding {
    public static final String ID = "VEH_SECTION_SPEEDING";

    private final RuleSet rules;
    private final RuleConfig c;
    private final Map<String, RoadSection> sections;

    /** The rule as the rule set configures it, over the sections by id (to name the one left). */
    public SectionSpeeding(RuleSet rules, Map<String, RoadSection> sections) {
        this.rules = rules;
        this.c = VehicleDetections.on(rules, ID);
        this.sections = sections;
    }

    /** The next position in event-time order; {@code section} is the one it lies on, or null. */
    public void check(VehicleInfo v, VehicleState s, VehicleState.Pending p, RoadSection section,
                      Collector<Detection> out) {
        if (s.sectionAlertedId != null && !s.sectionAlertedId.equals(p.sectionId)) {
            RoadSection left = sections.get(s.sectionAlertedId);
            if (c != null && left != null) {
                out.collect(VehicleDetections.clear(ID, c.level, v, left, rules, p.ts,
                        "The " + v.describe() + " has left " + VehicleDetections.where(left) + ".", p.raw,
                        p.lat, p.lon));
            }
            s.sectionAlertedId = null;
        }
        if (c == null || section == null || !(p.speed > section.speedLimitKmh())) {
            s.sectionRunRaw.clear();
            s.sectionRunSpeed.clear();
            s.sectionRunId = null;
            return;
        }
        if (!section.sectionId().equals(s.sectionRunId)) {
            s.sectionRunRaw.clear();
            s.sectionRunSpeed.clear();
            s.sectionRunId = section.sectionId();
        }
        int n = (int) c.param("positions");
        s.sectionRunRaw.add(p.raw);
        s.sectionRunSpeed.add(p.speed);
        while (s.sectionRunRaw.size() > n) {
            s.sectionRunRaw.remove(0);
            s.sectionRunSpeed.remove(0);
        }
        if (s.sectionRunRaw.size() < n) {
            return;
        }
        double min = Double.MAX_VALUE;
        StringBuilder speeds = new StringBuilder();
        for (double x : s.sectionRunSpeed) {
            min = Math.min(min, x);
            speeds.append(speeds.length() == 0 ? "" : ", ").append(VehicleDetections.kmh(x));
        }
        int limit = section.speedLimitKmh();
        boolean far = min > limit * (1 + c.param("orangeOverPct") / 100.0);
        Level level = far ? c.level.raise((int) c.param("orangeLevelSteps", 1)) : c.level;
        s.sectionAlertedId = section.sectionId();
        out.collect(VehicleDetections.of(ID, level, v, section, rules, p.ts, p.ts, false,
                "Speeding on dangerous section " + section.name() + ": " + VehicleDetections.name(v),
                "The " + v.describe() + " drove " + speeds + " on " + n + " consecutive positions on "
                        + VehicleDetections.where(section) + ", where the limit is " + limit + " km/h"
                        + (far ? " (more than " + (int) c.param("orangeOverPct") + " % over)" : "")
                        + ": call the driver to slow down at once.",
                new ArrayList<>(s.sectionRunRaw), p.lat, p.lon));
    }
}
