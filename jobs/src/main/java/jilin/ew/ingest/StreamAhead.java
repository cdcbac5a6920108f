package jilin.ew.ingest;

import java.io.Serializable;

/**
 * Tells whether an event time is far ahead of a stream's own recent event time (a gateway stamping local time as
 * UTC is eight hours ahead), so that such a message moves neither the stream's newest time nor its watermark. A
 * stream that really moved on (it paused longer than the limit, then resumed) is followed once its far-ahead
 * messages arrive without a message in the old time between them and span more than {@code confirmSpan} of event
 * time among themselves: one message, or one gateway's burst, cannot drag event time along.
 */
public final class StreamAhead implements Serializable {
    private static final long serialVersionUID = 1L;
    /**
     * A day: live, decode refuses a message further ahead of the wall clock ({@code ts-too-far-ahead}); off live, a
     * stray refused by {@link StreamTimeGuard} this far ahead of the input's own time is {@code ts-too-far-ahead}
     * rather than {@code ts-ahead-of-stream}. The one definition of "too far ahead".
     */
    public static final long MAX_AHEAD_MS = 24 * 3600 * 1000L;

    private final long limit;
    private final long confirmSpan;
    private long newest = Long.MIN_VALUE;
    private long runMin = Long.MIN_VALUE;
    private long runMax = Long.MIN_VALUE;

    /** {@code limit}: how far ahead of the newest event time a message may be; {@code confirmSpan}: see above. */
    public StreamAhead(long limit, long confirmSpan) {
        this.limit = limit;
        this.confirmSpan = confirmSpan;
    }

    /** The newest event time taken so far, or Long.MIN_VALUE before the first. */
    public long newest() {
        return newest;
    }

    /** How far ahead of the newest event time a message may be. */
    public long limit() {
        return limit;
    }

    /**
     * Takes {@code ts} (true: the stream's newest time moves to it if later) or refuses it as far ahead (false:
     * nothing moves, unless it completes a run that shows the stream really moved on).
     */
    public boolean take(long ts) {
        if (newest == Long.MIN_VALUE || ts <= newest + limit) {
            newest = Math.max(newest, ts);
            runMin = Long.MIN_VALUE; // a message in the stream's own time: the far-ahead ones were strays
            return true;
        }
        if (runMin == Long.MIN_VALUE || ts > runMax + limit || ts < runMin - limit) {
            runMin = ts; // the start of a new run (or of another one, far from the last)
            runMax = ts;
        } else {
            runMin = Math.min(runMin, ts);
            runMax = Math.max(runMax, ts);
        }
        if (runMax - runMin > confirmSpan) {
            newest = runMax;
            runMin = Long.MIN_VALUE;
            return true;
        }
        return false;
    }
}
