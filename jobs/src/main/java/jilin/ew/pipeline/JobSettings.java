package jilin.ew.pipeline;

import java.io.Serializable;
import java.time.Duration;
import jilin.ew.reference.Reference;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSets;

/**
 * Everything the job's operators are configured with: rules, reference data, event-time bounds. Immutable: each
 * {@code with*} returns a changed copy, so settings handed to one job cannot change under it.
 */
public final class JobSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RuleSet rules;
    private final Reference reference;
    private final Duration outOfOrderness;
    private final Duration idleness;
    private final Duration watermarkStep;
    private final boolean eventTimeFromSource;
    private final Duration aheadOfStream;
    private final boolean live;
    private final boolean commandTimeFromStream;

    /** The defaults: the shipped rule set and reference data, 30 s out of order, 1 min idleness, not live. */
    public JobSettings() {
        this(RuleSets.defaults(), Reference.classpath(), Duration.ofSeconds(30), Duration.ofMinutes(1),
                Duration.ofSeconds(1), false, Duration.ofMinutes(10), false, false);
    }

    private JobSettings(RuleSet rules, Reference reference, Duration outOfOrderness, Duration idleness,
            Duration watermarkStep, boolean eventTimeFromSource, Duration aheadOfStream, boolean live,
            boolean commandTimeFromStream) {
        this.rules = rules;
        this.reference = reference;
        this.outOfOrderness = outOfOrderness;
        this.idleness = idleness;
        this.watermarkStep = watermarkStep;
        this.eventTimeFromSource = eventTimeFromSource;
        this.aheadOfStream = aheadOfStream;
        this.live = live;
        this.commandTimeFromStream = commandTimeFromStream;
    }

    public RuleSet rules() {
        return rules;
    }

    public Reference reference() {
        return reference;
    }

    /** How late a message may arrive behind newer ones and still be taken in order. */
    public Duration outOfOrderness() {
        return outOfOrderness;
    }

    /** A source partition silent this long stops holding back the watermark. */
    public Duration idleness() {
        return idleness;
    }

    /** Event-time progress between watermarks. */
    public Duration watermarkStep() {
        return watermarkStep;
    }

    /**
     * The source already stamps event times and makes watermarks (per Kafka partition), so the job adds no
     * event-time stage of its own.
     */
    public boolean eventTimeFromSource() {
        return eventTimeFromSource;
    }

    /**
     * How far beyond the out-of-orderness bound a message may be ahead of its stream's newest event time. A
     * message further ahead (e.g. a gateway stamping UTC+8 local time as {@code Z}: eight hours ahead) moves no event
     * time: on a single ordered source (replay, backtest, demo) {@link jilin.ew.ingest.StreamTimeGuard} holds it and
     * dead-letters it {@code ts-ahead-of-stream} unless the stream follows; on Kafka each partition's watermark
     * skips it ({@link jilin.ew.ingest.StreamAhead}). Ten minutes: hours-wide clock and time-zone errors are caught,
     * while a sparse stream's ordinary gaps and a little disorder beyond the bound are not.
     */
    public Duration aheadOfStream() {
        return aheadOfStream;
    }

    /**
     * Live input (the Kafka run): {@code ts-too-far-ahead} is measured against the wall clock, and the alert
     * lifecycle handles each detection as it arrives (single-reading alerts at once). Off (replay, backtest, demo,
     * tests): measured against the input's own newest event time, and the alert lifecycle handles detections in
     * event-time order once the watermark has passed them, so the same input gives the same alerts on any day,
     * at any parallelism.
     */
    public boolean live() {
        return live;
    }

    /** The largest lead over the stream's newest event time a message may have: see {@link #aheadOfStream()}. */
    public long aheadOfStreamMs() {
        return outOfOrderness.toMillis() + aheadOfStream.toMillis();
    }

    public JobSettings withRules(RuleSet r) {
        return new JobSettings(r, reference, outOfOrderness, idleness, watermarkStep, eventTimeFromSource,
                aheadOfStream, live, commandTimeFromStream);
    }

    public JobSettings withReference(Reference r) {
        return new JobSettings(rules, r, outOfOrderness, idleness, watermarkStep, eventTimeFromSource,
                aheadOfStream, live, commandTimeFromStream);
    }

    public JobSettings withOutOfOrderness(Duration d) {
        return new JobSettings(rules, reference, d, idleness, watermarkStep, eventTimeFromSource, aheadOfStream,
                live, commandTimeFromStream);
    }

    public JobSettings withIdleness(Duration d) {
        return new JobSettings(rules, reference, outOfOrderness, d, watermarkStep, eventTimeFromSource,
                aheadOfStream, live, commandTimeFromStream);
    }

    public JobSettings withWatermarkStep(Duration d) {
        return new JobSettings(rules, reference, outOfOrderness, idleness, d, eventTimeFromSource, aheadOfStream,
                live, commandTimeFromStream);
    }

    public JobSettings withEventTimeFromSource(boolean b) {
        return new JobSettings(rules, reference, outOfOrderness, idleness, watermarkStep, b, aheadOfStream, live,
                commandTimeFromStream);
    }

    public JobSettings withAheadOfStream(Duration d) {
        return new JobSettings(rules, reference, outOfOrderness, idleness, watermarkStep, eventTimeFromSource, d,
                live, commandTimeFromStream);
    }

    public JobSettings withLive(boolean b) {
        return new JobSettings(rules, reference, outOfOrderness, idleness, watermarkStep, eventTimeFromSource,
                aheadOfStream, b, commandTimeFromStream);
    }

    /**
     * Off live, the command stream carries its own watermarks, in step with the input (the demo, whose commands come
     * in between the simulated messages): the handling follows them as they come. Otherwise (replay, backtest: a file
     * of commands) the handling waits until every command is read.
     */
    public boolean commandTimeFromStream() {
        return commandTimeFromStream;
    }

    public JobSettings withCommandTimeFromStream(boolean b) {
        return new JobSettings(rules, reference, outOfOrderness, idleness, watermarkStep, eventTimeFromSource,
                aheadOfStream, live, b);
    }
}
