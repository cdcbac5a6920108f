package jilin.ew.alert;

import java.util.ArrayList;
import java.util.List;
import jilin.ew.schema.Level;
import jilin.ew.schema.Modifier;

/** Lifecycle state of one alert key (rule + subject): the open incident, or the last one's end for repeats. */
public class AlertState {
    public String ruleId;
    public String subjectId;
    public boolean open;
    /** Ends only by an explicit clear, not by going quiet. */
    public boolean holdOpen;
    /** Incident id stem: key + first event time. */
    public String incidentId;
    public int seq;
    public Level level;
    public long firstTs;
    public long lastTs;
    public long lastActivityTs;
    public long lastEmitTs;
    public boolean pendingUpdate;
    public List<String> evidence = new ArrayList<>();
    public List<Modifier> modifiers = new ArrayList<>();
    /** The last notified (not inhibited) message of this key, and its event time (its CAP sent). */
    public String lastAlertId;
    public long lastAlertTs;
    /** Absorbed by an open higher alert of the group: recorded, not notified. */
    public boolean inhibited;
    /** Some message of the open incident was notified (its NEW went out). */
    public boolean announced;
    /** Key of the alert that inhibits this one. */
    public String inhibitedBy;
    /** Rules this alert absorbs while open (from its detections). */
    public List<String> contains = new ArrayList<>();
    /** Notified messages of the alerts this one absorbed: ids and event times; {@code newlyAbsorbed} of them
     *  not yet referenced by a message of this alert. */
    public List<String> absorbedIds = new ArrayList<>();
    public List<Long> absorbedTs = new ArrayList<>();
    public int newlyAbsorbed;
    /** When the last incident cleared (event time), or -1. */
    public long clearedTs = -1;
    /** The last detection of the open incident (null once closed). */
    public Detection last;

    public AlertState() {}

    /**
     * Once closed, an alert is kept for the retention time (a day) only for what may still ask for it: a repeat
     * (when it cleared, its first and last notified message), an absorbing higher alert (rule, subject, inhibited,
     * its last message) and the retention itself. The rest (evidence, the last detection with its raw messages) is
     * dropped: every checkpoint writes every kept alert, and at 20 alerts a second a day's closed alerts in full
     * made up most of each checkpoint.
     */
    void compactClosed() {
        evidence = new ArrayList<>();
        modifiers = new ArrayList<>();
        contains = new ArrayList<>();
        absorbedIds = new ArrayList<>();
        absorbedTs = new ArrayList<>();
        newlyAbsorbed = 0;
        last = null;
    }
}
