package jilin.ew.mine;

import java.util.Arrays;
import java.util.List;

/**
 * A sensor's trailing window of (event time, value) for the trend rules, with its minimum: a ring of primitives.
 * Lists of boxed numbers cost two objects a reading that live as long as the window, and dropping the oldest
 * shifted both lists (up to {@link #MAX} references each, per reading): a fifth of the mine sensor task on a dense
 * recording of shut-down mines.
 */
public final class TrailingWindow {
    /** At most this many readings, whatever the window's length. */
    public static final int MAX = 512;

    private long[] ts = new long[8];
    private double[] values = new double[8];
    /** Position of the oldest reading. */
    private int head;
    private int size;
    /** The minimum of the values, NaN when not known (never checkpointed: a restored window scans once). */
    private double min = Double.NaN;

    public int size() {
        return size;
    }

    /** The i-th oldest reading's event time. */
    public long ts(int i) {
        return ts[(head + i) % ts.length];
    }

    /** The i-th oldest reading's value. */
    public double value(int i) {
        return values[(head + i) % values.length];
    }

    /** Adds a reading, drops those older than {@code windowMs} before it (and any over {@link #MAX}), returns the minimum. */
    public double add(long t, double value, long windowMs) {
        if (size == ts.length && size < MAX) {
            grow();
        }
        boolean minLeft = false;
        if (size == MAX) {
            minLeft = dropOldest();
        }
        ts[(head + size) % ts.length] = t;
        values[(head + size) % values.length] = value;
        size++;
        while (size > 1 && ts[head] < t - windowMs) {
            minLeft |= dropOldest();
        }
        if (Double.isNaN(min) || minLeft) {
            // scanned only when the minimum left the window (or is not known after a restore or copy): a scan per
            // reading was a sixth of the mine sensor task on a dense recording
            min = Double.POSITIVE_INFINITY;
            for (int i = 0; i < size; i++) {
                min = Math.min(min, value(i));
            }
        } else {
            min = Math.min(min, value);
        }
        return min;
    }

    /** Drops the oldest reading; true when it held the minimum. */
    private boolean dropOldest() {
        boolean wasMin = values[head] == min;
        head = (head + 1) % ts.length;
        size--;
        return wasMin;
    }

    private void grow() {
        int n = Math.min(MAX, ts.length * 2);
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < size; i++) {
            t[i] = ts(i);
            v[i] = value(i);
        }
        ts = t;
        values = v;
        head = 0;
    }

    /** A copy of its own: nothing added to either reaches the other. */
    public TrailingWindow copy() {
        TrailingWindow c = new TrailingWindow();
        c.ts = Arrays.copyOf(ts, ts.length);
        c.values = Arrays.copyOf(values, values.length);
        c.head = head;
        c.size = size;
        c.min = min;
        return c;
    }

    /** Appends a reading as restored, oldest first, dropping nothing. */
    public void restore(long t, double value) {
        if (size == MAX) {
            dropOldest();
        } else if (size == ts.length) {
            grow();
        }
        ts[(head + size) % ts.length] = t;
        values[(head + size) % values.length] = value;
        size++;
        min = Double.NaN;
    }

    /** The window of state kept as two lists by versions before this class. */
    static TrailingWindow of(List<Long> ts, List<Double> values) {
        TrailingWindow w = new TrailingWindow();
        for (int i = 0; i < ts.size(); i++) {
            w.restore(ts.get(i), values.get(i));
        }
        return w;
    }
}
