package jilin.ew.ingest;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Gives each signal its own event time as its record time, which is what CEP windows are measured in. A signal
 * otherwise carries the time of the message or timer being processed when it went out, and that is not always its
 * reading: a gas reading held until its station's definition arrives goes out with the definition's time, the
 * last held signal of a leak run with the reading that ended it, and a mine reading taken in order with the
 * timer of the oldest reading of its sensor that was waiting. A signal whose time the watermark has already passed
 * takes the first time still open, so a pattern uses it instead of dropping it as late.
 */
public final class OwnEventTime<T extends EventTimed> extends AbstractStreamOperator<T>
        implements OneInputStreamOperator<T, T> {
    private static final long serialVersionUID = 1L;
    private transient long watermark = Long.MIN_VALUE;

    @Override
    public void processElement(StreamRecord<T> r) {
        long ts = r.getValue().eventTs();
        long t = watermark == Long.MAX_VALUE ? ts : Math.max(ts, watermark + 1);
        output.collect(r.replace(r.getValue(), t));
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        super.processWatermark(mark);
    }
}
