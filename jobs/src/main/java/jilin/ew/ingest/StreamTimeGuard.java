package jilin.ew.ingest;

import java.util.ArrayList;
import java.util.List;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.Times;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Keeps a message far ahead of its stream's recent event time (e.g. a gateway stamping UTC+8 local time as
 * {@code Z}: eight hours ahead) from moving event time, on a single ordered source (replay, backtest, demo). Such a
 * message is held until the stream shows where it goes. The next message back in the stream's own time shows it was
 * a stray: it is dead-lettered {@code ts-ahead-of-stream} ({@code ts-too-far-ahead} when more than a day,
 * {@link StreamAhead#MAX_AHEAD_MS}, ahead). A later message beyond it, held messages spanning more than
 * {@code confirmSpan} of event time, a full hold or the end of the input show the stream moved on (it paused, or
 * definitions stamped days earlier came first): the held messages go on, in order. All of it is measured against
 * the input's own time, never the clock, so a recording replays the same on any day.
 */
public final class StreamTimeGuard extends AbstractStreamOperator<Envelope>
        implements OneInputStreamOperator<Envelope, Envelope>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    /** Most messages held at once: a stream that fills the hold in the new time has moved on. */
    static final int MAX_HELD = 10_000;

    private final long limit;
    private final long confirmSpan;
    private transient long newest;
    private transient List<Envelope> held;
    private transient long heldMin;
    private transient long heldMax;

    /** {@code limit}: how far ahead of the newest event time a message may be; {@code confirmSpan}: see above. */
    public StreamTimeGuard(long limit, long confirmSpan) {
        this.limit = limit;
        this.confirmSpan = confirmSpan;
    }

    @Override
    public void open() throws Exception {
        super.open();
        newest = Long.MIN_VALUE;
        held = new ArrayList<>();
    }

    @Override
    public void processElement(StreamRecord<Envelope> r) {
        Envelope e = r.getValue();
        if (!held.isEmpty() && e.ts > heldMax && e.ts > newest + limit) {
            releaseHeld(); // the stream went on beyond what was held: it moved on
        }
        if (newest == Long.MIN_VALUE || e.ts <= newest + limit) {
            refuseHeld(); // the stream goes on in its own time: what was held were strays
            newest = Math.max(newest, e.ts);
            output.collect(r);
            return;
        }
        if (held.isEmpty()) {
            heldMin = e.ts;
            heldMax = e.ts;
        }
        held.add(e);
        heldMin = Math.min(heldMin, e.ts);
        heldMax = Math.max(heldMax, e.ts);
        if (heldMax - heldMin > confirmSpan || held.size() >= MAX_HELD) {
            releaseHeld();
        }
    }

    private void releaseHeld() {
        for (Envelope h : held) {
            newest = Math.max(newest, h.ts);
            output.collect(new StreamRecord<>(h));
        }
        held.clear();
    }

    @Override
    public void endInput() {
        releaseHeld(); // nothing came back to the old time: taken as where the stream went
    }

    /**
     * A bounded source's final watermark reaches this operator before {@link #endInput()}: what is held goes on
     * first, or it would arrive behind the end-of-input watermark, where no timer downstream fires for it again.
     */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            releaseHeld();
        }
        super.processWatermark(mark);
    }

    private void refuseHeld() {
        for (Envelope h : held) {
            long lead = h.ts - newest;
            String reason = lead > StreamAhead.MAX_AHEAD_MS ? "ts-too-far-ahead" : "ts-ahead-of-stream";
            String by = lead > StreamAhead.MAX_AHEAD_MS ? "more than a day" : lead / 60_000 + " min";
            output.collect(Outputs.DEAD_LETTERS, new StreamRecord<>(DeadLetter.of(reason, "ts",
                    "event time " + Times.format(h.ts) + " is " + by + " ahead of the newest message of the stream ("
                            + Times.format(newest) + "), more than the " + limit / 1000 + " s allowed, and the stream"
                            + " did not follow it: a clock or time zone error (local time stamped as UTC?) would"
                            + " otherwise move event time ahead of every other reading", h.raw, h.ts)));
        }
        held.clear();
    }
}
