package jilin.ew.mine;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-sensor state of the ordered path: readings waiting for the watermark, and what the sequence rules
 * need of the past (last value, band, rise run, stuck run, trailing window, silence deadline).
 */
public class SensorState {
    /** Readings not yet passed by the watermark, sorted by event time. */
    public List<Pending> pending = new ArrayList<>();
    public long lastTs = Long.MIN_VALUE;
    public double lastValue = Double.NaN;
    public String band = "NORMAL";
    public boolean lastWasRise;
    public double stuckValue = Double.NaN;
    public long stuckSince = Long.MIN_VALUE;
    public boolean stuckSignalled;
    public long lastVaryTs = Long.MIN_VALUE;
    public long silenceDeadline = Long.MIN_VALUE;
    /** When the registered silence timer fires (it trails the deadline), or MIN_VALUE for none. */
    public long silenceTimer = Long.MIN_VALUE;
    public boolean silentAlerted;
    public long lastTrendTs = Long.MIN_VALUE;
    /** Trailing window of (ts, value) for trends; capacity bounded. */
    public List<Long> winTs = new ArrayList<>();
    public List<Double> winVal = new ArrayList<>();
    /** Last few raw readings, kept as evidence (calibration readings included). */
    public List<String> recent = new ArrayList<>();

    public SensorState() {}

    /** One reading waiting for its turn. */
    public static class Pending {
        public long ts;
        public double value;
        public String status;
        public String raw;

        public Pending() {}

        Pending(long ts, double value, String status, String raw) {
            this.ts = ts;
            this.value = value;
            this.status = status;
            this.raw = raw;
        }
    }

    static final int MAX_WINDOW = 512;
    static final int MAX_RECENT = 5;

    void remember(String raw) {
        recent.add(raw);
        if (recent.size() > MAX_RECENT) {
            recent.remove(0);
        }
    }

    /** Adds to the trailing window and returns its minimum over the last windowMs. */
    double windowMin(long ts, double value, long windowMs) {
        winTs.add(ts);
        winVal.add(value);
        int drop = 0;
        while (drop < winTs.size() && (winTs.get(drop) < ts - windowMs || winTs.size() - drop > MAX_WINDOW)) {
            drop++;
        }
        if (drop > 0) {
            winTs.subList(0, drop).clear();
            winVal.subList(0, drop).clear();
        }
        double min = Double.POSITIVE_INFINITY;
        for (double v : winVal) {
            min = Math.min(min, v);
        }
        return min;
    }
}
