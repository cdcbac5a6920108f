package jilin.ew.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jilin.ew.alert.Corroboration;
import jilin.ew.alert.Detection;
import jilin.ew.gas.GasStation;
import jilin.ew.serde.EnvelopeType;
import jilin.ew.geo.Jilin;
import jilin.ew.ingest.Outputs;
import jilin.ew.report.rule.MajorHazard;
import jilin.ew.reference.Reference;
import jilin.ew.rules.RuleAwareFunction;
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
import jilin.ew.vehicle.Fleet;
import jilin.ew.vehicle.VehicleInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.util.Collector;

/**
 * Hazard reports, keyed by subject. A MAJOR report raises {@link MajorHazard} on its subject. Every report
 * also sends a notice to each alert subject it concerns (the subject itself; for a mine, each of its sensors
 * and districts), which the alert lifecycle remembers to raise those subjects' alerts ({@link Corroboration}).
 * A report id seen again within the window is dead-lettered as a duplicate; a position outside the province
 * as out-of-province. A report on a subject no definition names is still a report, and is used.
 *
 * <p>The subject is resolved as the other domains resolve it: a definition that came on the stream (kept under
 * the subject's key) wins over the seeds. A mine's sensors defined on the stream are also kept under the mine's
 * key, so a report on the mine reaches their districts. A report on a subject not defined yet waits until the
 * watermark passes it (every definition stamped before it has then arrived, whichever partition carried it) and
 * is then used, defined or not; reports on known subjects are used at once.
 */
public class ReportFunction extends RuleAwareFunction<Tuple2<String, Envelope>, Detection> {
    private static final long serialVersionUID = 1L;
    /** The function's input: the key an element belongs under, and the element. */
    static final TypeInformation<Tuple2<String, Envelope>> INPUT = Types.TUPLE(Types.STRING, EnvelopeType.INSTANCE);
    /** How long a report id is remembered against duplicates. */
    static final long DEDUP_MS = 24 * 3600 * 1000L;

