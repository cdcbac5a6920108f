package jilin.ew.vehicle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jilin.ew.alert.Detection;
import jilin.ew.rules.Reference;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;

/**
 * The vehicle domain's Flink CEP pattern over {@link VehicleSignal}s (downhill runaway) and the function
 * that turns its matches into detections. Structure fixed at deploy time; numbers from the rule set.
 */
public final class VehiclePatterns {
    private VehiclePatterns() {}

    /** `positions` consecutive runaway steps of one vehicle (downhill, past the limit, each faster). */
    public static Pattern<VehicleSignal, ?> runaway(RuleSet rules) {
        RuleConfig c = rules.rule(VehicleRules.DOWNHILL_RUNAWAY);
        int n = (int) c.param("positions");
        return Pattern.<VehicleSignal>begin("rise", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> "RUNAWAY_STEP".equals(s.kind)))
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
            if (!rules.enabled(VehicleRules.DOWNHILL_RUNAWAY)) {
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
            out.collect(VehicleDetections.of(VehicleRules.DOWNHILL_RUNAWAY, rules.level(VehicleRules.DOWNHILL_RUNAWAY),
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
