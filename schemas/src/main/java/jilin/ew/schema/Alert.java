package jilin.ew.schema;

import java.util.ArrayList;
import java.util.List;

/** The output alert of wire contract v1; CAP 1.2 is a second rendering of it. */
public class Alert {
    public String alertId;
    /** Stable across the alert's life: rule + subject. */
    public String key;
    public String ruleId;
    public Domain domain;
    public Level level;
    public Level baseLevel;
    public AlertStatus status;
    public String subjectId;
    public String mineId;
    public String sensorId;
    public String stationId;
    public String vehicleId;
    public String district;
    public String prefecture;
    public String operatorId;
    public String title;
    public String detail;
    /** OBSERVED for direct readings, LIKELY for patterns. */
    public String certainty;
    public long firstEventTs;
    public long lastEventTs;
    public long emittedAt;
    public String ruleSetVersion;
    /** Raw input messages that matched (JSON text), oldest first. */
    public List<String> evidence = new ArrayList<>();
    public List<Modifier> modifiers = new ArrayList<>();
    /** Earlier alert ids this one updates or absorbs. */
    public List<String> references = new ArrayList<>();
    /** Event time of each referenced message, in the order of {@link #references}: its CAP {@code sent}. */
    public List<Long> referenceTimes = new ArrayList<>();
    public boolean inhibited;
    /** Set only on an escalation message (nobody acknowledged in time); null on every lifecycle message. */
    public Escalation escalation;
    /** Position of the subject when known (for CAP circles), else null. */
    public Double lat;
    public Double lon;

    public Alert() {}

    @Override
    public String toString() {
        return status + " " + level + " " + ruleId + " " + subjectId;
    }
}
