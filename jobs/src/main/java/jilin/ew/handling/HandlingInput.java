package jilin.ew.handling;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Command;

/**
 * What the handling operator takes in: an alert message of the lifecycle, a command with its raw line, word that
 * an incident was absorbed by a higher alert of another key, or (off live) how far the alert stream's time has come
 * (exactly one of the four).
 */
public class HandlingInput {
    public Alert alert;
    public Command command;
    /** The command's line as received, for its dead letter. */
    public String raw;
    /** An incident a higher alert absorbed (referenced): it is inhibited from then on, and not escalated. */
    public String absorbed;
    /** When it was absorbed: the higher alert's message time. */
    public long absorbedAt;
    /** Off live: the alert stream's watermark, passed on as data ({@link AlertClock}); null otherwise. */
    public Long alertTime;

    public HandlingInput() {}

    public static HandlingInput of(Alert a) {
        HandlingInput i = new HandlingInput();
        i.alert = a;
        return i;
    }

    public static HandlingInput of(Command c, String raw) {
        HandlingInput i = new HandlingInput();
        i.command = c;
        i.raw = raw;
        return i;
    }

    /**
     * The inputs of one alert message: the message, and word to each other incident it references (absorbed).
     * A CLEARED message ends what it absorbed rather than absorbing it.
     */
    public static List<HandlingInput> of(Alert a, List<HandlingInput> out) {
        out.add(of(a));
        if (!a.inhibited && a.status != AlertStatus.CLEARED) {
            String own = Command.incidentOf(a.alertId);
            for (String ref : a.references) {
                String incident = Command.incidentOf(ref);
                if (!incident.equals(own) && !Command.keyOf(incident).equals(a.key)) {
                    HandlingInput i = new HandlingInput();
                    i.absorbed = incident;
                    i.absorbedAt = a.lastEventTs;
                    out.add(i);
                }
            }
        }
        return out;
    }

    /** The alert key all kinds are keyed by: the alert's, or the one the incident id names. */
    public String key() {
        return alert != null ? alert.key : Command.keyOf(absorbed != null ? absorbed : command.incidentId);
    }

    /** Event time: an alert message's last event time, a command's ts, an absorption's time. */
    public long ts() {
        return alert != null ? alert.lastEventTs : absorbed != null ? absorbedAt : command.ts;
    }

    /** 0 alert message, 1 absorption, 2 command: the order of one event time. */
    private int rank() {
        return alert != null ? 0 : absorbed != null ? 1 : 2;
    }

    /** True for what every parallel instance must see: SILENCE, EXPIRE, the alert stream's time. */
    public boolean broadcast() {
        return alertTime != null || command != null && (command.action == Command.Action.SILENCE
                || command.action == Command.Action.EXPIRE);
    }

    /** The alert stream's time, for every instance. */
    static HandlingInput clock(long watermark) {
        HandlingInput i = new HandlingInput();
        i.alertTime = watermark;
        return i;
    }

    /**
     * Inputs of one event time in a fixed order, whatever order they arrived in: alert messages first (a command given
     * as the alert appears finds its incident), in the order the lifecycle sent them (one key's messages come from one
     * channel, so a stable sort keeps it); then absorptions by incident; then commands by id and content.
     */
    static final Comparator<HandlingInput> ORDER = Comparator.comparingLong(HandlingInput::ts)
            .thenComparingInt(HandlingInput::rank)
            .thenComparing(i -> i.alert != null ? "" : i.absorbed != null ? i.absorbed : i.command.commandId)
            .thenComparing(i -> Objects.toString(i.raw, ""));
}
