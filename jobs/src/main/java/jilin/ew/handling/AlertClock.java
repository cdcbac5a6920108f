package jilin.ew.handling;

import java.util.ArrayList;
import jilin.ew.schema.Alert;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The lifecycle's alert messages as handling inputs (each with word to the incidents it absorbed), and off live its
 * watermarks as data on a side output: the handling operator's own watermark also waits for the commands, so at the
 * end of a recording only this says how far the recording's time had come (what may still escalate then).
 */
public class AlertClock extends AbstractStreamOperator<HandlingInput>
        implements OneInputStreamOperator<Alert, HandlingInput> {
    private static final long serialVersionUID = 1L;
    /** The alert stream's watermarks (off live), for the broadcast side. */
    public static final OutputTag<HandlingInput> TIME = new OutputTag<>("alert-time") {};

    private final boolean ordered;

    public AlertClock(boolean ordered) {
        this.ordered = ordered;
    }

    @Override
    public void processElement(StreamRecord<Alert> r) {
        for (HandlingInput i : HandlingInput.of(r.getValue(), new ArrayList<>())) {
            output.collect(r.hasTimestamp() ? new StreamRecord<>(i, r.getTimestamp()) : new StreamRecord<>(i));
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (ordered && mark.getTimestamp() != Long.MAX_VALUE) {
            // the end of input (MAX) is not the recording's time
            output.collect(TIME, new StreamRecord<>(HandlingInput.clock(mark.getTimestamp()), mark.getTimestamp()));
        }
        super.processWatermark(mark);
    }
}
