package jilin.ew.board;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;

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
    final Set<String> seenAlertIds = new HashSet<>();
    String division;
    double[] position;
    /** Event id of the board event that last changed it. */
    long eventId;

    Incident(String id) {
        this.id = id;
    }

    public boolean open() {
        return latest.status != AlertStatus.CLEARED;
    }

    /** One message of the incident's life, as the timeline shows it. */
    public record HistoryEntry(String alertId, long seq, AlertStatus status, String level, long lastEventTs,
                               long emittedAt, String title, List<String> modifiers) {}

    /**
     * The incident an alert message belongs to, URL-safe: the alert id without its sequence number ({@code
     * rule:subject/firstTs}), with '/' as '@'; alerts from elsewhere without that form fall back on key and first
     * event time.
     */
    public static String idOf(Alert a) {
        String base;
        int slash = a.alertId == null ? -1 : a.alertId.lastIndexOf('/');
        if (slash > 0 && isDigits(a.alertId, slash + 1)) {
            base = a.alertId.substring(0, slash);
        } else {
            base = a.key + "/" + a.firstEventTs;
        }
        return base.replace('/', '@');
    }

    /** The sequence number of a message within its incident (the alert id's last segment), else its event time. */
    public static long seqOf(Alert a) {
        int slash = a.alertId == null ? -1 : a.alertId.lastIndexOf('/');
        if (slash > 0 && isDigits(a.alertId, slash + 1)) {
            try {
                return Long.parseLong(a.alertId.substring(slash + 1));
            } catch (NumberFormatException e) {
                // too long for a long: fall through
            }
        }
        return a.lastEventTs;
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
