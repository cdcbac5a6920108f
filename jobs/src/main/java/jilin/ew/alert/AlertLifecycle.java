package jilin.ew.alert;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import jilin.ew.reference.Reference;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;
import jilin.ew.schema.Modifier;
import jilin.ew.seeds.SeedCatalog;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Turns detections into alerts, keyed by {@link Detection#lifecycleKey()} (the subject, or the group of subjects
 * that can inhibit one another) and within it by alert key (rule + subject): one alert per incident per rule
 * (NEW), ESCALATED when its grade rises, UPDATED with new evidence at most once per interval, CLEARED once the
 * subject has been quiet for the domain's hold time. Applies the key-period and repeat modifiers. While a
 * higher alert is open, the alerts it {@link Detection#contains contains} are recorded as inhibited (not
 * notified), in whichever order they arrive, and the higher alert references the ones it absorbed. State of a
 * cleared alert is dropped after the retention time, so it stays bounded.
 *
 * <p>Live, each detection is handled as it arrives (a single-reading alert goes out at once), so which of two
 * paths (the immediate one, CEP) reaches this operator first can decide, e.g., whether a sensor alert's update is
 * inhibited. {@code ordered} (replay, backtest, demo): detections wait until the watermark passes their event time and
 * are handled in event-time order, ties in {@link #ORDER}, so the same input gives the same alerts however threads
 * interleave. They wait at most the out-of-orderness bound and the watermark step (in event time).
 */
public class AlertLifecycle extends KeyedProcessFunction<String, Detection, Alert> {
    private static final long serialVersionUID = 1L;
    static final int MAX_EVIDENCE = 10;

    /** Detections of one event time in a fixed order: everything a detection carries, the flags first. */
    static final Comparator<Detection> ORDER = Comparator.<Detection>comparingLong(d -> d.eventTs)
            .thenComparing(d -> d.reportId != null)
            .thenComparing(d -> d.clear)
            .thenComparing(d -> d.keepAlive)
            .thenComparing(d -> d.holdOpen)
            .thenComparing(d -> String.valueOf(d.ruleId))
            .thenComparing(d -> String.valueOf(d.subjectId))
            .thenComparingLong(d -> d.firstEventTs)
            .thenComparing(d -> String.valueOf(d.baseLevel))
            .thenComparing(d -> String.valueOf(d.reportId))
            .thenComparing(d -> String.valueOf(d.evidence))
            .thenComparing(d -> d.modifiers.stream().map(m -> m.modifier + " " + m.reason)
                    .collect(java.util.stream.Collectors.joining("|")))
            .thenComparing(d -> String.valueOf(d.contains))
            .thenComparing(d -> String.valueOf(d.detail))
            .thenComparing(d -> String.valueOf(d.title))
            .thenComparing(d -> String.valueOf(d.ruleSetVersion));

    private final RuleSet rules;
    private final Reference reference;
    private final boolean ordered;
    /** The out-of-orderness bound: how far past the watermark an arriving detection may close quiet alerts. */
    private final long disorderMs;
    /** Ordered mode: detections waiting for the watermark, by event time. */
    private transient MapState<Long, List<Detection>> pending;
    private transient MapState<String, AlertState> alerts;
    /** Latest event time of any detection or keep-alive of each subject of the group: detections reach this
     *  operator through several channels (immediate path, CEP), so a keep-alive may arrive before the alert it
     *  keeps alive. */
    private transient MapState<String, Long> activity;
    /** Start of each subject's current run of activity (no gap longer than the hold). */
    private transient MapState<String, Long> activeSince;
    private transient SeedCatalog catalog;
    private transient Corroboration corroboration;
    /** The back-to-normal hold of each domain (by ordinal), ms: looked up for every open alert of a group on every
     *  detection ({@link #closeQuiet}), so read from the rule set once. */
    private transient long[] holdMs;

    /** Live: each detection is handled as it arrives. */
    /** Live, with no bound on what an arriving detection may close (operator tests drive it without watermarks). */
    public AlertLifecycle(RuleSet rules, Reference reference) {
        this(rules, reference, false, Long.MAX_VALUE);
    }

    /**
     * {@code ordered}: detections are handled in event-time order once the watermark passes them;
     * {@code disorderMs}: the out-of-orderness bound (see {@link #handle}).
     */
    public AlertLifecycle(RuleSet rules, Reference reference, boolean ordered, long disorderMs) {
        this.rules = rules;
        this.reference = reference;
        this.ordered = ordered;
        this.disorderMs = disorderMs;
    }

    @Override
    public void open(OpenContext ctx) {
        alerts = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("alerts", String.class, AlertState.class));
        catalog = reference.catalog();
        activity = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("subject-activity", String.class, Long.class));
        activeSince = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("subject-active-since", String.class, Long.class));
        corroboration = new Corroboration(getRuntimeContext());
        holdMs = new long[Domain.values().length];
        for (Domain domain : Domain.values()) {
            holdMs[domain.ordinal()] = rules.lifecycle().clearHoldSec(domain.name()) * 1000L;
        }
        if (ordered) {
            pending = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending", Types.LONG,
                    Types.LIST(TypeInformation.of(Detection.class))));
        }
    }

    @Override
    public void processElement(Detection d, Context ctx, Collector<Alert> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        if (!ordered || watermark == Long.MAX_VALUE) {
            handle(d, ctx, out); // live; or after the end of input, when no timer fires any more
            return;
        }
        // a detection the watermark has already passed (a late reading's) waits for the next one
        long at = Math.max(d.eventTs, watermark + 1);
        List<Detection> waiting = pending.get(at);
        if (waiting == null) {
            waiting = new ArrayList<>();
        }
        waiting.add(d);
        pending.put(at, waiting);
        ctx.timerService().registerEventTimeTimer(at);
    }

    private void handle(Detection d, Context ctx, Collector<Alert> out) throws Exception {
        if (d.reportId != null) {
            corroborate(d, ctx, out); // a report is no activity of the subject: it keeps nothing alive
            return;
        }
        long t = d.eventTs;
        long subjectActivity = recordActivity(d);
        // close what went quiet before this detection, whether or not the watermark has said so yet: the outcome
        // must not depend on how records and watermarks interleave. But no further than the watermark plus the
        // out-of-orderness bound: live, a detection from a partition that runs ahead (a backlog caught up
        // unevenly) says nothing about the time a slower partition's sensors have reached, and closing by it
        // would end their alerts while their readings are still on the way (then reopen them as repeats)
        long watermark = ctx.timerService().currentWatermark();
        closeQuiet(watermark >= Long.MAX_VALUE - disorderMs ? t : Math.min(t, watermark + disorderMs), ctx, out);
        if (d.keepAlive) {
            refreshOthers(d, null, t, ctx);
            return;
        }
        String key = d.key();
        AlertState s = alerts.get(key);
        if (d.clear) {
            if (s != null && s.open) {
                s.lastTs = Math.max(s.lastTs, t);
                addEvidence(s, d.evidence);
                close(key, s, t, out, ctx);
            }
            return;
        }
        if (s == null || !s.open) {
            s = openIncident(s, d);
            Long since = activeSince.get(d.subjectId);
            if (subjectActivity > s.lastActivityTs && since != null && s.lastActivityTs >= since - hold(s)) {
                // the subject is still in the run of breaches this detection belongs to: a pattern's detection
                // arrives after readings later in event time (CEP waits for the watermark, the immediate path
                // does not), which kept the subject alive meanwhile
                s.lastActivityTs = subjectActivity;
            }
            String container = containerOf(key, s, ctx.getCurrentKey());
            if (container != null) {
                s.inhibited = true; // a higher alert opened first: this one is recorded, not notified
                s.inhibitedBy = container;
            }
            absorb(key, s, ctx.getCurrentKey());
            alerts.put(key, s);
            emit(s, AlertStatus.NEW, t, out);
            alerts.put(key, s);
            scheduleClear(ctx, s);
            // a breach keeps the subject's other open alerts alive too; a sensor-health alert (silent, stuck) is
            // no evidence that gas is still high, so it does not
            if (!d.holdOpen) {
                refreshOthers(d, key, t, ctx);
            }
            return;
        }
        s.lastTs = Math.max(s.lastTs, t);
        s.lastActivityTs = Math.max(s.lastActivityTs, t);
        s.last = d;
        boolean fresh = addEvidence(s, d.evidence);
        mergeModifiers(s, d.modifiers);
        for (String r : d.contains) {
            if (!s.contains.contains(r)) {
                s.contains.add(r);
            }
        }
        Level level = grade(d.baseLevel, s.modifiers);
        if (level.ordinal() > s.level.ordinal()) {
            s.level = level;
            emit(s, AlertStatus.ESCALATED, t, out);
        } else if (fresh || s.pendingUpdate) {
            long interval = rules.lifecycle().updateIntervalSec() * 1000L;
            if (t - s.lastEmitTs >= interval) {
                emit(s, AlertStatus.UPDATED, t, out);
            } else {
                s.pendingUpdate = true;
            }
        }
        alerts.put(key, s);
        scheduleClear(ctx, s);
        if (!d.holdOpen) {
            refreshOthers(d, key, t, ctx);
        }
    }

    /**
     * Records a detection or keep-alive as activity of its subject: the latest event time, and the start of the
     * current run of activity without a gap longer than the hold. Returns the latest.
     */
    private long recordActivity(Detection d) throws Exception {
        long t = d.eventTs;
        if (d.holdOpen) {
            // a sensor-health alert (silent, stuck) is not a breach: it starts or extends no run of activity
            Long seen = activity.get(d.subjectId);
            return seen == null ? t : Math.max(seen, t);
        }
        long hold = holdMs[d.domain.ordinal()];
        Long seen = activity.get(d.subjectId);
        Long since = activeSince.get(d.subjectId);
        if (seen == null || since == null || t > seen + hold) {
            since = t; // a new run
        } else if (t < since && t >= since - hold) {
            since = t; // a late arrival that extends the run backwards
        }
        long latest = seen == null ? t : Math.max(seen, t);
        activity.put(d.subjectId, latest);
        activeSince.put(d.subjectId, since);
        return latest;
    }

    /** True when open alert {@code c} (keyed {@code cKey}) contains alert {@code s} of the group {@code group}. */
    private static boolean contains(String cKey, AlertState c, String sKey, AlertState s, String group) {
        return c.open && !cKey.equals(sKey) && c.contains.contains(s.ruleId)
                && (c.subjectId.equals(s.subjectId) || c.subjectId.equals(group));
    }

    /** The key of an open alert of the group that contains {@code s}, or null. */
    private String containerOf(String key, AlertState s, String group) throws Exception {
        for (String k : sortedKeys()) {
            AlertState c = alerts.get(k);
            if (contains(k, c, key, s, group)) {
                return k;
            }
        }
        return null;
    }

    /** Marks the open alerts {@code s} contains as inhibited; the notified ones are referenced by {@code s}. */
    private void absorb(String key, AlertState s, String group) throws Exception {
        if (s.contains.isEmpty()) {
            return;
        }
        for (String k : sortedKeys()) {
            AlertState o = alerts.get(k);
            if (!o.inhibited && contains(key, s, k, o, group)) {
                o.inhibited = true;
                o.inhibitedBy = key;
                alerts.put(k, o);
                if (o.lastAlertId != null) {
                    s.absorbedIds.add(o.lastAlertId);
                    s.absorbedTs.add(o.lastAlertTs);
                    s.newlyAbsorbed++;
                }
            }
        }
    }

    /** When a higher alert ends, the open alerts it inhibited are notified again from their next transition. */
    private void release(String key) throws Exception {
        for (String k : sortedKeys()) {
            AlertState o = alerts.get(k);
            if (o.inhibited && key.equals(o.inhibitedBy)) {
                o.inhibited = false;
                o.inhibitedBy = null;
                alerts.put(k, o);
            }
        }
    }

    /** Alert keys in a fixed order, so that what one detection or timer emits does not depend on hashing. */
    private List<String> sortedKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        for (String k : alerts.keys()) {
            keys.add(k);
        }
        keys.sort(Comparator.naturalOrder());
        return keys;
    }

    /** A report on the subject: remember it, and raise the subject's open alerts it corroborates. */
    private void corroborate(Detection d, Context ctx, Collector<Alert> out) throws Exception {
        if (!corroboration.remember(d, rules, ctx.timerService())) {
            return;
        }
        for (Map.Entry<String, AlertState> e : alerts.entries()) {
            AlertState s = e.getValue();
            if (!d.subjectId.equals(s.subjectId)) {
                continue; // the group holds other subjects' alerts too
            }
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
        s.subjectId = d.subjectId;
        s.contains = new ArrayList<>(d.contains);
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
                && d.eventTs - previous.clearedTs <= rules.lifecycle().repeatWindowSec() * 1000L) {
            s.modifiers.add(new Modifier("REPEAT", "the same rule fired on this subject "
                    + (d.eventTs - previous.firstTs) / 60_000 + " min before (previous incident "
                    + previous.lastAlertId + ")"));
            s.lastAlertId = previous.lastAlertId;
            s.lastAlertTs = previous.lastAlertTs;
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

    /**
     * Refreshes the open alerts of the subject of {@code d} other than {@code except} (null: all of them) that
     * its reading keeps alive ({@link Detection#keepAliveFrom}).
     */
    private void refreshOthers(Detection d, String except, long t, Context ctx) throws Exception {
        for (Map.Entry<String, AlertState> e : alerts.entries()) {
            AlertState o = e.getValue();
            if (o.open && d.subjectId.equals(o.subjectId) && !e.getKey().equals(except) && t > o.lastActivityTs
                    && keepsAlive(d, o)) {
                o.lastActivityTs = t;
                alerts.put(e.getKey(), o);
                scheduleClear(ctx, o);
            }
        }
    }

    /** Whether {@code d} keeps open alert {@code o} of its subject alive: o needs no reading, or d's is high enough. */
    private static boolean keepsAlive(Detection d, AlertState o) {
        Double from = o.last.keepAliveFrom;
        return from == null || (d.reading != null && d.reading >= from);
    }

    private long hold(AlertState s) {
        return holdMs[s.last.domain.ordinal()];
    }

    private void scheduleClear(Context ctx, AlertState s) {
        // round up to the second so a burst of readings shares one timer
        long at = s.lastActivityTs + hold(s);
        ctx.timerService().registerEventTimeTimer((at / 1000 + 1) * 1000);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        List<Detection> due = ordered ? pending.get(timestamp) : null;
        if (due != null) {
            // detections of this event time before the timer's own work, as live when they arrive first
            pending.remove(timestamp);
            due.sort(ORDER);
            for (Detection d : due) {
                handle(d, ctx, out);
            }
        }
        if (timestamp == Long.MAX_VALUE || ctx.timerService().currentWatermark() == Long.MAX_VALUE) {
            return; // the end of a recording is not an event: nothing clears because input ended
        }
        corroboration.expire(timestamp, rules);
        closeQuiet(timestamp + 1, ctx, out);
        for (String k : sortedKeys()) {
            AlertState s = alerts.get(k);
            if (!s.open && s.clearedTs + retention() <= timestamp) {
                alerts.remove(k);
            }
        }
        if (alerts.isEmpty()) {
            activity.clear(); // nothing left to keep alive: the group's state is gone
            activeSince.clear();
        }
    }

    /** Closes every open alert quiet for its hold before {@code t}: the contained ones before their container,
     *  so that the container's Cancel finds them ended. */
    private void closeQuiet(long t, Context ctx, Collector<Alert> out) throws Exception {
        // runs for every detection: one pass in any order (the sort below is a total order), no sorting of every
        // alert the group keeps, closed ones included
        List<String> due = new ArrayList<>();
        List<AlertState> states = new ArrayList<>();
        for (Map.Entry<String, AlertState> e : alerts.entries()) {
            AlertState s = e.getValue();
            if (s.open && !s.holdOpen && s.lastActivityTs + hold(s) < t) {
                due.add(e.getKey());
                states.add(s);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < due.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingLong(i -> states.get(i).lastActivityTs + hold(states.get(i)))
                .thenComparing(i -> !states.get(i).contains.isEmpty())
                .thenComparing(due::get));
        for (int i : order) {
            AlertState s = states.get(i);
            close(due.get(i), s, s.lastActivityTs + hold(s), out, ctx); // carries the evidence an update would have
        }
    }

    private long retention() {
        // a cleared alert's state serves only a repeat within the window: kept exactly that long
        return rules.lifecycle().repeatWindowSec() * 1000L;
    }

    private void close(String key, AlertState s, long t, Collector<Alert> out, Context ctx) throws Exception {
        s.open = false;
        s.clearedTs = t;
        emit(s, AlertStatus.CLEARED, t, out);
        s.compactClosed();
        alerts.put(key, s);
        release(key);
        ctx.timerService().registerEventTimeTimer(t + retention() + 1000);
    }

    private void emit(AlertState s, AlertStatus status, long t, Collector<Alert> out) {
        Detection d = s.last;
        boolean notified = !s.inhibited;
        if (notified && !s.announced) {
            // the first notified message of an incident is its NEW, even when it was inhibited until now;
            // an incident that ends without ever having been notified ends unnotified
            if (status == AlertStatus.CLEARED) {
                notified = false;
            } else {
                status = AlertStatus.NEW;
            }
        }
        Alert a = new Alert();
        a.alertId = s.incidentId + "/" + (++s.seq);
        a.key = d.key();
        a.ruleId = d.ruleId;
        a.domain = d.domain;
        a.level = s.level;
        a.baseLevel = d.baseLevel;
        a.status = status;
        a.inhibited = !notified;
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
            a.referenceTimes.add(s.lastAlertTs);
        }
        if (notified) {
            // a higher alert references what it absorbed when it first can, and again when it ends (its Cancel
            // ends them too)
            int from = status == AlertStatus.CLEARED ? 0 : s.absorbedIds.size() - s.newlyAbsorbed;
            for (int i = from; i < s.absorbedIds.size(); i++) {
                if (!a.references.contains(s.absorbedIds.get(i))) {
                    a.references.add(s.absorbedIds.get(i));
                    a.referenceTimes.add(s.absorbedTs.get(i));
                }
            }
            s.newlyAbsorbed = 0;
            s.announced = true;
            s.lastAlertId = a.alertId;
            s.lastAlertTs = a.lastEventTs;
        }
        a.lat = d.lat;
        a.lon = d.lon;
        s.lastEmitTs = t;
        s.pendingUpdate = false;
        out.collect(a);
    }
}
