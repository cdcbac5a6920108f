package jilin.ew.sim;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/**
 * The one merging iterator of the simulators: the lines of many time-ordered timelines (a sensor, a gas series, a
 * vehicle, a whole simulator) in event-time order, lazily. Ties go to the lower rank, so the same timelines always
 * give the same bytes.
 */
final class TimeMerge implements Iterator<String> {
    /** Returned by {@link Timeline#nextTs()} once a timeline has nothing more to give. */
    static final long DONE = Long.MAX_VALUE;

    /** One time-ordered source of lines. */
    interface Timeline {
        /** Event time of the next line (epoch seconds), or {@link #DONE}. */
        long nextTs();

        /** Its place among timelines with the same next time: lower goes first; unique within one merge. */
        int rank();

        /** The next line, advancing the timeline; null when this step writes nothing (e.g. a silent sensor). */
        String take();
    }

    private final PriorityQueue<Timeline> queue;
    private String ready;

    TimeMerge(List<? extends Timeline> timelines) {
        queue = new PriorityQueue<>(Math.max(1, timelines.size()),
                Comparator.comparingLong(Timeline::nextTs).thenComparingInt(Timeline::rank));
        for (Timeline t : timelines) {
            if (t.nextTs() != DONE) {
                queue.add(t);
            }
        }
    }

    @Override
    public boolean hasNext() {
        while (ready == null) {
            Timeline t = queue.poll();
            if (t == null) {
                return false;
            }
            ready = t.take();
            if (t.nextTs() != DONE) {
                queue.add(t);
            }
        }
        return true;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String line = ready;
        ready = null;
        return line;
    }

    /** A lazy iterator of lines (each line's own {@code ts} gives its time) as one timeline. */
    static Timeline of(Iterator<String> lines, int rank) {
        return new Timeline() {
            private String head = lines.hasNext() ? lines.next() : null;
            private long ts = head == null ? DONE : SimTime.epochSecond(head);

            public long nextTs() {
                return ts;
            }

            public int rank() {
                return rank;
            }

            public String take() {
                String out = head;
                head = lines.hasNext() ? lines.next() : null;
                ts = head == null ? DONE : SimTime.epochSecond(head);
                return out;
            }
        };
    }
}
