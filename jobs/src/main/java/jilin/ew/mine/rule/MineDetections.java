package jilin.ew.mine.rule;

import java.util.List;
import java.util.Locale;
import jilin.ew.alert.Decimals;
import jilin.ew.alert.Detection;
import jilin.ew.mine.MineClassifier;
import jilin.ew.mine.SensorInfo;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;
import jilin.ew.schema.Modifier;

/** Builds mine detections with the ids, place, wording and the disaster-mine modifier filled in. */
final class MineDetections {
    private MineDetections() {}

    /** The single-reading CH4 alerts an escalation (same sensor) or a district alert (its sensors) absorbs. */
    static final List<String> CONTAINED_CH4 = List.of(Ch4Alarm.ID, Ch4PowerCut.ID);

    static Detection of(String ruleId, Level base, SensorInfo s, String subjectId, RuleSet rules, long firstTs,
                        long ts, boolean pattern, String title, String detail, List<String> evidence) {
        Detection d = Detection.finding(ruleId, Domain.MINE, base, subjectId, pattern, firstTs, ts, title, detail,
                evidence, rules.version());
        d.mineId = s.mineId;
        d.sensorId = subjectId.equals(s.sensorId) ? s.sensorId : null;
        d.district = s.district;
        d.prefecture = s.prefecture;
        d.operatorId = s.operatorId;
        d.lat = s.lat;
        d.lon = s.lon;
        // a district alert and its sensors' alerts share lifecycle state, so one can inhibit the others
        d.group = s.districtKey();
        d.keepAliveFrom = keepAliveFrom(ruleId, s);
        if (s.disasterMine && rules.modifierOn("DISASTER_MINE")) {
            d.modifiers.add(new Modifier("DISASTER_MINE", s.mineName + " (" + s.mineId
                    + ") is one of the province's disaster mines (灾害矿井)"));
        }
        return d;
    }

    /**
     * The lowest CH4 reading of the sensor that keeps an alert of the rule open (null: any activity does). Power
     * cut off by a sensor is restored only below its restore value (煤矿安全规程), so a power-cut alert lasts
     * while readings are at or above restore; an alarm while at or above the alarm value; an escalation, which
     * contains both, while either does.
     */
    static Double keepAliveFrom(String ruleId, SensorInfo s) {
        double v;
        switch (ruleId) {
            case Ch4Alarm.ID:
                v = s.alarm;
                break;
            case Ch4PowerCut.ID:
                v = Double.isNaN(s.restore) ? s.powerCut : s.restore;
                break;
            case Ch4Escalation.ID:
                v = MineClassifier.keepAliveFloor(s);
                break;
            default:
                return null;
        }
        return Double.isNaN(v) ? null : v;
    }

    static String where(SensorInfo s) {
        return s.location.toLowerCase(Locale.ROOT).replace('_', ' ') + " sensor " + s.sensorId + " of "
                + s.mineName + " (" + s.mineId + ", district " + s.district + ")";
    }

    static String pct(double v) {
        return Decimals.fixed(v, 2) + " %";
    }
}
