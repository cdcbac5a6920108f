package jilin.ew;

import java.io.Serializable;
import java.time.Duration;
import jilin.ew.rules.Reference;
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

    public JobSettings() {}

    public JobSettings withRules(RuleSet r) {
        this.rules = r;
        return this;
    }

    public JobSettings withReference(Reference r) {
        this.reference = r;
        return this;
    }

    public JobSettings withOutOfOrderness(Duration d) {
        this.outOfOrderness = d;
        return this;
    }
}
