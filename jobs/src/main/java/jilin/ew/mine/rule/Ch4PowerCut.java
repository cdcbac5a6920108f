package jilin.ew.mine.rule;

import jilin.ew.alert.Detection;
import jilin.ew.mine.SensorInfo;
import jilin.ew.rules.RuleSet;

/**
 * MINE_CH4_POWER_CUT: a CH4 reading at or above its location's power-cut value; its alert stays open while
 * readings are at or above the restore value (docs/design.md section 6, {@link MineDetections#keepAliveFrom}).
 */
public final class Ch4PowerCut {
    public static final String ID = "MINE_CH4_POWER_CUT";

    private Ch4PowerCut() {}

    /** The alert of a reading in the POWER_CUT band (the caller classified it), or null when the rule is off. */
    public static Detection detect(SensorInfo info, double value, long ts, String raw, RuleSet rules) {
        return Ch4Breach.detect(ID, true, info, value, ts, raw, rules);
    }
}
