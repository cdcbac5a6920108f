package jilin.ew.pipeline;

import java.io.Serializable;
import java.time.Duration;
import jilin.ew.reference.Reference;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSets;

/** Everything the job's operators are configured with: rules, reference data, event-time bounds. */
public final class JobSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    public RuleSet rules = RuleSets.defaults();
    public Reference reference = Reference.classpath();
    /** How late a message may arrive behind newer ones and still be taken in order. */
    public Duration outOfOrderness = Duration.ofSeconds(30);
    /** A source partition silent this long stops holding back the watermark. */
    public Duration idleness = Duration.ofMinutes(1);
    /** Event-time progress between watermarks. */
    public Duration watermarkStep = Duration.ofSeconds(1);
    /**
     * The source already stamps event times and makes watermarks (per Kafka partition), so the job adds no
     * event-time stage of its own.
     */
    public boolean eventTimeFromSource;
    /**
     * How far beyond the out-of-orderness bound a message may be ahead of its stream's newest event time. A
     * message further ahead (e.g. a gateway stamping UTC+8 local time as {@code Z}: eight hours ahead) moves no event
     * time: on a single ordered source (replay, backtest, demo) {@link jilin.ew.ingest.StreamTimeGuard} holds it and
     * dead-letters it {@code ts-ahead-of-stream} unless the stream follows; on Kafka each partition's watermark
     * skips it ({@link jilin.ew.ingest.StreamAhead}). Ten minutes: hours-wide clock and time-zone errors are caught,
     * while a sparse stream's ordinary gaps and a little disorder beyond the bound are not.
     */
    public Duration aheadOfStream = Duration.ofMinutes(10);
    /**
     * Live input (the Kafka run): {@code ts-too-far-ahead} is measured against the wall clock, and the alert
     * lifecycle handles each detection as it arrives (single-reading alerts at once). Off (replay, backtest, demo,
     * tests): measured against the input's own newest event time, and the alert lifecycle handles detections in
     * event-time order once the watermark has passed them, so the same input gives the same alerts on any day,
     * at any parallelism.
     */
    public boolean live;

    public JobSettings() {}

    public JobSettings withRules(RuleSet r) {
        this.rules = r;
        return this;
    }

    public JobSettings withReference(Reference r) {
        this.reference = r;
        return this;
    }

    /** The largest lead over the stream's newest event time a message may have: see {@link #aheadOfStream}. */
    public long aheadOfStreamMs() {
        return outOfOrderness.toMillis() + aheadOfStream.toMillis();
    }

    public JobSettings withOutOfOrderness(Duration d) {
        this.outOfOrderness = d;
        return this;
    }
}
