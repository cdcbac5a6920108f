package jilin.ew.board;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import jilin.ew.schema.Alert;
import jilin.ew.schema.Command;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Handling;
import jilin.ew.schema.Level;

/**
 * One incident of one alert (rule + subject): the row of the queue. Its NEW / ESCALATED / UPDATED / CLEARED
 * messages are its history; the one with the highest sequence number is its current state.
 */
public final class Incident {
    /** Kept per incident; a long incident's oldest UPDATEs go first (its NEW is always kept). */
    static final int HISTORY_MAX = 100;

    final String id;
    Alert latest;
    long latestSeq = Long.MIN_VALUE;
    final List<HistoryEntry> history = new ArrayList<>();
    /**
     * The alert ids of its newest {@link #SEEN_MAX} messages, to drop redeliveries (at-least-once topics, a job
     * restarted from a checkpoint repeats its recent messages). Bounded, as an incident open for weeks gets an
     * update every few minutes: a message repeated after that many newer ones only adds a history line again.
     */
    private final LinkedHashSet<String> seenAlertIds = new LinkedHashSet<>();
    static final int SEEN_MAX = 4 * HISTORY_MAX;
    String division;
    double[] position;
    /** Event id of the board event that last changed it. */
    long eventId;
    /** The incident id as the job writes it ('/' kept): what commands name. */
    String wireId;
    /** The job's newest handling state of it (who acknowledged, assignee, notes...), or null: none yet. */
    Handling handling;
    /** The handling changes seen, oldest first, at most {@link #HANDLING_HISTORY_MAX} (the oldest go first). */
    final List<HandlingEntry> handlingHistory = new ArrayList<>();
    static final int HANDLING_HISTORY_MAX = 50;
    /** Escalation messages seen (the job's count, from the messages or the handling state, whichever is higher). */
    int escalations;

    Incident(String id) {
        this.id = id;
    }

    /** Whether this is the first time the message {@code alertId} of this incident is seen (and remembers it). */
    boolean firstSight(String alertId) {
        if (!seenAlertIds.add(alertId)) {
            return false;
        }
        if (seenAlertIds.size() > SEEN_MAX) {
            Iterator<String> oldest = seenAlertIds.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** How many alert ids it remembers (for tests: bounded by {@link #SEEN_MAX}). */
    int seenCount() {
        return seenAlertIds.size();
    }

    public boolean open() {
        return latest.status != AlertStatus.CLEARED;
    }

    /** An open RED nobody has acknowledged (or resolved) yet: the row that must stand out. */
    public boolean unacknowledgedRed() {
        return open() && latest.level == Level.RED && (handling == null || handling.state == Handling.State.OPEN);
    }

    /** One message of the incident's life, as the timeline shows it. */
    public record HistoryEntry(String alertId, long seq, AlertStatus status, String level, long lastEventTs,
                               long emittedAt, String title, List<String> modifiers, String escalation) {}

    /** One handling change as the detail panel lists it: what was done, by whom (null for an escalation), when. */
    public record HandlingEntry(long version, String action, String actor, long at, String text) {
        /** The change a handling message records, from its last action and the fields that action sets. */
        static HandlingEntry of(Handling h) {
            String action = h.lastAction == null ? h.state.name() : h.lastAction;
            String actor = null;
            String text = null;
            switch (action) {
                case "ACKNOWLEDGE" -> actor = h.acknowledgedBy;
                case "ASSIGN" -> {
                    actor = h.assignedBy;
                    text = h.assignee;
                }
                case "NOTE" -> {
                    Handling.Note last = h.notes.isEmpty() ? null : h.notes.get(h.notes.size() - 1);
                    actor = last == null ? null : last.actor;
                    text = last == null ? null : last.text;
                }
                case "RESOLVE" -> {
                    actor = h.resolvedBy;
                    text = h.resolution;
                }
                case "ESCALATE" -> text = String.valueOf(h.escalations);
                default -> { }
            }
            return new HandlingEntry(h.version, action, actor, h.updatedAt, text);
        }
    }

    /** Whether a message is an escalation (it is part of its incident's history, never a new incident). */
    public static boolean isEscalation(Alert a) {
        if (a.escalation != null) {
            return true;
        }
        if (a.alertId == null) {
            return false;
        }
        String incident = Command.incidentOf(a.alertId);
        return !incident.equals(a.alertId) && a.alertId.startsWith(Command.ESCALATION_TAG, incident.length() + 1);
    }

    /**
     * The incident an alert message belongs to, URL-safe: the alert id without its sequence number ({@code
     * rule:subject/firstTs}), with '/' as '@'; alerts from elsewhere without that form fall back on key and first
     * event time.
     */
    public static String idOf(Alert a) {
        return wireIdOf(a).replace('/', '@');
    }

    /** The incident id as the job writes it (rule:subject/firstTs, '/' kept): what a command names. */
    public static String wireIdOf(Alert a) {
        if (a.alertId != null) {
            String incident = Command.incidentOf(a.alertId);
            if (!incident.equals(a.alertId)) {
                return incident;
            }
        }
        return a.key + "/" + a.firstEventTs;
    }

    /** The sequence number of a message within its incident (the alert id's last segment), else its event time. */
    public static long seqOf(Alert a) {
        int slash = a.alertId == null ? -1 : a.alertId.lastIndexOf('/');
        if (slash > 0) {
            try {
                return Long.parseLong(a.alertId.substring(slash + 1));
            } catch (NumberFormatException e) {
                // not a number (an escalation, an id from elsewhere) or too long: fall through
            }
        }
        return a.lastEventTs;
    }
}
