package jilin.ew.alert;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import jilin.ew.rules.Reference;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Level;
import jilin.ew.schema.Modifier;
import jilin.ew.seeds.SeedCatalog;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns detections into alerts, keyed by subject: one alert per incident per rule (NEW), ESCALATED when its
 * grade rises, UPDATED with new evidence at most once per interval, CLEARED once the subject has been quiet
 * for the domain's hold time. Applies the key-period and repeat modifiers. State of a cleared alert is
 * dropped after the retention time, so it stays bounded.
 */
public class AlertLifecycle extends KeyedProcessFunction<String, Detection, Alert> {
    private static final long serialVersionUID = 1L;
    static final int MAX_EVIDENCE = 10;

    private final RuleSet rules;
    private final Reference reference;
    private transient MapState<String, AlertState> alerts;
    /** Latest event time of any detection or keep-alive of the subject: detections reach this operator through
     *  several channels (immediate path, CEP), so a keep-alive may arrive before the alert it keeps alive. */
    private transient ValueState<Long> activity;
    private transient SeedCatalog catalog;
    private transient Corroboration corroboration;

    public AlertLifecycle(RuleSet rules, Reference reference) {
        this.rules = rules;
        this.reference = reference;
    }

    @Override
    public void open(OpenContext ctx) {
        alerts = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("alerts", String.class, AlertState.class));
        catalog = reference.catalog();
        activity = getRuntimeContext().getState(new ValueStateDescriptor<>("subject-activity", Long.class));
        corroboration = new Corroboration(getRuntimeContext());
    }

    @Override
    public void processElement(Detection d, Context ctx, Collector<Alert> out) throws Exception {
        if (d.reportId != null) {
            corroborate(d, ctx, out); // a report is no activity of the subject: it keeps nothing alive
            return;
        }
        long t = d.eventTs;
        Long seen = activity.value();
        long subjectActivity = seen == null ? t : Math.max(seen, t);
        activity.update(subjectActivity);
        // close what went quiet before this detection, whether or not the watermark has said so yet:
        // the outcome must not depend on how records and watermarks interleave
        closeQuiet(t, ctx, out);
        if (d.keepAlive) {
            for (Map.Entry<String, AlertState> e : alerts.entries()) {
                AlertState s = e.getValue();
                if (s.open && t > s.lastActivityTs) {
                    s.lastActivityTs = t;
                    alerts.put(e.getKey(), s);
                    scheduleClear(ctx, s);
                }
            }
            return;
        }
        AlertState s = alerts.get(d.ruleId);
        if (d.clear) {
            if (s != null && s.open) {
                s.lastTs = Math.max(s.lastTs, t);
                addEvidence(s, d.evidence);
                close(s, t, out, ctx);
                alerts.put(d.ruleId, s);
            }
            return;
        }
        if (s == null || !s.open) {
            s = openIncident(s, d);
            if (subjectActivity > s.lastActivityTs && subjectActivity - s.firstTs <= hold(s)) {
                s.lastActivityTs = subjectActivity; // the subject is still in breach: it was kept alive already
            }
            alerts.put(d.ruleId, s);
            emit(s, AlertStatus.NEW, t, out);
            scheduleClear(ctx, s);
            // any detection keeps the subject's other open alerts alive too
            refreshOthers(d.ruleId, t, ctx);
            return;
        }
        s.lastTs = Math.max(s.lastTs, t);
        s.lastActivityTs = Math.max(s.lastActivityTs, t);
        s.last = d;
        boolean fresh = addEvidence(s, d.evidence);
        mergeModifiers(s, d.modifiers);
        Level level = grade(d.baseLevel, s.modifiers);
        if (level.ordinal() > s.level.ordinal()) {
            s.level = level;
            emit(s, AlertStatus.ESCALATED, t, out);
        } else if (fresh || s.pendingUpdate) {
            long interval = rules.lifecycle.updateIntervalSec * 1000L;
            if (t - s.lastEmitTs >= interval) {
                emit(s, AlertStatus.UPDATED, t, out);
            } else {
                s.pendingUpdate = true;
            }
        }
        alerts.put(d.ruleId, s);
        scheduleClear(ctx, s);
        refreshOthers(d.ruleId, t, ctx);
    }

    /** A report on the subject: remember it, and raise the subject's open alerts it corroborates. */
    private void corroborate(Detection d, Context ctx, Collector<Alert> out) throws Exception {
        if (!corroboration.remember(d, rules, ctx.timerService())) {
            return;
        }
        for (Map.Entry<String, AlertState> e : alerts.entries()) {
            AlertState s = e.getValue();
            Modifier m = s.open ? corroboration.modifierFor(s.last, s.firstTs, s.lastActivityTs, rules) : null;
            if (m == null || s.modifiers.stream().anyMatch(x -> x.modifier.equals(m.modifier))) {
                continue;
            }
            s.modifiers.add(m);
            addEvidence(s, d.evidence);
            Level level = grade(s.last.baseLevel, s.modifiers);
            boolean up = level.ordinal() > s.level.ordinal();
            s.level = up ? level : s.level;
            emit(s, up ? AlertStatus.ESCALATED : AlertStatus.UPDATED, Math.max(s.lastTs, d.eventTs), out);
            alerts.put(e.getKey(), s);
        }
    }

    private AlertState openIncident(AlertState previous, Detection d) throws Exception {
        AlertState s = new AlertState();
        s.ruleId = d.ruleId;
        s.open = true;
        s.firstTs = d.firstEventTs > 0 ? Math.min(d.firstEventTs, d.eventTs) : d.eventTs;
        s.lastTs = d.eventTs;
        s.lastActivityTs = d.eventTs;
        s.incidentId = d.key() + "/" + s.firstTs;
        s.holdOpen = d.holdOpen;
        s.last = d;
        addEvidence(s, d.evidence);
        mergeModifiers(s, d.modifiers);
        if (rules.modifierOn("KEY_PERIOD")) {
            Modifier kp = KeyPeriodModifier.at(catalog, d.eventTs);
            if (kp != null) {
                s.modifiers.add(kp);
            }
        }
        if (previous != null && previous.clearedTs >= 0 && rules.modifierOn("REPEAT")
                && d.eventTs - previous.clearedTs <= rules.lifecycle.repeatWindowSec * 1000L) {
            s.modifiers.add(new Modifier("REPEAT", "the same rule fired on this subject "
                    + (d.eventTs - previous.firstTs) / 60_000 + " min before (previous incident "
                    + previous.lastAlertId + ")"));
            s.lastAlertId = previous.lastAlertId;
        }
        Modifier corroborated = corroboration.modifierFor(d, s.firstTs, d.eventTs, rules);
        if (corroborated != null) {
            s.modifiers.add(corroborated);
        }
        s.level = grade(d.baseLevel, s.modifiers);
        return s;
    }

    private static Level grade(Level base, List<Modifier> modifiers) {
        return base.raise(modifiers.size());
    }

    private static void mergeModifiers(AlertState s, List<Modifier> extra) {
        for (Modifier m : extra) {
            boolean have = false;
            for (Modifier x : s.modifiers) {
                have |= x.modifier.equals(m.modifier);
            }
            if (!have) {
                s.modifiers.add(m);
            }
        }
    }

    private static boolean addEvidence(AlertState s, List<String> evidence) {
        boolean added = false;
        for (String e : evidence) {
            if (!s.evidence.contains(e)) {
                s.evidence.add(e);
                added = true;
            }
        }
        while (s.evidence.size() > MAX_EVIDENCE) {
            s.evidence.remove(0);
        }
        return added;
    }

    private void refreshOthers(String ruleId, long t, Context ctx) throws Exception {
        for (Map.Entry<String, AlertState> e : alerts.entries()) {
            AlertState o = e.getValue();
            if (o.open && !e.getKey().equals(ruleId) && t > o.lastActivityTs) {
                o.lastActivityTs = t;
                alerts.put(e.getKey(), o);
                scheduleClear(ctx, o);
            }
        }
    }

    private long hold(AlertState s) {
        return rules.lifecycle.clearHoldSec(s.last.domain.name()) * 1000L;
    }

    private void scheduleClear(Context ctx, AlertState s) {
        // round up to the second so a burst of readings shares one timer
        long at = s.lastActivityTs + hold(s);
        ctx.timerService().registerEventTimeTimer((at / 1000 + 1) * 1000);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        if (timestamp == Long.MAX_VALUE || ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            return; // the end of a recording is not an event: nothing clears because input ended
        }
        corroboration.expire(timestamp, rules);
        Iterator<Map.Entry<String, AlertState>> it = alerts.iterator();
        List<String> drop = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<String, AlertState> e = it.next();
            AlertState s = e.getValue();
            if (s.open) {
                if (!s.holdOpen && s.lastActivityTs + hold(s) <= timestamp) {
                    close(s, s.lastActivityTs + hold(s), out, ctx);
                    e.setValue(s);
                }
            } else if (s.clearedTs + retention() <= timestamp) {
                drop.add(e.getKey());
            }
        }
        for (String k : drop) {
            alerts.remove(k);
        }
    }

    private void closeQuiet(long t, Context ctx, Collector<Alert> out) throws Exception {
        for (Map.Entry<String, AlertState> e : alerts.entries()) {
            AlertState s = e.getValue();
            if (s.open && !s.holdOpen && s.lastActivityTs + hold(s) < t) {
                close(s, s.lastActivityTs + hold(s), out, ctx); // carries the evidence an update would have
                alerts.put(e.getKey(), s);
            }
        }
    }

    private long retention() {
        return Math.max(rules.lifecycle.retentionSec, rules.lifecycle.repeatWindowSec) * 1000L;
    }

    private void close(AlertState s, long t, Collector<Alert> out, Context ctx) {
        s.open = false;
        s.clearedTs = t;
        emit(s, AlertStatus.CLEARED, t, out);
        ctx.timerService().registerEventTimeTimer(t + retention() + 1000);
    }

    private void emit(AlertState s, AlertStatus status, long t, Collector<Alert> out) {
        Detection d = s.last;
        Alert a = new Alert();
        a.alertId = s.incidentId + "/" + (++s.seq);
        a.key = d.key();
        a.ruleId = d.ruleId;
        a.domain = d.domain;
        a.level = s.level;
        a.baseLevel = d.baseLevel;
        a.status = status;
        a.subjectId = d.subjectId;
        a.mineId = d.mineId;
        a.sensorId = d.sensorId;
        a.stationId = d.stationId;
        a.vehicleId = d.vehicleId;
        a.district = d.district;
        a.prefecture = d.prefecture;
        a.operatorId = d.operatorId;
        a.title = d.title;
        a.detail = status == AlertStatus.CLEARED
                ? "Cleared: back to normal since " + jilin.ew.schema.Times.format(s.lastActivityTs) + ". " + d.detail
                : d.detail;
        a.certainty = d.certainty;
        a.firstEventTs = s.firstTs;
        a.lastEventTs = Math.max(s.lastTs, status == AlertStatus.CLEARED ? t : s.lastTs);
        a.emittedAt = System.currentTimeMillis();
        a.ruleSetVersion = d.ruleSetVersion;
        a.evidence = new ArrayList<>(s.evidence);
        a.modifiers = new ArrayList<>(s.modifiers);
        if (s.lastAlertId != null) {
            a.references.add(s.lastAlertId);
        }
        a.lat = d.lat;
        a.lon = d.lon;
        s.lastAlertId = a.alertId;
        s.lastEmitTs = t;
        s.pendingUpdate = false;
        out.collect(a);
    }
}
