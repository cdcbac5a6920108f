package jilin.ew.gas.rule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jilin.ew.alert.Detection;
import jilin.ew.gas.GasSignal;
import jilin.ew.gas.GasStation;
import jilin.ew.geo.Geo;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.Level;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.util.Collector;

/**
 * GAS_LEAK_SUSPECTED: a regulator station's pressure drop and a point's gas within the rule's distance and
 * window, in either order (docs/design.md section 6, 11.3). The point function sends the candidate readings
 * as {@link GasSignal}s; a Flink CEP pattern keyed by grid cell ({@link jilin.ew.gas.Cells}) matches them and
 * {@link ToDetection} turns a match into the alert about the station. Structure, distance and window are
 * fixed at deploy time; drop size and %LEL levels are read live, on each reading.
 */
public final class LeakSuspected {
    public static final String ID = "GAS_LEAK_SUSPECTED";

    private LeakSuspected() {}

    /** The rule's settings when the rule set has it switched on, else null (no reading is then a signal). */
    public static RuleConfig on(RuleSet rules) {
        return GasDetections.on(rules, ID);
    }

    /** A %LEL reading as a candidate gas signal, or null when it is below the rule's level. */
    public static GasSignal rise(RuleConfig c, GasStation s, Envelope e) {
        double v = e.gasReading.value;
        return v >= c.param("lelPct") ? GasSignal.of(GasSignal.LEL_RISE, s, e.ts, v, e.raw) : null;
    }

    /** True when the %LEL is at the level that makes a leak RED. */
    public static boolean red(RuleConfig c, double lelPct) {
        return lelPct >= c.param("redLelPct");
    }

    /** True for a point whose pressure can signal a drop: a regulator station with a nominal pressure. */
    public static boolean watchesPressure(GasStation s) {
        return s.isRegulatorStation() && s.nominalPressureMPa != null;
    }

    /** A watched station's pressure reading as a candidate drop signal, or null when it is not that far down. */
    public static GasSignal drop(RuleConfig c, GasStation s, Envelope e) {
        double v = e.gasReading.value;
        boolean drop = v <= s.nominalPressureMPa * (1 - c.param("pressureDropPct") / 100.0);
        return drop ? GasSignal.of(GasSignal.PRESSURE_DROP, s, e.ts, v, e.raw) : null;
    }

    /** How near a drop and gas must be; also sizes the grid cells the pattern is keyed by. */
    public static double distanceM(RuleSet rules) {
        return rules.rule(ID).param("distanceM");
    }

    /** A drop or a rise, then the other kind from a place within the rule's distance, within the window. */
    public static Pattern<GasSignal, ?> pattern(RuleSet rules) {
        RuleConfig c = rules.rule(ID);
        double distanceM = distanceM(rules);
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
            if (!rules.enabled(ID)) {
                return;
            }
            GasSignal first = match.get("first").get(0);
            GasSignal second = match.get("second").get(0);
            GasSignal drop = GasSignal.PRESSURE_DROP.equals(first.kind) ? first : second;
            GasSignal gas = drop == first ? second : first;
            RuleConfig c = rules.rule(ID);
            boolean red = red(c, gas.value);
            Level level = red ? Level.RED : c.level;
            GasStation station = drop.point;
            GasStation crowd = station.nearCrowdPlace ? station : gas.point;
            double dropPct = station.nominalPressureMPa == null ? Double.NaN
                    : 100 * (1 - drop.value / station.nominalPressureMPa);
            List<String> evidence = new ArrayList<>();
            evidence.add(first.raw);
            evidence.add(second.raw);
            out.collect(GasDetections.of(ID, level, station, crowd, rules,
                    Math.min(first.ts, second.ts), Math.max(first.ts, second.ts), true,
                    "Gas leak suspected near " + station.stationId,
                    String.format(Locale.ROOT, "Pressure at the %s fell to %s (%.0f %% below nominal) while the "
                                    + "%s, %.0f m away, read %s within %d s: a likely leak%s; close the feeding "
                                    + "valves, clear the area around %s and send the utility's emergency crew.",
                            station.describe(), GasDetections.mpa(drop.value), dropPct, gas.point.describe(),
                            distance(drop, gas), GasDetections.pct(gas.value),
                            Math.abs(second.ts - first.ts) / 1000,
                            red ? " with gas at the explosive second alarm level" : "", gas.point.stationId),
                    evidence));
        }
    }
}
