package jilin.ew.vehicle.rule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jilin.ew.alert.Detection;
import jilin.ew.rules.Reference;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.vehicle.RoadSection;
import jilin.ew.vehicle.RoadSections;
import jilin.ew.vehicle.VehicleInfo;
import jilin.ew.vehicle.VehicleSignal;
import jilin.ew.vehicle.VehicleState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;

/**
 * VEH_DOWNHILL_RUNAWAY: a hazmat truck or bus on a long-downhill section gaining speed past the limit over
 * consecutive positions (docs/design.md section 6, 11.4). The vehicle function sends the steps as
 * {@link VehicleSignal}s; a Flink CEP pattern (structure fixed at deploy time, numbers from the rule set)
 * matches them and {@link ToDetection} turns a match into the alert.
 */
public final class DownhillRunaway {
    public static final String ID = "VEH_DOWNHILL_RUNAWAY";
    /** Signal kind: downhill, past the limit, faster than the position before. */
    static final String STEP = "RUNAWAY_STEP";
    /** Signal kind: the first position after a step that is none, which breaks the pattern's run. */
    static final String BREAK = "RUNAWAY_BREAK";

    private final RuleConfig c;

    /** The rule as the rule set configures it (off when the set has it disabled). */
    public DownhillRunaway(RuleSet rules) {
        this.c = VehicleDetections.on(rules, ID);
    }

    /**
     * The signal the next position in event-time order sends to the pattern (a step, or the break after one),
     * or null; before the state's last position moves on to {@code p}.
     */
    public VehicleSignal signal(VehicleInfo v, VehicleState s, VehicleState.Pending p, RoadSection section) {
        if (c == null || !(v.isBus() || v.isHazmat())) {
            return null;
        }
        // "faster than the position before" only means accelerating when that position is recent: after a gap
        // longer than maxGapSec the position is no step, so the CEP pattern's consecutive steps are each at
        // most maxGapSec apart (the pattern's window alone bounds only the whole run)
        boolean step = section != null && section.isLongDownhill() && section.sectionId().equals(s.lastSectionId)
                && p.ts - s.lastTs <= c.param("maxGapSec") * 1000
                && section.isDownhill(s.lastFraction, p.fraction) && p.speed > section.speedLimitKmh()
                && p.speed > s.lastSpeed;
        VehicleSignal sig = null;
        if (step || s.lastWasRunaway) {
            sig = new VehicleSignal();
            sig.kind = step ? STEP : BREAK;
            sig.vehicleId = v.vehicleId;
            sig.vehicle = v;
            sig.sectionId = p.sectionId;
            sig.ts = p.ts;
            sig.speedKmh = p.speed;
            sig.lat = p.lat;
            sig.lon = p.lon;
            sig.raw = p.raw;
        }
        s.lastWasRunaway = step;
        return sig;
    }

    /** `positions` consecutive runaway steps of one vehicle (downhill, past the limit, each faster). */
    public static Pattern<VehicleSignal, ?> pattern(RuleSet rules) {
        RuleConfig c = rules.rule(ID);
        int n = (int) c.param("positions");
        return Pattern.<VehicleSignal>begin("rise", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> STEP.equals(s.kind)))
                .times(n).consecutive()
                .within(Duration.ofSeconds((long) (c.param("maxGapSec") * n)));
    }

    /** Turns runaway matches into detections. */
    public static class ToDetection extends PatternProcessFunction<VehicleSignal, Detection> {
        private static final long serialVersionUID = 1L;
        private final RuleSet rules;
        private final Reference reference;
        private transient Map<String, RoadSection> sections;

        public ToDetection(RuleSet rules, Reference reference) {
            this.rules = rules;
            this.reference = reference;
        }

        @Override
        public void open(OpenContext ctx) {
            sections = new HashMap<>();
            for (RoadSection s : reference.seedDirectory().map(RoadSections::fromDirectory)
                    .orElseGet(RoadSections::defaults)) {
                sections.put(s.sectionId(), s);
            }
        }

        @Override
        public void processMatch(Map<String, List<VehicleSignal>> match, Context ctx, Collector<Detection> out) {
            if (!rules.enabled(ID)) {
                return;
            }
            List<VehicleSignal> all = new ArrayList<>(match.get("rise"));
            all.sort((x, y) -> Long.compare(x.ts, y.ts));
            VehicleSignal first = all.get(0);
            VehicleSignal last = all.get(all.size() - 1);
            RoadSection section = sections.get(last.sectionId);
            List<String> evidence = new ArrayList<>();
            StringBuilder speeds = new StringBuilder();
            for (VehicleSignal s : all) {
                evidence.add(s.raw);
                speeds.append(speeds.length() == 0 ? "" : " -> ").append(VehicleDetections.kmh(s.speedKmh));
            }
            VehicleInfo v = last.vehicle;
            String where = section == null ? last.sectionId : VehicleDetections.where(section);
            String limit = section == null ? "" : " past the " + section.speedLimitKmh() + " km/h limit";
            out.collect(VehicleDetections.of(ID, rules.level(ID),
                    v, section, rules, first.ts, last.ts, true,
                    "Possible runaway on long downhill " + (section == null ? last.sectionId : section.name()) + ": "
                            + VehicleDetections.name(v),
                    "The " + v.describe() + " is gaining speed downhill on " + where + ": " + speeds + limit
                            + " on " + all.size() + " consecutive positions, a sign of brake failure: call the "
                            + "driver to use the escape ramp or engine brake, and warn traffic ahead.",
                    evidence, last.lat, last.lon));
        }
    }
}
