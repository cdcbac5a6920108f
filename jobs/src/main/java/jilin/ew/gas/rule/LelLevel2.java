package jilin.ew.gas.rule;

import java.util.List;
import jilin.ew.alert.Detection;
import jilin.ew.gas.GasStation;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Envelope;
import org.apache.flink.util.Collector;

/** GAS_LEL_LEVEL2: a %LEL reading at or above the second-level alarm (GB/T 50493, docs/design.md section 6, 11.3). */
public final class LelLevel2 {
    public static final String ID = "GAS_LEL_LEVEL2";

    private LelLevel2() {}

    /** Alerts on a %LEL reading at or above the level; true when it did (the first level then stays quiet). */
    public static boolean check(RuleSet rules, GasStation s, Envelope e, Collector<Detection> out) {
        double v = e.gasReading.value;
        RuleConfig c = GasDetections.on(rules, ID);
        if (c == null || !(v >= c.param("lelPct"))) {
            return false;
        }
        out.collect(GasDetections.of(ID, c.level, s, s, rules, e.ts, e.ts, false,
                "Gas at the second alarm level at " + s.stationId,
                "The " + s.describe() + " reads " + GasDetections.pct(v) + ", at or above the second-level "
                        + "alarm of " + GasDetections.pct(c.param("lelPct")) + " (GB/T 50493): clear people "
                        + "from around it, close the section's valves, keep ignition sources away and send "
                        + "the utility's emergency crew.", List.of(e.raw)));
        return true;
    }
}
