package jilin.ew.ingest;

import java.util.ArrayList;
import java.util.List;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Envelope;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.util.OutputTag;

/**
 * Readings of a subject with no definition yet, held a while in keyed state in case the definition comes; the
 * one rule every domain shares for dead-lettering them as {@code unknown-subject}.
 */
public final class HeldUnknown {
    private HeldUnknown() {}

    /** What a domain function can emit side outputs through (its Flink context). */
    public interface SideOutput {
        <X> void output(OutputTag<X> tag, X value);
    }

    /**
     * Dead-letters the held messages whose hold has passed (all of them at the end of input: nothing is lost
     * then either) and keeps the rest.
     *
     * @param field the id field the reason names, e.g. sensorId
     * @param what  "definition for sensor", "registration for vehicle", ...
     */
    public static void expire(ListState<Envelope> held, long timestamp, boolean endOfInput, long holdMs,
                              String field, String what, SideOutput ctx) throws Exception {
        List<Envelope> keep = new ArrayList<>();
        for (Envelope h : held.get()) {
            if (endOfInput || h.ts + holdMs <= timestamp) {
                deadLetter(h, holdMs, field, what, ctx);
            } else {
                keep.add(h);
            }
        }
        held.update(keep);
    }

    /**
     * Empties the hold when the definition comes, and returns the messages it came in time for. A message whose
     * hold had passed by the definition's own event time is dead-lettered, as its timer would have done: whether
     * that timer fired before the definition arrived depends on how fast the watermark travelled, so the
     * definition's time decides, and a replay gives the same answer every time.
     */
    public static List<Envelope> release(ListState<Envelope> held, long definitionTs, long holdMs, String field,
                                         String what, SideOutput ctx) throws Exception {
        List<Envelope> inTime = new ArrayList<>();
        for (Envelope h : held.get()) {
            if (h.ts + holdMs <= definitionTs) {
                deadLetter(h, holdMs, field, what, ctx);
            } else {
                inTime.add(h);
            }
        }
        held.clear();
        return inTime;
    }

    private static void deadLetter(Envelope h, long holdMs, String field, String what, SideOutput ctx) {
        ctx.output(Outputs.DEAD_LETTERS, DeadLetter.of("unknown-subject", field, "no " + what + " '"
                + h.subjectId() + "' arrived within " + holdMs / 1000 + " s of the message", h.raw, h.ts));
    }
}
