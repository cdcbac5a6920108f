package jilin.ew.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jilin.ew.alert.Detection;
import jilin.ew.geo.Jilin;
import jilin.ew.io.Outputs;
import jilin.ew.rules.Reference;
import jilin.ew.rules.RuleAwareFunction;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.HazardReport;
import jilin.ew.seeds.GasPoint;
import jilin.ew.seeds.GasPoints;
import jilin.ew.seeds.Mine;
import jilin.ew.seeds.SeedCatalog;
import jilin.ew.seeds.SensorPoint;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.util.Collector;

/**
 * Hazard reports, keyed by subject. A MAJOR report raises REPORT_MAJOR_HAZARD on its subject. Every report
 * also sends a notice to each alert subject it concerns (the subject itself; for a mine, each of its sensors
 * and districts), which the alert lifecycle remembers to raise those subjects' alerts (REPORT_CORROBORATED).
 * A report id seen again within the window is dead-lettered as a duplicate; a position outside the province
 * as out-of-province. A report on a subject no seed names is still a report, and is used.
 */
public class ReportFunction extends RuleAwareFunction<Envelope, Detection> {
    private static final long serialVersionUID = 1L;
    /** How long a report id is remembered against duplicates. */
    static final long DEDUP_MS = 24 * 3600 * 1000L;

    private final Reference reference;
    private transient SeedCatalog catalog;
    private transient Map<String, GasPoint> gasPoints;
    private transient MapState<String, Long> seen;

    public ReportFunction(RuleSet rules, Reference reference) {
        super(rules);
        this.reference = reference;
    }

