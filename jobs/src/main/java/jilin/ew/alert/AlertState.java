package jilin.ew.alert;

import java.util.ArrayList;
import java.util.List;
import jilin.ew.schema.Level;
import jilin.ew.schema.Modifier;

/** Lifecycle state of one alert key (rule + subject): the open incident, or the last one's end for repeats. */
public class AlertState {
    public String ruleId;
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
    public String lastAlertId;
    /** When the last incident cleared (event time), or -1. */
    public long clearedTs = -1;
    public Detection last;

    public AlertState() {}
}
