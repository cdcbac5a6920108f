package jilin.ew.ingest;

import java.util.HashMap;
import java.util.Map;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.DecodeResult;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.Times;
import jilin.ew.schema.WireCodec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes and validates raw messages; whatever cannot be used goes to the dead-letter output with its
 * reason, and the job goes on. Live, it also refuses event times more than a day ({@link StreamAhead#MAX_AHEAD_MS})
 * ahead of the newest seen or the wall clock, so that one bad first message cannot drag the watermark a year ahead.
 * A replay is not measured against the clock (its outcome must not depend on the day it runs): there
 * {@link StreamTimeGuard} measures leads against the recording's own time.
 */
public class DecodeFunction extends ProcessFunction<String, Envelope> {
    private static final long serialVersionUID = 1L;

    private final boolean live;

    private transient WireCodec codec;
    private transient long newest;
    private transient Counter in;
    private transient MetricGroup deadGroup;
    private transient Map<String, Counter> deadByReason;

    /** A replay's decoder (the default settings are not live). */
    public DecodeFunction() {
        this(false);
    }

    /**
     * Live ({@code JobSettings.live}): refuses event times too far ahead of the wall clock; otherwise leaves that to
     * the guard. A flag rather than the settings, so that ingest depends on nothing above it.
     */
    public DecodeFunction(boolean live) {
        this.live = live;
    }

    @Override
    public void open(OpenContext ctx) {
        codec = new WireCodec();
        newest = Long.MIN_VALUE;
        in = getRuntimeContext().getMetricGroup().counter("messagesIn");
        deadGroup = getRuntimeContext().getMetricGroup().addGroup("deadLetters");
        deadByReason = new HashMap<>();
    }

    @Override
    public void processElement(String raw, Context ctx, Collector<Envelope> out) {
        in.inc();
        DecodeResult r = codec.decode(raw);
        if (!r.isOk()) {
            dead(ctx, r.deadLetter);
            return;
        }
        Envelope e = r.event;
        if (live) {
            // the clock is read only live: a replay never compares with it, and a read per message showed in the
            // profile of the decoding task (docs/performance.md)
            long reference = Math.max(newest, System.currentTimeMillis());
            if (e.ts > reference + StreamAhead.MAX_AHEAD_MS) {
                dead(ctx, DeadLetter.of("ts-too-far-ahead", "ts", "event time " + Times.format(e.ts)
                        + " is more than a day ahead of the newest message seen or the clock ("
                        + Times.format(reference) + ")", raw, e.ts));
                return;
            }
            newest = Math.max(newest, e.ts);
        }
        out.collect(e);
    }

    private void dead(Context ctx, DeadLetter d) {
        deadByReason.computeIfAbsent(d.reason, deadGroup::counter).inc();
        ctx.output(Outputs.DEAD_LETTERS, d);
    }
}
