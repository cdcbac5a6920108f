package jilin.ew.mine.rule;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import jilin.ew.alert.Detection;
import jilin.ew.mine.MineSignal;
import jilin.ew.mine.SensorInfo;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import org.apache.flink.cep.pattern.Pattern;

/**
 * A mine rule matched by Flink CEP over {@link MineSignal}s: the signals it reads, how they are keyed, its
 * pattern (structure fixed at deploy time, numbers from the rule set) and the detection a match becomes.
 */
public abstract class MineCepRule {
    /**
     * The CEP rules, in a holder of their own: a superclass whose static initializer creates its subclasses
     * deadlocks when one task thread initializes it while another initializes a subclass (seen on the cluster:
     * the mine CEP tasks hung in INITIALIZING).
     */
    private static final class All {
        static final List<MineCepRule> RULES = List.of(
                new Ch4Escalation(), new Ch4RapidRise(), new MultiSensor(), new CoAlarm());
    }

    private final String id;
    private final Set<MineSignal.Kind> inputs;
    private final boolean byDistrict;

    MineCepRule(String id, Set<MineSignal.Kind> inputs, boolean byDistrict) {
        this.id = id;
        this.inputs = Collections.unmodifiableSet(inputs);
        this.byDistrict = byDistrict;
    }

    /** The rule of an id. */
    public static MineCepRule of(String ruleId) {
        for (MineCepRule r : All.RULES) {
            if (r.id().equals(ruleId)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no CEP pattern for rule " + ruleId);
    }

    /** The rule id. */
    public final String id() {
        return id;
    }

    /** The signal kinds the pattern reads (an EnumSet: a signal of no kind is in none). */
    public final Set<MineSignal.Kind> inputs() {
        return inputs;
    }

    /** True when matched per district, false per sensor. */
    public final boolean byDistrict() {
        return byDistrict;
    }

    public abstract Pattern<MineSignal, ?> pattern(RuleSet rules);

    /** The signal whose sensor the alert is about: the first matched, unless the rule says otherwise. */
    public MineSignal about(MineSignal first, MineSignal last) {
        return first;
    }

    /**
     * The detection of a match: {@code all} its signals in event-time order, {@code s} the sensor of {@code about},
     * {@code c} the rule's configuration in force.
     */
    public abstract Detection detect(List<MineSignal> all, MineSignal about, SensorInfo s, RuleConfig c,
                                     RuleSet rules, List<String> evidence);
}
