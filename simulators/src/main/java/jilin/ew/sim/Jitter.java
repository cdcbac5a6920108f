package jilin.ew.sim;

import java.util.Comparator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/** Moves each line of a time-ordered stream up to {@code jitter} seconds of event time later in the output. */
final class Jitter implements Iterator<String> {
    private record Pending(long ts, double key, long seq, String line) {
    }

    private final Iterator<String> in;
    private final long jitter;
    private final SplittableRandom rnd;
    private final PriorityQueue<Pending> buffer = new PriorityQueue<>(
            Comparator.comparingDouble(Pending::key).thenComparingLong(Pending::seq));
    private long lastTs = Long.MIN_VALUE;
    private long seq;

    Jitter(Iterator<String> in, long jitter, SplittableRandom rnd) {
        this.in = in;
        this.jitter = jitter;
        this.rnd = rnd;
    }

    @Override
    public boolean hasNext() {
        // Keys are ts + U(0, jitter) >= ts, so nothing still to come can sort before a key <= the newest ts.
        while (in.hasNext()) {
            Pending head = buffer.peek();
            if (head != null && head.key() <= lastTs) {
                return true;
            }
            String line = in.next();
            lastTs = SimTime.epochSecond(line);
            buffer.add(new Pending(lastTs, lastTs + rnd.nextDouble() * jitter, seq++, line));
        }
        return !buffer.isEmpty();
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return buffer.poll().line();
    }
}
