package jilin.ew.board;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How fresh the board's input is: messages per second into the job, the newest event time, the watermark lag, and
 * whether the board is stale (no input for {@value #NO_INPUT_MS} ms, or the lag past {@value #MAX_LAG_MS} ms).
 * Fed by whoever sees the input (the demo's job in process; in Kafka mode the input topics' offsets).
 */
public final class Freshness {
    public static final long NO_INPUT_MS = 60_000;
    public static final long MAX_LAG_MS = 5 * 60_000;
    /** Rate is averaged over this window: a second alone jitters with the source's batches. */
    private static final long RATE_WINDOW_MS = 5_000;

    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong newestEventTs = new AtomicLong(Long.MIN_VALUE);
    private volatile long lastInputWallMs;
    private volatile long watermark = Long.MIN_VALUE;
    private volatile String lagBasis = "watermark";
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();

    private final LongSupplier clock;

    public Freshness() {
        this(System::currentTimeMillis);
    }

    /** With a given wall clock (tests). */
    Freshness(LongSupplier clock) {
        this.clock = clock;
        // a board that never hears anything goes stale a minute after it starts
        lastInputWallMs = clock.getAsLong();
    }

    /** One input message with its event time (Long.MIN_VALUE if unknown). Called per message: lock-free. */
    public void messageIn(long eventTs) {
        messages.incrementAndGet();
        lastInputWallMs = clock.getAsLong();
        if (eventTs != Long.MIN_VALUE && eventTs > newestEventTs.get()) {
            newestEventTs.accumulateAndGet(eventTs, Math::max);
        }
    }

    /**
     * The input's running total (e.g. the sum of the input topics' end offsets) and newest event time; input
     * counts as arrived only when the total grew since the last call.
     */
    public synchronized void totalIn(long total, long newestTs, boolean first) {
        long before = messages.getAndSet(total);
        if (!first && total > before) {
            lastInputWallMs = clock.getAsLong();
        }
        if (first) {
            samples.clear();
        }
        if (newestTs != Long.MIN_VALUE) {
            newestEventTs.accumulateAndGet(newestTs, Math::max);
        }
    }

    /** The job's current event-time watermark: the lag is then the newest event time minus it. */
    public void watermark(long wm) {
        if (wm > watermark) {
            watermark = wm;
        }
    }

    /**
     * Without the job's watermark (Kafka mode), the lag is the wall clock minus the newest event time: how far the
     * input's event time trails now, which the watermark can only trail further.
     */
    public void lagFromClock() {
        lagBasis = "clock";
    }

    /** Takes a rate sample; the server calls this about once a second. */
    public synchronized void sample(long nowMs) {
        samples.addLast(new long[] {nowMs, messages.get()});
        while (samples.size() > 2 && nowMs - samples.peekFirst()[0] > RATE_WINDOW_MS) {
            samples.removeFirst();
        }
    }

    /** The current figures. */
    public synchronized View view(long nowMs) {
        double rate = 0;
        if (samples.size() >= 2) {
            long[] a = samples.peekFirst();
            long[] b = samples.peekLast();
            if (b[0] > a[0]) {
                rate = (b[1] - a[1]) * 1000.0 / (b[0] - a[0]);
            }
        }
        long newest = newestEventTs.get();
        Long lag = null;
        if (newest != Long.MIN_VALUE) {
            if ("clock".equals(lagBasis)) {
                lag = Math.max(0, nowMs - newest);
            } else if (watermark != Long.MIN_VALUE) {
                lag = Math.max(0, newest - watermark);
            }
        }
        long quiet = nowMs - lastInputWallMs;
        String reason = null;
        if (quiet > NO_INPUT_MS) {
            reason = "no-input";
        } else if (lag != null && lag > MAX_LAG_MS) {
            reason = "lag";
        }
        return new View(Math.max(0, rate), messages.get(), newest == Long.MIN_VALUE ? null : newest, lag, lagBasis,
                quiet, reason != null, reason);
    }

    /** One reading of the freshness strip. */
    public record View(double messagesPerSec, long messagesTotal, Long newestEventTs, Long lagMs, String lagBasis,
                       long msSinceInput, boolean stale, String staleReason) {}
}
