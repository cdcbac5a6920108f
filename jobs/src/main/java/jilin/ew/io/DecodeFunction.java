package jilin.ew.io;

import java.util.HashMap;
import java.util.Map;
import jilin.ew.JobSettings;
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
 * reason, and the job goes on. Also refuses event times more than a day ({@link StreamAhead#MAX_AHEAD_MS}) ahead of
 * the newest seen: in a replay the newest of the recording itself, so the outcome does not depend on the day it
 * runs; live, at least the wall clock, so that one bad first message cannot drag the watermark a year ahead. On a
 * single ordered source it also refuses a message far ahead of the stream's recent event time
 * ({@code ts-ahead-of-stream}, see {@link JobSettings#aheadOfStream}), which would otherwise move the watermark
 * past the readings still to come.
 */
public class DecodeFunction extends ProcessFunction<String, Envelope> {
    private static final long serialVersionUID = 1L;

    private final boolean live;
    private final boolean checkStream;
    private final long aheadOfStreamMs;
    private final long confirmSpanMs;

    private transient WireCodec codec;
    private transient long newest;
    private transient StreamAhead stream;
    private transient Counter in;
    private transient MetricGroup deadGroup;
    private transient Map<String, Counter> deadByReason;

    /** A replay's decoder with the default settings. */
    public DecodeFunction() {
        this(new JobSettings());
    }

    /**
     * Live: "too far ahead" of the wall clock. A Kafka source (event time from the source) interleaves partitions
     * that may be minutes apart while it catches up, so only a single ordered source is checked against its own
     * recent event time; the Kafka source's per-partition watermarks skip such messages themselves.
     */
    public DecodeFunction(JobSettings settings) {
        this.live = settings.live;
        this.checkStream = !settings.eventTimeFromSource;
        this.aheadOfStreamMs = settings.aheadOfStreamMs();
        this.confirmSpanMs = settings.outOfOrderness.toMillis();
    }

    @Override
    public void open(OpenContext ctx) {
        codec = new WireCodec();
        newest = Long.MIN_VALUE;
        stream = new StreamAhead(aheadOfStreamMs, confirmSpanMs);
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
        long reference = live ? Math.max(newest, System.currentTimeMillis()) : newest;
        if (reference != Long.MIN_VALUE && e.ts > reference + StreamAhead.MAX_AHEAD_MS) {
            dead(ctx, DeadLetter.of("ts-too-far-ahead", "ts", "event time " + Times.format(e.ts)
                    + " is more than a day ahead of the newest " + (live ? "message seen or the clock" : "message seen")
                    + " (" + Times.format(reference) + ")", raw, e.ts));
            return;
        }
        if (checkStream) {
            long before = stream.newest();
            if (!stream.take(e.ts)) {
                dead(ctx, DeadLetter.of("ts-ahead-of-stream", "ts", "event time " + Times.format(e.ts) + " is "
                        + (e.ts - before) / 60_000 + " min ahead of the newest message of the stream ("
                        + Times.format(before) + "), more than the " + aheadOfStreamMs / 1000 + " s allowed: a clock"
                        + " or time zone error (local time stamped as UTC?) would otherwise move event time ahead of"
                        + " every other reading", raw, e.ts));
                return;
            }
        }
        newest = Math.max(newest, e.ts);
        out.collect(e);
    }

    private void dead(Context ctx, DeadLetter d) {
        deadByReason.computeIfAbsent(d.reason, deadGroup::counter).inc();
        ctx.output(Outputs.DEAD_LETTERS, d);
    }
}
