package jilin.ew.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Domain;
import jilin.ew.schema.HazardReport;
import jilin.ew.schema.Modifier;
import jilin.ew.schema.Times;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.TimerService;

/**
 * REPORT_CORROBORATED, the lifecycle's memory of hazard reports on its subject: a report and an alert of
 * another domain on the same subject within the rule's window of each other, in whichever order they
 * arrive, raise the alert one grade (modifier CORROBORATED). Reports are forgotten once the window has
 * passed (event-time timer), so the state stays bounded.
 */
public final class Corroboration {
    public static final String RULE = "REPORT_CORROBORATED";
    public static final String MODIFIER = "CORROBORATED";

    /** One remembered report. */
    public static class Mark {
        public String reportId;
        public long ts;
        public String about;
        /** The subject the report concerns (the lifecycle's key may group several subjects). */
        public String subject;

        public Mark() {}
    }

    private final MapState<String, Mark> reports;

    Corroboration(RuntimeContext rc) {
        reports = rc.getMapState(new MapStateDescriptor<>("corroborating-reports", String.class, Mark.class));
    }

    /**
     * Makes {@code n}, a detection of one subject the report concerns, the report's notice to that subject's
     * alerts, worded with the reporter ({@code who}) and the report's subject ({@code describe}).
     */
    public static Detection notice(Detection n, HazardReport r, String who, String describe, RuleSet rules) {
        n.ruleId = RULE;
        n.baseLevel = rules.level(RULE);
        n.reportId = r.reportId;
        n.title = "Report " + r.reportId + " on " + r.subjectId;
        n.detail = who + " report " + r.reportId + " (" + r.severity + ") on " + describe;
        return n;
    }

    /** Remembers a report (a detection with {@link Detection#reportId} set); false when the rule is off. */
    boolean remember(Detection d, RuleSet rules, TimerService timers) throws Exception {
        if (!rules.enabled(RULE)) {
            return false;
        }
        Mark m = new Mark();
        m.reportId = d.reportId;
        m.ts = d.eventTs;
        m.about = d.detail;
        m.subject = d.subjectId;
        reports.put(m.reportId + "@" + m.subject, m); // one report may concern several subjects of a group
        timers.registerEventTimeTimer((m.ts + window(rules)) / 1000 * 1000 + 1000);
        return true;
    }

    /**
     * The modifier for an alert of the subject whose activity spans {@code from..to} (event time), or null
     * when no remembered report lies within the window of it, or the alert is itself a report's.
     */
    Modifier modifierFor(Detection alert, long from, long to, RuleSet rules) throws Exception {
        if (alert.domain == Domain.REPORT || !rules.enabled(RULE)) {
            return null;
        }
        long w = window(rules);
        Mark best = null;
        for (Mark m : reports.values()) {
            boolean same = m.subject == null || m.subject.equals(alert.subjectId);
            if (same && m.ts >= from - w && m.ts <= to + w && (best == null || m.ts > best.ts)) {
                best = m;
            }
        }
        return best == null ? null : new Modifier(MODIFIER, "corroborated by " + best.about + " at "
                + Times.format(best.ts));
    }

    /** Forgets reports whose window has passed. */
    void expire(long now, RuleSet rules) throws Exception {
        if (reports.isEmpty()) {
            return;
        }
        List<String> old = new ArrayList<>();
        for (Map.Entry<String, Mark> e : reports.entries()) {
            if (e.getValue().ts + window(rules) < now) {
                old.add(e.getKey());
            }
        }
        for (String k : old) {
            reports.remove(k);
        }
    }

    private static long window(RuleSet rules) {
        return (long) (rules.rule(RULE).param("windowSec", 86400) * 1000);
    }
}
