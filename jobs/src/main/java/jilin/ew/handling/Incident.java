package jilin.ew.handling;

import java.util.ArrayList;
import java.util.List;
import jilin.ew.schema.Alert;
import jilin.ew.schema.Command;
import jilin.ew.schema.Handling;

/** The handling operator's state of one incident: its handling as users see it, and its escalation clock. */
public class Incident {
    /** Command ids remembered per incident, so a repeated one is ignored (the newest kept beyond this). */
    static final int MAX_COMMAND_IDS = 256;
    /** Notes kept per incident (the newest). */
    static final int MAX_NOTES = 100;

    public Handling handling;
    /** The incident's latest lifecycle message: what an escalation repeats. */
    public Alert latest;
    /** Its first notified message (the NEW people were told about), which escalations reference; null before. */
    public String newAlertId;
    public long newAlertTs;
    /** When the escalation clock started: the NEW's event time off live, its arrival live. */
    public long clockStart;
    /** When the next escalation is due; null when none is. */
    public Long nextEscalationAt;
    /** Whether a higher alert absorbed it since its last notified message (no escalation meanwhile). */
    public boolean absorbed;
    /** Whether the lifecycle has cleared it. */
    public boolean cleared;
    /** When it was cleared or resolved (its state goes RETENTION later); null while neither. */
    public Long doneAt;
    public List<String> commandIds = new ArrayList<>();

    public Incident() {}

    static Incident of(String incidentId, String key) {
        Incident i = new Incident();
        i.handling = new Handling();
        i.handling.incidentId = incidentId;
        i.handling.key = key;
        return i;
    }

    boolean seen(String commandId) {
        return commandIds.contains(commandId);
    }

    void remember(String commandId) {
        commandIds.add(commandId);
        while (commandIds.size() > MAX_COMMAND_IDS) {
            commandIds.remove(0);
        }
    }

    /** Whether nobody has acknowledged or resolved it and it is still active: escalation applies. */
    boolean unanswered() {
        return !cleared && handling.state == Handling.State.OPEN && newAlertId != null;
    }

    /**
     * Applies a command at its time; true when the handling changed (an acknowledgement of an acknowledged
     * incident changes nothing).
     */
    boolean apply(Command c) {
        Handling h = handling;
        switch (c.action) {
            case ACKNOWLEDGE:
                if (h.state != Handling.State.OPEN) {
                    return false;
                }
                h.state = Handling.State.ACKNOWLEDGED;
                h.acknowledgedBy = c.actor;
                h.acknowledgedAt = c.ts;
                break;
            case ASSIGN:
                if (c.assignee.equals(h.assignee)) {
                    return false;
                }
                h.assignee = c.assignee;
                h.assignedBy = c.actor;
                break;
            case NOTE:
                h.notes.add(new Handling.Note(c.actor, c.ts, c.text));
                while (h.notes.size() > MAX_NOTES) {
                    h.notes.remove(0);
                }
                break;
            case RESOLVE:
                if (h.state == Handling.State.RESOLVED) {
                    return false;
                }
                h.state = Handling.State.RESOLVED;
                h.resolvedBy = c.actor;
                h.resolvedAt = c.ts;
                h.resolution = c.text;
                break;
            default:
                throw new IllegalArgumentException("not an incident command: " + c.action);
        }
        changed(c.ts, c.action.name(), c.commandId);
        return true;
    }

    void changed(long at, String action, String commandId) {
        handling.version++;
        handling.updatedAt = at;
        handling.lastAction = action;
        handling.lastCommandId = commandId;
    }

    /** A copy to hand out: the state kept here changes later. */
    Handling snapshot() {
        Handling h = handling;
        Handling c = new Handling();
        c.incidentId = h.incidentId;
        c.key = h.key;
        c.state = h.state;
        c.version = h.version;
        c.updatedAt = h.updatedAt;
        c.acknowledgedBy = h.acknowledgedBy;
        c.acknowledgedAt = h.acknowledgedAt;
        c.assignee = h.assignee;
        c.assignedBy = h.assignedBy;
        c.resolvedBy = h.resolvedBy;
        c.resolvedAt = h.resolvedAt;
        c.resolution = h.resolution;
        c.notes = new ArrayList<>(h.notes);
        c.escalations = h.escalations;
        c.silencedBy = new ArrayList<>(h.silencedBy);
        c.lastCommandId = h.lastCommandId;
        c.lastAction = h.lastAction;
        return c;
    }
}
