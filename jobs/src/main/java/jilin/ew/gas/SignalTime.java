package jilin.ew.gas;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Gives each gas signal its own event time as its record time, which is what the leak pattern's window is
 * measured in. A signal otherwise carries the time of the message being processed when it went out, and that
 * is not always its reading: a reading held until its station's definition arrives goes out with the
 * definition's time, and the last held signal of a run ({@link LeakSignalRuns}) with the reading that ended
 * it. A signal whose time the watermark has already passed takes the first time still open, so the pattern
 * uses it instead of dropping it as late.
 */
final class SignalTime extends AbstractStreamOperator<GasSignal>
        implements OneInputStreamOperator<GasSignal, GasSignal> {
    private static final long serialVersionUID = 1L;
    private transient long watermark = Long.MIN_VALUE;

    @Override
    public void processElement(StreamRecord<GasSignal> r) {
        long ts = r.getValue().ts;
        long t = watermark == Long.MAX_VALUE ? ts : Math.max(ts, watermark + 1);
        output.collect(r.replace(r.getValue(), t));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        super.processWatermark(mark);
    }
}
