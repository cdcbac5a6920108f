package jilin.ew.handling;

import jilin.ew.schema.Alert;
import jilin.ew.schema.Handling;
import org.apache.flink.util.OutputTag;

/** The handling operator's side outputs (dead letters go to the shared {@code Outputs.DEAD_LETTERS}). */
public final class HandlingOutputs {
    /** Each incident's whole handling state after each change. */
    public static final OutputTag<Handling> HANDLING = new OutputTag<>("handling") {};
    /** The alert messages people are told about: not inhibited, not silenced; escalations included. */
    public static final OutputTag<Alert> NOTIFICATIONS = new OutputTag<>("notifications") {};

    private HandlingOutputs() {}
}
