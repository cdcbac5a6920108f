package jilin.ew.alert;

import java.util.ArrayList;
import java.util.List;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;
import jilin.ew.schema.Modifier;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * What a domain operator found: a rule breached by a subject at an event time, with its evidence and the
 * domain's own grade raises. The lifecycle turns detections into alerts. A detection may instead only keep
 * a subject's open alerts alive ({@link #keepAlive}) or end one ({@link #clear}).
 */
@TypeInfo(DetectionSerializer.Factory.class)
public class Detection {
    public String ruleId;
    public Domain domain;
    public Level baseLevel;
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
    /** OBSERVED (a reading breached) or LIKELY (a pattern matched). */
    public String certainty;
    public long firstEventTs;
    public long eventTs;
    public List<String> evidence = new ArrayList<>();
    /** Grade raises the domain knows of (disaster mine, crowded place). */
    public List<Modifier> modifiers = new ArrayList<>();
    /** Refreshes the subject's open alerts; opens none. */
    public boolean keepAlive;
    /** Ends the open alert of this rule and subject now (e.g. a silent sensor reports again). */
    public boolean clear;
    /** The condition persists without further detections (silent, stuck): only a clear ends the alert. */
    public boolean holdOpen;
    /**
     * The reading behind this detection or keep-alive (for a CH4 sensor: % CH4), compared with the
     * {@link #keepAliveFrom} of the subject's open alerts; null: none.
     */
    public Double reading;
    /**
     * The alert this detection opens or continues is kept alive only by detections and keep-alives of its
     * subject whose {@link #reading} is at or above this value: a CH4 power cut stays open while methane is not
     * below its restore value, an alarm while it is not below the alarm value (煤矿安全规程). Null: by any.
     */
    public Double keepAliveFrom;
    /** Set on a hazard report's notice to a subject it concerns: the report id. The lifecycle remembers it and
     *  raises the subject's alerts (see {@link Corroboration}); such a notice opens no alert. */
    public String reportId;
    public Double lat;
    public Double lon;
    /** Rule-set version the detection was raised under. */
    public String ruleSetVersion;
    /**
     * The lifecycle's key: subjects whose alerts may inhibit one another (a mine district and its sensors)
     * share it; null means the subject alone.
     */
    public String group;
    /**
     * Rules whose alerts this one absorbs while it is open (inhibition): on the same subject, or on every
     * subject of the group when this detection's subject is the group itself (a district-wide alert).
     */
    public List<String> contains = new ArrayList<>();

    public Detection() {}

    public String key() {
        return ruleId + ":" + subjectId;
    }

    /** What the alert lifecycle is keyed by: the group, else the subject. */
    public String lifecycleKey() {
        return group != null ? group : subjectId;
    }

    /**
     * A finding of a rule on a subject, with what every domain fills in alike; the domain adds its ids, place and
     * modifiers. {@code pattern}: matched over several messages (certainty LIKELY) rather than seen in one (OBSERVED).
     */
    public static Detection finding(String ruleId, Domain domain, Level base, String subjectId, boolean pattern,
                                    long firstTs, long ts, String title, String detail, List<String> evidence,
                                    String ruleSetVersion) {
        Detection d = new Detection();
        d.ruleId = ruleId;
        d.domain = domain;
        d.baseLevel = base;
        d.subjectId = subjectId;
        d.title = title;
        d.detail = detail;
        d.certainty = pattern ? "LIKELY" : "OBSERVED";
        d.firstEventTs = firstTs;
        d.eventTs = ts;
        d.evidence.addAll(evidence);
        d.ruleSetVersion = ruleSetVersion;
        return d;
    }

    /** A keep-alive for the given subject at the given time. */
    public static Detection keepAlive(Domain domain, String subjectId, long ts) {
        Detection d = new Detection();
        d.domain = domain;
        d.subjectId = subjectId;
        d.eventTs = ts;
        d.firstEventTs = ts;
        d.keepAlive = true;
        return d;
    }

    @Override
    public String toString() {
        return (clear ? "CLEAR " : keepAlive ? "KEEP " : "") + ruleId + " " + baseLevel + " " + subjectId + " @" + eventTs;
    }
}
