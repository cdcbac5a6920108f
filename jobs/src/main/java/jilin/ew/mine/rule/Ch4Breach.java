package jilin.ew.mine.rule;

import java.util.List;
import jilin.ew.alert.Detection;
import jilin.ew.mine.SensorInfo;
import jilin.ew.rules.RuleSet;

/** The single-reading CH4 breach that {@link Ch4Alarm} and {@link Ch4PowerCut} share: one check and wording. */
final class Ch4Breach {
    private Ch4Breach() {}

    static Detection detect(String ruleId, boolean cut, SensorInfo info, double value, long ts, String raw,
                            RuleSet rules) {
        if (!rules.enabled(ruleId)) {
            return null;
        }
        double limit = cut ? info.powerCut : info.alarm;
        Detection d = MineDetections.of(ruleId, rules.level(ruleId), info, info.sensorId, rules, ts, ts, false,
                (cut ? "CH4 power-cut level" : "CH4 alarm") + " at " + info.sensorId,
                "CH4 " + MineDetections.pct(value) + " at the " + MineDetections.where(info)
                        + " is at or above the " + (cut ? "power-cut" : "alarm") + " value "
                        + MineDetections.pct(limit) + (cut
                        ? ": power to the district must be cut within 2 s; withdraw workers and ventilate."
                        : ": stop work in the district, find the cause and strengthen ventilation."),
                List.of(raw));
        d.reading = value;
        return d;
    }
}
