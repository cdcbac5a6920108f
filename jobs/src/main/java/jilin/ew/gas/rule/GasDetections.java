package jilin.ew.gas.rule;

import java.util.List;
import jilin.ew.alert.Decimals;
import jilin.ew.alert.Detection;
import jilin.ew.gas.GasStation;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;
import jilin.ew.schema.Modifier;

/** Builds gas network detections with ids, place, wording and the crowded-place modifier filled in. */
final class GasDetections {
    /** Modifier switch and name: the point is next to one of the plan's crowded places. */
    static final String CROWD_PLACE = "CROWD_PLACE";

    private GasDetections() {}

    /** The rule's settings when the rule set has it switched on, else null (the rule then does nothing). */
    static RuleConfig on(RuleSet r, String id) {
        RuleConfig c = r.rules().get(id);
        return c != null && c.enabled() ? c : null;
    }

    /**
     * @param subject  the station the alert is about
     * @param crowd    the point whose crowded place raises the grade (the subject, or for a leak the point
     *                 with gas when the station itself is not near one), or null
     */
    static Detection of(String ruleId, Level base, GasStation subject, GasStation crowd, RuleSet rules,
                        long firstTs, long ts, boolean pattern, String title, String detail, List<String> evidence) {
        Detection d = Detection.finding(ruleId, Domain.GAS_NETWORK, base, subject.stationId, pattern, firstTs, ts,
                title, detail, evidence, rules.version());
        d.stationId = subject.stationId;
        d.district = subject.network;
        d.prefecture = subject.prefecture;
        d.operatorId = subject.operatorId;
        d.lat = subject.lat;
        d.lon = subject.lon;
        if (crowd != null && crowd.nearCrowdPlace && rules.modifierOn(CROWD_PLACE)) {
            d.modifiers.add(new Modifier(CROWD_PLACE, crowd.describe() + " is next to a crowded place"
                    + (crowd.crowdPlace == null ? "" : " (" + crowd.crowdPlace + ")")));
        }
        return d;
    }

    static String pct(double v) {
        return Decimals.fixed(v, 1) + " % LEL";
    }

    static String mpa(double v) {
        return Decimals.fixed(v, 3) + " MPa";
    }
}
