package jilin.ew.gas.rule;

import java.util.List;
import jilin.ew.alert.Detection;
import jilin.ew.gas.GasStation;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Envelope;
import org.apache.flink.util.Collector;

/**
 * GAS_LEL_LEVEL1: a %LEL reading at or above the first-level alarm, or in a utility-tunnel gas compartment the
 * ventilation level (GB/T 50493, docs/design.md section 6, 11.3).
 */
public final class LelLevel1 {
    public static final String ID = "GAS_LEL_LEVEL1";

    private LelLevel1() {}

    /** Alerts on a %LEL reading at or above the point's first level; called only when {@link LelLevel2} did not. */
    public static void check(RuleSet rules, GasStation s, Envelope e, Collector<Detection> out) {
        double v = e.gasReading.value;
        RuleConfig c = GasDetections.on(rules, ID);
        if (c == null) {
            return;
        }
        boolean tunnel = "UTILITY_TUNNEL".equals(s.kind);
        double level = tunnel ? c.param("utilityTunnelLelPct", c.param("lelPct")) : c.param("lelPct");
        if (v >= level) {
            out.collect(GasDetections.of(ID, c.level, s, s, rules, e.ts, e.ts, false,
                    "Gas at the first alarm level at " + s.stationId,
                    "The " + s.describe() + " reads " + GasDetections.pct(v) + ", at or above the "
                            + (tunnel ? "utility-tunnel ventilation level of " : "first-level alarm of ")
                            + GasDetections.pct(level) + (tunnel
                            ? ": start forced ventilation of the compartment and find the source."
                            : " (GB/T 50493): send a crew to find the source, ventilate and keep ignition "
                            + "sources away."), List.of(e.raw)));
        }
    }
}