    @Override
    public void open(OpenContext ctx) {
        catalog = reference.catalog();
        gasPoints = new HashMap<>();
        for (GasPoint p : GasPoints.defaults()) {
            gasPoints.put(p.stationId(), p);
        }
        seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("report-ids", String.class, Long.class));
    }

    @Override
    public void processElement(Envelope e, ReadOnlyContext ctx, Collector<Detection> out) throws Exception {
        RuleSet rules = rules(ctx);
        HazardReport r = e.hazardReport;
        if (r.lat != null && r.lon != null && !Jilin.contains(r.lat, r.lon)) {
            boolean latOut = !(r.lat >= Jilin.MIN_LAT && r.lat <= Jilin.MAX_LAT);
            ctx.output(Outputs.DEAD_LETTERS, DeadLetter.of("out-of-province", latOut ? "lat" : "lon",
                    "report " + r.reportId + " at lat " + r.lat + ", lon " + r.lon + " lies outside Jilin province",
                    e.raw, e.ts));
            return;
        }
        if (seen.contains(r.reportId)) {
            ctx.output(Outputs.DEAD_LETTERS, DeadLetter.of("duplicate", "reportId", "report " + r.reportId
                    + " on " + r.subjectId + " was already received", e.raw, e.ts));
            return;
        }
        seen.put(r.reportId, e.ts);
        ctx.timerService().registerEventTimeTimer(e.ts + DEDUP_MS);

        Subject s = subject(r);
        RuleConfig major = rules.rules.get(ReportRules.MAJOR_HAZARD);
        if ("MAJOR".equals(r.severity) && major != null && major.enabled) {
            Detection d = base(r, e, s, rules, r.subjectId);
            d.ruleId = ReportRules.MAJOR_HAZARD;
            d.baseLevel = major.level;
            d.title = "Major hazard reported: " + r.subjectId;
            d.detail = "A major hazard (重大隐患) on " + s.describe + " was reported by " + who(r) + " (report "
                    + r.reportId + (r.category == null ? "" : ", " + r.category) + ")" + text(r)
                    + ": send an inspector, stop the affected operation until it is put right and check the "
                    + "subject's monitoring.";
            out.collect(d);
        }
        if (rules.enabled(ReportRules.CORROBORATED)) {
            for (String target : s.targets) {
                Detection n = base(r, e, s, rules, target);
                n.ruleId = ReportRules.CORROBORATED;
                n.baseLevel = rules.level(ReportRules.CORROBORATED);
                n.reportId = r.reportId;
                n.title = "Report " + r.reportId + " on " + r.subjectId;
                n.detail = who(r) + " report " + r.reportId + " (" + r.severity + ") on " + s.describe;
                out.collect(n);
            }
        }
    }

    private Detection base(HazardReport r, Envelope e, Subject s, RuleSet rules, String subjectId) {
        Detection d = new Detection();
        d.domain = Domain.REPORT;
        d.subjectId = subjectId;
        d.mineId = s.mineId;
        d.sensorId = s.sensorId;
        d.stationId = s.stationId;
        d.vehicleId = s.vehicleId;
        d.prefecture = s.prefecture;
        d.operatorId = s.operatorId;
        d.certainty = "OBSERVED";
        d.firstEventTs = e.ts;
        d.eventTs = e.ts;
        d.evidence.add(e.raw);
        d.lat = r.lat != null ? r.lat : s.lat;
        d.lon = r.lon != null ? r.lon : s.lon;
        d.ruleSetVersion = rules.version;
        d.group = group(subjectId);
        return d;
    }

    /** The lifecycle group of a mine sensor or district (its district), so reports reach the same state as its
     *  alerts; null for other subjects. */
    private String group(String subjectId) {
        Optional<SensorPoint> p = catalog.sensor(subjectId);
        if (p.isPresent()) {
            return p.get().mineId() + "/" + (p.get().district() == null ? "MAIN" : p.get().district());
        }
        int slash = subjectId.indexOf('/');
        return slash > 0 && catalog.mine(subjectId.substring(0, slash)).isPresent() ? subjectId : null;
    }

    private static String who(HazardReport r) {
        return r.source == null ? "someone" : r.source.toLowerCase(java.util.Locale.ROOT);
    }

    private static String text(HazardReport r) {
        if (r.text == null || r.text.isBlank()) {
            return "";
        }
        String t = r.text.strip();
        return ": \"" + (t.length() > 300 ? t.substring(0, 300) + "…" : t) + "\"";
    }

    /** What the report is about, and which alert subjects it corroborates. */
    private static final class Subject {
        String describe;
        String mineId;
        String sensorId;
        String stationId;
        String vehicleId;
        String prefecture;
        String operatorId;
        Double lat;
        Double lon;
        final Set<String> targets = new LinkedHashSet<>();
    }

    private Subject subject(HazardReport r) {
        Subject s = new Subject();
        String id = r.subjectId;
        s.targets.add(id);
        Optional<Mine> mine = catalog.mine(id);
        Optional<SensorPoint> sensor = catalog.sensor(id);
        GasPoint gas = gasPoints.get(id);
        if (mine.isPresent()) {
            Mine m = mine.get();
            s.mineId = m.mineId();
            s.prefecture = m.prefecture();
            s.operatorId = m.operatorId();
            s.lat = m.lat();
            s.lon = m.lon();
            s.describe = "mine " + m.name() + " (" + m.mineId() + ")";
            // a mine's report concerns every sensor and district of the mine: alerts there are the mine's
            for (SensorPoint p : catalog.sensorsOfMine(m.mineId())) {
                s.targets.add(p.sensorId());
                s.targets.add(m.mineId() + "/" + (p.district() == null ? "MAIN" : p.district()));
            }
        } else if (sensor.isPresent()) {
            SensorPoint p = sensor.get();
            s.mineId = p.mineId();
            s.sensorId = p.sensorId();
            s.prefecture = catalog.mine(p.mineId()).map(Mine::prefecture).orElse(null);
            s.describe = "sensor " + p.sensorId() + " of mine " + p.mineId();
        } else if (gas != null) {
            s.stationId = gas.stationId();
            s.prefecture = gas.prefecture();
            s.operatorId = gas.operatorId();
            s.lat = gas.lat();
            s.lon = gas.lon();
            s.describe = "gas " + gas.kind().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " "
                    + gas.stationId() + (gas.name() == null ? "" : " (" + gas.name() + ")");
        } else {
            s.describe = id;
        }
        return s;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Detection> out) throws Exception {
        List<String> old = new ArrayList<>();
        for (Map.Entry<String, Long> e : seen.entries()) {
            if (e.getValue() + DEDUP_MS <= timestamp) {
                old.add(e.getKey());
            }
        }
        for (String k : old) {
            seen.remove(k);
        }
    }

}
