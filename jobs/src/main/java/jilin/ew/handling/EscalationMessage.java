package jilin.ew.handling;

import java.util.ArrayList;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Command;
import jilin.ew.schema.Escalation;

/** The escalation message of an unacknowledged incident: its latest alert again, as an update that says why. */
public final class EscalationMessage {
    private EscalationMessage() {}

    /** "5 min", or seconds when not whole minutes. */
    static String duration(long sec) {
        return sec % 60 == 0 ? sec / 60 + " min" : sec + " s";
    }

    /** Escalation {@code count} of {@code inc} at {@code at}, {@code waitedMs} after its NEW message. */
    static Alert of(Incident inc, int count, long at, long waitedMs, RuleSet.EscalationPolicy policy) {
        Alert l = inc.latest;
        Alert a = new Alert();
        a.alertId = inc.handling.incidentId + "/" + Command.ESCALATION_TAG + count;
        a.key = l.key;
        a.ruleId = l.ruleId;
        a.domain = l.domain;
        a.level = l.level;
        a.baseLevel = l.baseLevel;
        a.status = AlertStatus.UPDATED;
        a.subjectId = l.subjectId;
        a.mineId = l.mineId;
        a.sensorId = l.sensorId;
        a.stationId = l.stationId;
        a.vehicleId = l.vehicleId;
        a.district = l.district;
        a.prefecture = l.prefecture;
        a.operatorId = l.operatorId;
        a.certainty = l.certainty;
        a.firstEventTs = l.firstEventTs;
        a.lastEventTs = Math.max(at, l.lastEventTs);
        a.emittedAt = System.currentTimeMillis();
        a.ruleSetVersion = l.ruleSetVersion;
        a.evidence = new ArrayList<>(l.evidence);
        a.modifiers = new ArrayList<>(l.modifiers);
        a.lat = l.lat;
        a.lon = l.lon;
        // an Update of the message people were told about first (CAP references it)
        a.references.add(inc.newAlertId);
        a.referenceTimes.add(inc.newAlertTs);
        Escalation e = new Escalation();
        e.count = count;
        e.unacknowledgedSec = waitedMs / 1000;
        e.reason = "unacknowledged for " + duration(e.unacknowledgedSec);
        e.routes = new ArrayList<>(policy.routes());
        a.escalation = e;
        a.title = "Unacknowledged for " + duration(e.unacknowledgedSec) + ": " + l.title;
        a.detail = "Escalation " + count + " of at most " + policy.maxTimes() + ": nobody has acknowledged this "
                + "incident for " + duration(e.unacknowledgedSec) + ". " + l.detail;
        return a;
    }
}
