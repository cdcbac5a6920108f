package jilin.ew.schema;

import java.util.ArrayList;
import java.util.List;

/** The handling state of one incident (wire type {@code alert.handling}): the job's answer to commands. */
public class Handling {
    // times are epoch ms here and ISO-8601 with offset on the wire, as in Alert
    public static final String TYPE = "alert.handling";

    /** Where a person stands with an incident. */
    public enum State { OPEN, ACKNOWLEDGED, RESOLVED }

    public String type = TYPE;
    public String incidentId;
    public String key;
    public State state = State.OPEN;
    public long version;
    public long updatedAt;
    public String acknowledgedBy;
    public Long acknowledgedAt;
    public String assignee;
    public String assignedBy;
    public String resolvedBy;
    public Long resolvedAt;
    public String resolution;
    public List<Note> notes = new ArrayList<>();
    public int escalations;
    public List<String> silencedBy = new ArrayList<>();
    public String lastCommandId;
    public String lastAction;

    public Handling() {}

    /** A free-text note on an incident. */
    public static class Note {
        public String actor;
        public long at;
        public String text;

        public Note() {}

        public Note(String actor, long at, String text) {
            this.actor = actor;
            this.at = at;
            this.text = text;
        }
    }
}
