package jilin.ew.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Level;
import jilin.ew.sim.ScenarioLabel;

/** Scores alerts against simulator labels: which labels were detected, and which alerts no label explains. */
public final class Scenarios {
    /** An alert may start this long before a label's first affected reading (patterns look back). */
    static final Duration BEFORE = Duration.ofMinutes(2);
    /** ... and this long after its last (silence, stuck and clearing take time). */
    static final Duration AFTER = Duration.ofMinutes(45);

    private Scenarios() {}

    /** The opening alerts (NEW or ESCALATED) that detect the label: its rule and subject, at or above its level. */
    public static List<Alert> detecting(ScenarioLabel l, List<Alert> alerts) {
        List<Alert> out = new ArrayList<>();
        for (Alert a : alerts) {
            if (a.ruleId.equals(l.ruleId()) && a.subjectId.equals(l.subjectId())
                    && (a.status == AlertStatus.NEW || a.status == AlertStatus.ESCALATED)
                    && a.level.atLeast(Level.valueOf(l.minLevel())) && within(a, l)) {
                out.add(a);
            }
        }
        return out;
    }

    /** Whether the alert lies in the label's time window and concerns its subject, one of its ids (sensors, gas points, vehicle) or its district. */
    public static boolean explains(ScenarioLabel l, Alert a) {
        if (!within(a, l)) {
            return false;
        }
        if (a.subjectId.equals(l.subjectId())) {
            return true;
        }
        if (l.sensorIds() != null && (l.sensorIds().contains(a.subjectId)
                || (a.sensorId != null && l.sensorIds().contains(a.sensorId))
                || (a.stationId != null && l.sensorIds().contains(a.stationId))
                || (a.vehicleId != null && l.sensorIds().contains(a.vehicleId)))) {
            return true;
        }
        return l.district() != null && a.subjectId.equals(l.mineId() + "/" + l.district());
    }

    private static boolean within(Alert a, ScenarioLabel l) {
        long from = l.startInstant().minus(BEFORE).toEpochMilli();
        long to = l.endInstant().plus(AFTER).toEpochMilli();
        return a.firstEventTs >= from && a.firstEventTs <= to;
    }
}
