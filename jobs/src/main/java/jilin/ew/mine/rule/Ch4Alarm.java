package jilin.ew.mine.rule;

import jilin.ew.alert.Detection;
import jilin.ew.mine.SensorInfo;
import jilin.ew.rules.RuleSet;

/** MINE_CH4_ALARM: a CH4 reading at or above its location's alarm value (docs/design.md section 6). */
public final class Ch4Alarm {
    public static final String ID = "MINE_CH4_ALARM";

    private Ch4Alarm() {}

    /** The alert of a reading in the ALARM band (the caller classified it), or null when the rule is off. */
    public static Detection detect(SensorInfo info, double value, long ts, String raw, RuleSet rules) {
        return Ch4Breach.detect(ID, false, info, value, ts, raw, rules);
    }
}
