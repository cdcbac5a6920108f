package jilin.ew.vehicle.rule;

import java.util.List;
import java.util.Locale;
import jilin.ew.alert.Detection;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;
import jilin.ew.vehicle.RoadSection;
import jilin.ew.vehicle.VehicleClock;
import jilin.ew.vehicle.VehicleInfo;

/** Builds vehicle detections with ids, place and wording filled in: the wording every vehicle rule shares. */
final class VehicleDetections {
    private VehicleDetections() {}

    /** The rule's settings when the rule set has it switched on, else null (the rule then does nothing). */
    static RuleConfig on(RuleSet r, String id) {
        RuleConfig c = r.rules().get(id);
        return c != null && c.enabled() ? c : null;
    }

    static Detection of(String ruleId, Level level, VehicleInfo v, RoadSection section, RuleSet rules, long firstTs,
                        long ts, boolean pattern, String title, String detail, List<String> evidence,
                        double lat, double lon) {
        Detection d = Detection.finding(ruleId, Domain.VEHICLE, level, v.vehicleId, pattern, firstTs, ts, title, detail,
                evidence, rules.version());
        d.vehicleId = v.vehicleId;
        d.prefecture = section != null && section.prefecture() != null ? section.prefecture() : v.prefecture;
        d.operatorId = v.operatorId;
        d.lat = lat;
        d.lon = lon;
        return d;
    }

    /** A clear of the rule's open alert on the vehicle. */
    static Detection clear(String ruleId, Level level, VehicleInfo v, RoadSection section, RuleSet rules, long ts,
                           String detail, String raw, double lat, double lon) {
        Detection d = of(ruleId, level, v, section, rules, ts, ts, false, "Back within limits: " + name(v), detail,
                List.of(raw), lat, lon);
        d.clear = true;
        return d;
    }

    /** Plate, or id when there is none: the short name in titles. */
    static String name(VehicleInfo v) {
        return v.plate != null ? v.plate : v.vehicleId;
    }

    /** "临江老岭长下坡 (SEC-BS-001, long downhill on 白山-临江公路)". */
    static String where(RoadSection s) {
        return s.name() + " (" + s.sectionId() + ", " + s.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + (s.road() == null ? "" : " on " + s.road()) + ")";
    }

    static String kmh(double v) {
        return String.format(Locale.ROOT, "%.0f km/h", v);
    }

    static String clock(long ts) {
        return VehicleClock.localTime(ts).withNano(0).toString();
    }
}