    private final Reference reference;
    private transient SeedCatalog catalog;
    private transient Map<String, GasPoint> gasPoints;
    private transient Fleet fleet;
    private transient MapState<String, Long> seen;
    /** The stream definition of this key's sensor, station or vehicle, if one came. */
    private transient ValueState<Envelope> definition;
    /** Under a mine's key: its stream-defined sensors and their districts. */
    private transient MapState<String, String> mineSensors;
    /** Reports on this key's subject that came before any definition of it, waiting for the watermark. */
    private transient ListState<Envelope> held;

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
        fleet = Fleet.of(reference);
        seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("report-ids", String.class, Long.class));
        definition = getRuntimeContext().getState(new ValueStateDescriptor<>("definition", EnvelopeType.INSTANCE));
        mineSensors = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("mine-sensors", String.class, String.class));
        held = getRuntimeContext().getListState(new ListStateDescriptor<>("held-reports", EnvelopeType.INSTANCE));
    }

    /** Where each element goes: a report under its subject; a definition under its subject, a sensor's also under its mine. */
    static void keys(Envelope e, Collector<Tuple2<String, Envelope>> out) {
        out.collect(Tuple2.of(e.subjectId(), e));
        if (e.mineSensor != null && !e.mineSensor.mineId.equals(e.mineSensor.sensorId)) {
            out.collect(Tuple2.of(e.mineSensor.mineId, e));
        }
    }

    @Override
    public void processElement(Tuple2<String, Envelope> in, ReadOnlyContext ctx, Collector<Detection> out)
            throws Exception {
        Envelope e = in.f1;
        if (e.hazardReport == null) {
            define(in.f0, e, ctx, out);
            return;
        }
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
        if (!known(r.subjectId) && e.ts > ctx.timerService().currentWatermark()) {
            held.add(e);
            ctx.timerService().registerEventTimeTimer(e.ts);
            return;
        }
        report(e, rules(ctx), out);
    }

    /** Whether a definition of the subject (stream or seed) is at hand. */
    private boolean known(String id) throws Exception {
        return definition.value() != null || catalog.mine(id).isPresent() || catalog.sensor(id).isPresent()
                || gasPoints.containsKey(id) || fleet.vehicle(id).isPresent();
    }

    /** Raises the report's own alert and the notices that corroborate its subjects' alerts. */
    private void report(Envelope e, RuleSet rules, Collector<Detection> out) throws Exception {
        HazardReport r = e.hazardReport;
        Subject s = subject(r);
        Detection major = MajorHazard.detect(base(r, e, s, rules, r.subjectId), r, s.describe, who(r), text(r), rules);
        if (major != null) {
            out.collect(major);
        }
        if (rules.enabled(Corroboration.RULE)) {
            for (String target : s.targets) {
                out.collect(Corroboration.notice(base(r, e, s, rules, target), r, who(r), s.describe, rules));
            }
        }
    }

    private void define(String key, Envelope e, ReadOnlyContext ctx, Collector<Detection> out) throws Exception {
        if (e.mineSensor != null && key.equals(e.mineSensor.mineId)) {
            mineSensors.put(e.mineSensor.sensorId, district(e.mineSensor.district));
            return;
        }
        definition.update(e); // a later definition replaces an earlier one
        releaseHeld(Long.MAX_VALUE, rules(ctx), out);
    }

    /** Uses the held reports stamped at or before {@code upTo}, in event-time order. */
    private void releaseHeld(long upTo, RuleSet rules, Collector<Detection> out) throws Exception {
        List<Envelope> ready = new ArrayList<>();
        List<Envelope> keep = new ArrayList<>();
        for (Envelope h : held.get()) {
            (h.ts <= upTo ? ready : keep).add(h);
        }
        if (ready.isEmpty()) {
            return;
        }
        held.update(keep);
        ready.sort(java.util.Comparator.comparingLong((Envelope h) -> h.ts).thenComparing(h -> h.hazardReport.reportId));
        for (Envelope h : ready) {
            report(h, rules, out);
        }
    }

    private static String district(String d) {
        return d == null ? "MAIN" : d;
    }

    private Detection base(HazardReport r, Envelope e, Subject s, RuleSet rules, String subjectId) {
        Detection d = new Detection();
        d.domain = Domain.REPORT;
        d.subjectId = subjectId;
        d.mineId = s.mineId;
        d.sensorId = s.sensorId;
        d.stationId = s.stationId;
        d.vehicleId = s.vehicleId;
        d.district = s.district;
        d.prefecture = s.prefecture;
        d.operatorId = s.operatorId;
        d.certainty = "OBSERVED";
        d.firstEventTs = e.ts;
        d.eventTs = e.ts;
        d.evidence.add(e.raw);
        d.lat = r.lat != null ? r.lat : s.lat;
        d.lon = r.lon != null ? r.lon : s.lon;
        d.ruleSetVersion = rules.version();
        d.group = s.groups.get(subjectId);
        return d;
    }

    private static String who(HazardReport r) {
        return r.source == null ? "someone" : r.source.toLowerCase(java.util.Locale.ROOT);
    }

    private static String text(HazardReport r) {
        if (r.text == null || r.text.isBlank()) {
            return "";
        }
        String t = r.text.strip();
        if (t.length() <= 300) {
            return ": \"" + t + "\"";
        }
        // never half a character outside the basic plane (an emoji, a rare CJK ideograph): it would go out as '?'
        int end = Character.isHighSurrogate(t.charAt(299)) ? 299 : 300;
        return ": \"" + t.substring(0, end) + "…\"";
    }

    /** What the report is about, and which alert subjects it corroborates. */
    private static final class Subject {
        String describe;
        String mineId;
        String sensorId;
        String stationId;
        String vehicleId;
        String district;
        String prefecture;
        String operatorId;
        Double lat;
        Double lon;
        final Set<String> targets = new LinkedHashSet<>();
        /** The lifecycle group of a mine sensor or district target (its district), so a notice reaches the state
         *  its alerts live in; other targets have none. */
        final Map<String, String> groups = new HashMap<>();

        void mineTarget(String sensorId, String mineId, String district) {
            String districtKey = mineId + "/" + district;
            targets.add(sensorId);
            targets.add(districtKey);
            groups.put(sensorId, districtKey);
            groups.put(districtKey, districtKey);
        }
    }

    private Subject subject(HazardReport r) throws Exception {
        Subject s = new Subject();
        String id = r.subjectId;
        s.targets.add(id);
        Envelope def = definition.value();
        Optional<Mine> mine = catalog.mine(id);
        Optional<SensorPoint> sensor = catalog.sensor(id);
        GasPoint gas = gasPoints.get(id);
        if (def != null && def.mineSensor != null) {
            sensor(s, def.mineSensor.sensorId, def.mineSensor.mineId, def.mineSensor.district);
        } else if (def != null && def.gasStation != null) {
            station(s, GasStation.of(def.gasStation, gas == null ? null : GasStation.of(gas)));
        } else if (def != null && def.vehicleRegistration != null) {
            vehicle(s, VehicleInfo.of(def.vehicleRegistration, fleet.operatorName(def.vehicleRegistration.operatorId)));
        } else if (mine.isPresent()) {
            Mine m = mine.get();
            s.mineId = m.mineId();
            s.prefecture = m.prefecture();
            s.operatorId = m.operatorId();
            s.lat = m.lat();
            s.lon = m.lon();
            s.describe = "mine " + m.name() + " (" + m.mineId() + ")";
            // a mine's report concerns every sensor and district of the mine, seed or stream defined: alerts
            // there are the mine's
            for (SensorPoint p : catalog.sensorsOfMine(m.mineId())) {
                s.mineTarget(p.sensorId(), m.mineId(), district(p.district()));
            }
            for (Map.Entry<String, String> p : mineSensors.entries()) {
                s.mineTarget(p.getKey(), m.mineId(), p.getValue());
            }
        } else if (sensor.isPresent()) {
            SensorPoint p = sensor.get();
            sensor(s, p.sensorId(), p.mineId(), p.district());
        } else if (gas != null) {
            station(s, GasStation.of(gas));
        } else {
            Optional<VehicleInfo> v = fleet.vehicle(id);
            if (v.isPresent()) {
                vehicle(s, v.get());
            } else {
                s.describe = id;
            }
        }
        return s;
    }

    private void sensor(Subject s, String sensorId, String mineId, String district) {
        Optional<Mine> m = catalog.mine(mineId);
        s.mineId = mineId;
        s.sensorId = sensorId;
        s.district = district;
        s.prefecture = m.map(Mine::prefecture).orElse(null);
        s.operatorId = m.map(Mine::operatorId).orElse(null);
        s.lat = m.map(Mine::lat).orElse(null);
        s.lon = m.map(Mine::lon).orElse(null);
        s.groups.put(sensorId, mineId + "/" + district(district));
        s.describe = "sensor " + sensorId + " of mine " + m.map(Mine::name).orElse(mineId) + " (" + mineId + ")";
    }

    private static void station(Subject s, GasStation g) {
        s.stationId = g.stationId;
        s.district = g.network;
        s.prefecture = g.prefecture;
        s.operatorId = g.operatorId;
        s.lat = g.lat;
        s.lon = g.lon;
        s.describe = "gas " + g.describe();
    }

    private static void vehicle(Subject s, VehicleInfo v) {
        s.vehicleId = v.vehicleId;
        s.prefecture = v.prefecture;
        s.operatorId = v.operatorId;
        s.describe = v.describe();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Detection> out) throws Exception {
        // the watermark passed: definitions stamped before these reports would have come (the end of input
        // releases them too: a report is an event, not a timer that completes)
        releaseHeld(timestamp, rules(ctx), out);
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
