package jilin.ew.schema;

/** A person acting on an alert (wire type {@code alert.command}, schema {@code alert.command.schema.json}). */
public class Command {
    public static final String TYPE = "alert.command";
    /** An escalation message's id is its incident id, this tag and its count ("/esc-1"). */
    public static final String ESCALATION_TAG = "esc-";

    /** What a command does. */
    public enum Action { ACKNOWLEDGE, ASSIGN, NOTE, RESOLVE, SILENCE, EXPIRE }

    public String type = TYPE;
    /** When the person gave it, epoch ms (ISO-8601 with offset on the wire, like every time of the contract). */
    public long ts;
    public String commandId;
    public Action action;
    public String actor;
    /** ACKNOWLEDGE, ASSIGN, NOTE, RESOLVE: the incident (alert id without its trailing sequence number). */
    public String incidentId;
    public String assignee;
    /** NOTE text, RESOLVE note, SILENCE comment. */
    public String text;
    /** EXPIRE: the silence to end (its SILENCE's commandId). */
    public String silenceId;
    /** SILENCE matchers; null where not matched on. */
    public String matchRuleId;
    public String matchSubjectId;
    public String matchPrefecture;
    /** SILENCE: start and end, epoch ms. */
    public Long startsAt;
    public Long endsAt;

    public Command() {}

    /**
     * The incident an id names: an alert message id (incident/seq) loses its sequence number, an escalation
     * message id (incident/esc-N) its escalation count; an incident id (key/firstEventTime) is itself. A message id
     * is told by its two trailing parts (the incident's start time, then the sequence): a key may hold '/' itself
     * (MINE_MULTI_SENSOR:LY001/WF1), so one trailing number alone is the incident's start time.
     */
    public static String incidentOf(String id) {
        if (id == null) {
            return null;
        }
        int last = id.lastIndexOf('/');
        if (last < 0) {
            return id;
        }
        boolean sequence = isDigits(id, last + 1)
                || id.startsWith(ESCALATION_TAG, last + 1) && isDigits(id, last + 1 + ESCALATION_TAG.length());
        int prev = id.lastIndexOf('/', last - 1);
        if (sequence && prev >= 0 && isDigits(id.substring(0, last), prev + 1)) {
            return id.substring(0, last);
        }
        return id;
    }

    /** The alert key of an incident id (rule:subject/firstEventTime): everything before its last slash. */
    public static String keyOf(String incidentId) {
        String inc = incidentOf(incidentId);
        int slash = inc.lastIndexOf('/');
        return slash < 0 ? inc : inc.substring(0, slash);
    }

    private static boolean isDigits(String s, int from) {
        if (from >= s.length()) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
