package jilin.ew.handling;

import java.util.Comparator;
import java.util.Objects;
import jilin.ew.schema.Alert;
import jilin.ew.schema.Command;

/** What the handling operator takes in: an alert message of the lifecycle, or a command with its raw line. */
public class HandlingInput {
    public Alert alert;
    public Command command;
    /** The command's line as received, for its dead letter. */
    public String raw;

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

    /** The alert key both kinds are keyed by: the alert's, or the one its command's incident id names. */
    public String key() {
        return alert != null ? alert.key : Command.keyOf(command.incidentId);
    }

    /** Event time: an alert message's last event time, a command's ts. */
    public long ts() {
        return alert != null ? alert.lastEventTs : command.ts;
    }

    /** True for the commands every parallel instance must see (SILENCE, EXPIRE). */
    public boolean broadcast() {
        return command != null && (command.action == Command.Action.SILENCE
                || command.action == Command.Action.EXPIRE);
    }

    /**
     * Inputs of one event time in a fixed order, whatever order they arrived in: alert messages before commands (a
     * command given as the alert appears finds its incident), then by id, then by content.
     */
    static final Comparator<HandlingInput> ORDER = Comparator.comparingLong(HandlingInput::ts)
            .thenComparing(i -> i.alert == null)
            .thenComparing(i -> i.alert != null ? i.alert.alertId : i.command.commandId)
            .thenComparing(i -> Objects.toString(i.raw, ""));
}
