package jilin.ew.ingest;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness watermarks emitted as event time progresses (every {@code step} of it), not on
 * a wall-clock period: a replay then sees the same watermarks at the same places in its input however fast
 * the machine is, which is what makes replays deterministic, and small inputs advance time as large ones do.
 * An event far ahead of the stream's recent event time ({@link StreamAhead}) does not move the watermark.
 */
public class ProgressWatermarks<T> implements WatermarkGenerator<T> {
    private final long bound;
    private final long step;
    private final StreamAhead ahead;
    private long maxTs = Long.MIN_VALUE;
    private long emitted = Long.MIN_VALUE;

    /** {@code aheadOfStream}: how far ahead of the newest event time an event may be and still move time. */
    public ProgressWatermarks(Duration outOfOrderness, Duration step, long aheadOfStream) {
        this.bound = outOfOrderness.toMillis();
        this.step = step.toMillis();
        this.ahead = new StreamAhead(aheadOfStream, bound);
    }

    @Override
    public void onEvent(T event, long ts, WatermarkOutput out) {
        if (!ahead.take(ts)) {
            return; // e.g. local time stamped as UTC: the stream's own time has not moved
        }
        if (ts > maxTs) {
            maxTs = ts;
            long wm = maxTs - bound - 1;
            if (emitted == Long.MIN_VALUE || wm - emitted >= step) {
                emitted = wm;
                out.emitWatermark(new Watermark(wm));
            }
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput out) {
        // deliberately nothing: see the class comment (idleness is still detected by the wrapping strategy)
    }
}
