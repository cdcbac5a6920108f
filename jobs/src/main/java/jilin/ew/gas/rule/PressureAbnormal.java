package jilin.ew.gas.rule;

import java.util.List;
import jilin.ew.alert.Detection;
import jilin.ew.gas.GasStation;
import jilin.ew.gas.PressureClass;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Envelope;
import org.apache.flink.util.Collector;

/** GAS_PRESSURE_ABNORMAL: a pressure outside its point's pressure class (GB 50028, docs/design.md section 6, 11.3). */
public final class PressureAbnormal {
    public static final String ID = "GAS_PRESSURE_ABNORMAL";

    private PressureAbnormal() {}

    /** Alerts on a pressure reading outside the band the rule set in force gives the point's class. */
    public static void check(RuleSet rules, GasStation s, Envelope e, Collector<Detection> out) {
        double v = e.gasReading.value;
        PressureClass pc = PressureClass.of(s.pressureClass, rules); // the band in force: live with the rule set
        RuleConfig c = GasDetections.on(rules, ID);
        if (pc == null || c == null || pc.contains(v)) {
            return;
        }
        boolean over = v >= pc.maxMPa();
        out.collect(GasDetections.of(ID, c.level, s, s, rules, e.ts, e.ts, false,
                "Pressure " + (over ? "above" : "below") + " its class at " + s.stationId,
                "The " + s.describe() + " reads " + GasDetections.mpa(v) + ", " + (over ? "above" : "below")
                        + " its " + pc.name() + " class (" + pc.minMPa() + "-" + pc.maxMPa() + " MPa, GB 50028): "
                        + (over ? "a regulator may have failed open; check the station and protect the "
                        + "downstream lines." : "the line may be losing gas or a regulator failed closed; "
                        + "check downstream for leaks and supply loss."), List.of(e.raw)));
    }
}
