package jilin.ew.mine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * Per-sensor state of the ordered path: readings waiting for the watermark, and what the sequence rules
 * need of the past (last value, band, rise run, stuck run, trailing window, silence deadline). Serialized by
 * {@link SensorStateSerializer}.
 */
@TypeInfo(SensorStateSerializer.Factory.class)
public class SensorState {
    /** Readings not yet passed by the watermark, sorted by event time. */
    public List<WaitingReading> waiting = new ArrayList<>();
    /** The same, as kept by versions before {@link #waiting}: moved there on first use ({@link #upgrade}). */
    public List<Pending> pending = new ArrayList<>();
    public long lastTs = Long.MIN_VALUE;
    public double lastValue = Double.NaN;
    public String band = "NORMAL";
    public boolean lastWasRise;
    /** The rising CH4 steps of the run in progress, held until the run is long enough to match (Ch4RapidRise). */
    public List<WaitingReading> riseRun = new ArrayList<>();
    /** The rate of each step of {@link #riseRun}, %/min. */
    public List<Double> riseRates = new ArrayList<>();
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
    /**
     * The sensor's resolved definition under the rules in force, held here so a reading needs no lookup of its own
     * (a lookup per reading in a map of every sensor was a tenth of the mine sensor task). Valid while
     * {@link #infoEpoch} is the function's; never checkpointed nor copied: without it the function looks it up.
     */
    transient SensorInfo info;
    transient long infoEpoch;
    /** The minimum of {@link #winVal}, NaN when not known (never checkpointed: a restored state scans once). */
    private transient double cachedMin = Double.NaN;
    /**
     * The last few readings, kept as evidence (calibration readings included). Checkpoints hold their values, not
     * their text (as for {@link #waiting}): restored, a reading's evidence is its canonical form.
     */
    public List<WaitingReading> recentReadings = new ArrayList<>();
    /** The same as UTF-8 text: only in state restored from a savepoint taken before {@link #recentReadings}. */
    public List<byte[]> recentUtf8 = new ArrayList<>();
    /** The same as text: only in state restored from a savepoint taken before {@link #recentUtf8}. */
    public List<String> recent = new ArrayList<>();

    public SensorState() {}

    /** One reading waiting for its turn: only in state restored from a savepoint taken before {@link #waiting}. */
    public static class Pending {
        public long ts;
        public double value;
        public String status;
        public String raw;

        public Pending() {}
    }

    static final int MAX_WINDOW = 512;
    static final int MAX_RECENT = 5;

    /** State restored from an older savepoint: its waiting readings move to {@link #waiting}. */
    SensorState upgrade() {
        if (!pending.isEmpty()) {
            waiting = waitingInOrder();
            pending.clear();
        }
        return this;
    }

    /** The waiting readings with any older version's not yet moved merged in, in order; changes nothing. */
    List<WaitingReading> waitingInOrder() {
        if (pending.isEmpty()) {
            return waiting;
        }
        List<WaitingReading> all = new ArrayList<>(waiting);
        for (Pending p : pending) {
            all.add(new WaitingReading(p.ts, p.value, p.status, p.raw));
        }
        all.sort(Comparator.comparingLong(w -> w.ts));
        return all;
    }

    /** Keeps a reading as evidence (only the last {@link #MAX_RECENT}); what older versions kept ages out first. */
    void remember(WaitingReading p) {
        recentReadings.add(p);
        if (recent.size() + recentUtf8.size() + recentReadings.size() > MAX_RECENT) {
            if (!recent.isEmpty()) {
                recent.remove(0);
            } else if (!recentUtf8.isEmpty()) {
                recentUtf8.remove(0);
            } else {
                recentReadings.remove(0);
            }
        }
    }

    /** The remembered raw messages, oldest first. */
    public List<String> recentRaw(String sensorId) {
        List<String> l = new ArrayList<>(recent);
        for (byte[] b : recentUtf8) {
            l.add(new String(b, StandardCharsets.UTF_8));
        }
        for (WaitingReading r : recentReadings) {
            l.add(r.raw(sensorId));
        }
        return l;
    }

    /** Adds to the trailing window and returns its minimum over the last windowMs. */
    public double windowMin(long ts, double value, long windowMs) {
        winTs.add(ts);
        winVal.add(value);
        int drop = 0;
        boolean minLeft = false;
        while (drop < winTs.size() && (winTs.get(drop) < ts - windowMs || winTs.size() - drop > MAX_WINDOW)) {
            minLeft |= winVal.get(drop) == cachedMin;
            drop++;
        }
        if (drop > 0) {
            winTs.subList(0, drop).clear();
            winVal.subList(0, drop).clear();
        }
        if (Double.isNaN(cachedMin) || minLeft) {
            // the minimum is scanned for only when it left the window (or is not known after a restore or copy):
            // a scan per reading was a sixth of the mine sensor task on a dense recording
            cachedMin = Double.POSITIVE_INFINITY;
            for (double v : winVal) {
                cachedMin = Math.min(cachedMin, v);
            }
        } else {
            cachedMin = Math.min(cachedMin, value);
        }
        return cachedMin;
    }
}
