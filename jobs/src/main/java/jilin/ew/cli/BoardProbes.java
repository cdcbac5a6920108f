package jilin.ew.cli;

import jilin.ew.board.Freshness;
import jilin.ew.schema.Alert;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The demo's freshness figures, measured inside the job: a probe on the raw input (messages in, newest event time)
 * and one on the alert output (the job's watermark). The demo's embedded Flink runs in this JVM, so the probes reach
 * the board's {@link Freshness} through a static field; on a cluster they would see none and do nothing.
 */
public final class BoardProbes {
    private static volatile Freshness target;

    private BoardProbes() {}

    static void attach(Freshness f) {
        target = f;
    }

    /** Counts each raw message and reads its event time ({@code "ts"}, without decoding the rest). */
    public static final class Input implements MapFunction<String, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String map(String raw) {
            Freshness f = target;
            if (f != null) {
                f.messageIn(jilin.ew.kafka.RawEventTime.of(raw));
            }
            return raw;
        }
    }

    /** Passes alerts through and reports every watermark that reaches the job's output. */
    public static final class Watermarks extends AbstractStreamOperator<Alert>
            implements OneInputStreamOperator<Alert, Alert> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(StreamRecord<Alert> element) {
            output.collect(element);
        }

        @Override
        public void processWatermark(Watermark mark) throws Exception {
            Freshness f = target;
            if (f != null && mark.getTimestamp() != Long.MAX_VALUE) {
                f.watermark(mark.getTimestamp());
            }
            super.processWatermark(mark);
        }
    }
}
