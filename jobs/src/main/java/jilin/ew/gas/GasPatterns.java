package jilin.ew.gas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jilin.ew.alert.Detection;
import jilin.ew.geo.Geo;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Level;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;

/**
 * The gas domain's Flink CEP pattern over {@link GasSignal}s keyed by grid cell ({@link Cells}): a station's
 * pressure drop and a point's gas within the rule's distance and window, in either order. Structure,
 * distance and window are fixed at deploy time; drop size and %LEL levels are read live by the classifier.
 */
public final class GasPatterns {
    private GasPatterns() {}

    /** A drop or a rise, then the other kind from a place within {@code distanceM}, within the window. */
    public static Pattern<GasSignal, ?> leak(RuleSet rules) {
        RuleConfig c = rules.rule(GasRules.LEAK_SUSPECTED);
        double distanceM = c.param("distanceM");
        return Pattern.<GasSignal>begin("first", AfterMatchSkipStrategy.skipPastLastEvent())
                .where(SimpleCondition.of(s -> true))
                .followedBy("second")
                .where(new IterativeCondition<GasSignal>() {
                    @Override
                    public boolean filter(GasSignal s, Context<GasSignal> ctx) throws Exception {
                        for (GasSignal f : ctx.getEventsForPattern("first")) {
                            if (!f.kind.equals(s.kind) && distance(f, s) <= distanceM) {
                                return true;
                            }
                        }
                        return false;
                    }
                })
                .within(Duration.ofSeconds((long) c.param("windowSec")));
    }

    static double distance(GasSignal a, GasSignal b) {
        return Geo.haversineMeters(a.point.lat, a.point.lon, b.point.lat, b.point.lon);
    }

    /** Turns a match into a GAS_LEAK_SUSPECTED detection about the regulator station. */
    public static class ToDetection extends PatternProcessFunction<GasSignal, Detection> {
        private static final long serialVersionUID = 1L;
        private final RuleSet rules;

        public ToDetection(RuleSet rules) {
            this.rules = rules;
        }

        @Override
        public void processMatch(Map<String, List<GasSignal>> match, Context ctx, Collector<Detection> out) {
            if (!rules.enabled(GasRules.LEAK_SUSPECTED)) {
                return;
            }
            GasSignal first = match.get("first").get(0);
            GasSignal second = match.get("second").get(0);
            GasSignal drop = GasSignal.PRESSURE_DROP.equals(first.kind) ? first : second;
            GasSignal gas = drop == first ? second : first;
            RuleConfig c = rules.rule(GasRules.LEAK_SUSPECTED);
            boolean red = gas.value >= c.param("redLelPct");
            Level level = red ? Level.RED : c.level;
            GasStation station = drop.point;
            GasStation crowd = station.nearCrowdPlace ? station : gas.point;
            double dropPct = station.nominalPressureMPa == null ? Double.NaN
                    : 100 * (1 - drop.value / station.nominalPressureMPa);
            List<String> evidence = new ArrayList<>();
            evidence.add(first.raw);
            evidence.add(second.raw);
            out.collect(GasDetections.of(GasRules.LEAK_SUSPECTED, level, station, crowd, rules,
                    Math.min(first.ts, second.ts), Math.max(first.ts, second.ts), true,
                    "Gas leak suspected near " + station.stationId,
                    String.format(Locale.ROOT, "Pressure at the %s fell to %s (%.0f %% below nominal) while the "
                                    + "%s, %.0f m away, read %s within %d s: a likely leak%s; close the feeding "
                                    + "valves, clear the area around %s and send the utility's emergency crew.",
                            station.describe(), GasDetections.mpa(drop.value), dropPct, gas.point.describe(),
                            GasPatterns.distance(drop, gas), GasDetections.pct(gas.value),
                            Math.abs(second.ts - first.ts) / 1000,
                            red ? " with gas at the explosive second alarm level" : "", gas.point.stationId),
                    evidence));
        }
    }
}
