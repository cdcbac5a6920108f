package jilin.ew.rules;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A whole rule set as analysts edit it: a version, every rule's settings, per-location methane
 * thresholds, gas limits, modifier switches and lifecycle timings. Loaded from JSON by {@link RuleSets}.
 * Read-only once loaded (operators share one instance through broadcast state): a changed version is made
 * with {@link #edit()}, which works on a copy.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
@TypeInfo(RuleSetSerializer.Factory.class)
public final class RuleSet implements Serializable {
    private static final long serialVersionUID = 1L;

    private String version;
    private String description;
    /** Who made this version; logged when the job applies it. Null when not given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private String author;
    /**
     * Domains whose every rule this version switches off on purpose (MINE, GAS_NETWORK, VEHICLE, REPORT); without
     * the domain here, a set that switches off all of a domain's rules is refused ({@link RuleSetValidator}).
     */
    private String[] disableDomains = new String[0];
    private Map<String, RuleConfig> rules = new LinkedHashMap<>();
    /** Methane thresholds by sensor location (the locations of mine.sensor). */
    private Map<String, Ch4Threshold> ch4Thresholds = new LinkedHashMap<>();
    /** Defaults by class: vehicle class speed limits (maxSpeedKmh), gas pressure class bands (minMPa, maxMPa). */
    private Map<String, ClassDefaults> classDefaults = new LinkedHashMap<>();
    /** Modifier switches: DISASTER_MINE, KEY_PERIOD, REPEAT, ... */
    private Map<String, Boolean> modifiers = new LinkedHashMap<>();
    private Lifecycle lifecycle = new Lifecycle();
    /** Acting on alerts: how long a command waits for its incident, and when unacknowledged incidents escalate. */
    private HandlingPolicy handling = new HandlingPolicy();

    /** Lifecycle timings. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class Lifecycle implements Serializable {
        private static final long serialVersionUID = 1L;
        /** At most one UPDATED per alert per this interval. */
        private long updateIntervalSec = 300;
        /** A new incident of the same rule and subject within this time of the last raises one grade. */
        private long repeatWindowSec = 24 * 3600;
        /** Back-to-normal hold before CLEARED, by domain (MINE, GAS_NETWORK, VEHICLE, REPORT). */
        private Map<String, Long> clearHoldSec = new LinkedHashMap<>();

        /** The defaults: for Jackson and for state written by earlier versions (Flink's POJO serializer). */
        public Lifecycle() {}

        Lifecycle copy() {
            Lifecycle c = new Lifecycle();
            c.updateIntervalSec = updateIntervalSec;
            c.repeatWindowSec = repeatWindowSec;
            c.clearHoldSec = new LinkedHashMap<>(clearHoldSec);
            return c;
        }

        /** At most one UPDATED per alert per this interval. */
        public long updateIntervalSec() {
            return updateIntervalSec;
        }

        /** A new incident of the same rule and subject within this time of the last raises one grade. */
        public long repeatWindowSec() {
            return repeatWindowSec;
        }

        /** Back-to-normal holds as set, by domain, read-only. */
        public Map<String, Long> clearHoldSec() {
            return Collections.unmodifiableMap(clearHoldSec);
        }

        public long clearHoldSec(String domain) {
            Long v = clearHoldSec.get(domain);
            return v == null ? 300 : v;
        }
    }

    /**
     * Acting on alerts (docs/handling.md). The defaults are the shipped rule set's, so a rule set from before this
     * section existed (an older file, a savepoint's broadcast state) reads with the shipped policy.
     */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class HandlingPolicy implements Serializable {
        private static final long serialVersionUID = 1L;
        /** A command for an incident not seen yet waits this long for it, then is dead-lettered. */
        private long commandWaitSec = 120;
        /** Escalation by level (RED, ORANGE, YELLOW, BLUE); a level not listed never escalates. */
        private Map<String, EscalationPolicy> escalation = new LinkedHashMap<>();

        /** The defaults: for Jackson and for state written by earlier versions. */
        public HandlingPolicy() {
            escalation.put("RED", new EscalationPolicy(300, 600, 3, "province"));
            escalation.put("ORANGE", new EscalationPolicy(900, 1800, 2, "province"));
            escalation.put("YELLOW", new EscalationPolicy(3600, 0, 1));
        }

        HandlingPolicy copy() {
            HandlingPolicy c = new HandlingPolicy();
            c.commandWaitSec = commandWaitSec;
            c.escalation = new LinkedHashMap<>();
            escalation.forEach((l, e) -> c.escalation.put(l, e.copy()));
            return c;
        }

        /** A command for an incident not seen yet waits this long for it, then is dead-lettered. */
        public long commandWaitSec() {
            return commandWaitSec;
        }

        /** The escalation policy of a level, or null when that level never escalates. */
        public EscalationPolicy escalation(Level level) {
            return escalation.get(level.name());
        }

        /** Escalation policies by level, read-only. */
        public Map<String, EscalationPolicy> escalation() {
            return Collections.unmodifiableMap(escalation);
        }
    }

    /** When an unacknowledged incident of one level escalates, how often, and to which routes beside its own. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    public static final class EscalationPolicy implements Serializable {
        private static final long serialVersionUID = 1L;
        /** The first escalation comes this long after the incident's NEW message. */
        private long afterSec;
        /** Then again every this long (0: once). */
        private long repeatSec;
        /** At most this many escalations per incident. */
        private int maxTimes = 1;
        private List<String> routes = new ArrayList<>();

        /** For Jackson. */
        public EscalationPolicy() {}

        EscalationPolicy(long afterSec, long repeatSec, int maxTimes, String... routes) {
            this.afterSec = afterSec;
            this.repeatSec = repeatSec;
            this.maxTimes = maxTimes;
            this.routes = new ArrayList<>(List.of(routes));
        }

        EscalationPolicy copy() {
            return new EscalationPolicy(afterSec, repeatSec, maxTimes, routes.toArray(new String[0]));
        }

        public long afterSec() {
            return afterSec;
        }

        public long repeatSec() {
            return repeatSec;
        }

        public int maxTimes() {
            return maxTimes;
        }

        /** Routes an escalation goes to beside the alert's own, read-only. */
        public List<String> routes() {
            return Collections.unmodifiableList(routes);
        }

        /** When escalation {@code n} (from 1) is due, in ms after the NEW message. */
        public long dueAfterMs(int n) {
            return (afterSec + (long) (n - 1) * repeatSec) * 1000L;
        }
    }

    /** Empty: for Jackson and for state written by earlier versions (Flink's POJO serializer). */
    /** Values {@link Derived} from this rule set, by slot; never serialized nor copied (a copy derives its own). */
    private transient Object[] derived;

    public RuleSet() {}

    /**
     * A value a rule computes from a rule set, once per rule set rather than once per reading (a rule set never
     * changes once built): e.g. a rule's parameters in the units its check compares. {@code compute} may return
     * null (the rule is not in the set) and must return the same for the same rule set; the value must be
     * immutable, as operators may share a rule set.
     */
    public static final class Derived<T> {
        private static final AtomicInteger SLOTS = new AtomicInteger();
        private static final Object NONE = new Object();
        private final int slot = SLOTS.getAndIncrement();
        private final Function<RuleSet, T> compute;

        private Derived(Function<RuleSet, T> compute) {
            this.compute = compute;
        }

        public static <T> Derived<T> of(Function<RuleSet, T> compute) {
            return new Derived<>(compute);
        }

        /** The value for {@code rules}, computed on first use. */
        @SuppressWarnings("unchecked")
        public T of(RuleSet rules) {
            Object[] values = rules.derived;
            if (values == null || values.length <= slot) {
                values = values == null ? new Object[SLOTS.get()] : java.util.Arrays.copyOf(values, SLOTS.get());
                rules.derived = values;
            }
            Object v = values[slot];
            if (v == null) {
                T t = compute.apply(rules);
                v = t == null ? NONE : t;
                values[slot] = v;
            }
            return v == NONE ? null : (T) v;
        }
    }

    /** A deep copy: nothing an edit of the copy does reaches this one. */
    private RuleSet copy() {
        RuleSet c = new RuleSet();
        c.version = version;
        c.description = description;
        c.author = author;
        c.disableDomains = disableDomains == null ? new String[0] : disableDomains.clone();
        rules.forEach((id, r) -> c.rules.put(id, r.copy()));
        ch4Thresholds.forEach((loc, t) -> c.ch4Thresholds.put(loc, t.copy()));
        classDefaults.forEach((cls, d) -> c.classDefaults.put(cls, d.copy()));
        c.modifiers.putAll(modifiers);
        c.lifecycle = lifecycle.copy();
        c.handling = handling == null ? new HandlingPolicy() : handling.copy();
        return c;
    }

    /** A changed version of this rule set: edits apply to a copy, and {@link Editor#build()} hands it out. */
    public Editor edit() {
        return new Editor(copy());
    }

    public String version() {
        return version;
    }

    public String description() {
        return description;
    }

    /** Who made this version; null when not given. */
    public String author() {
        return author;
    }

    /** Domains switched off on purpose, as written. */
    public List<String> disableDomains() {
        return disableDomains == null ? List.of() : List.of(disableDomains);
    }

    /** Every rule's settings by rule id, read-only, in file order. */
    public Map<String, RuleConfig> rules() {
        return Collections.unmodifiableMap(rules);
    }

    /** Methane thresholds by sensor location, read-only. */
    public Map<String, Ch4Threshold> ch4Thresholds() {
        return Collections.unmodifiableMap(ch4Thresholds);
    }

    /** Defaults by class, read-only. */
    public Map<String, ClassDefaults> classDefaults() {
        return Collections.unmodifiableMap(classDefaults);
    }

    /** Modifier switches as set, read-only. */
    public Map<String, Boolean> modifiers() {
        return Collections.unmodifiableMap(modifiers);
    }

    public Lifecycle lifecycle() {
        return lifecycle;
    }

    /** Acting on alerts: command wait and escalation policy (the shipped defaults when the file has none). */
    public HandlingPolicy handling() {
        return handling == null ? DEFAULT_HANDLING : handling;
    }

    private static final HandlingPolicy DEFAULT_HANDLING = new HandlingPolicy();

    /** The domain a rule belongs to, by its id's prefix (MINE_, GAS_, VEH_, REPORT_); null for none of them. */
    public static Domain domainOf(String ruleId) {
        if (ruleId.startsWith("MINE_")) {
            return Domain.MINE;
        } else if (ruleId.startsWith("GAS_")) {
            return Domain.GAS_NETWORK;
        } else if (ruleId.startsWith("VEH_")) {
            return Domain.VEHICLE;
        } else if (ruleId.startsWith("REPORT_")) {
            return Domain.REPORT;
        }
        return null;
    }

    public boolean enabled(String ruleId) {
        RuleConfig c = rules.get(ruleId);
        return c != null && c.enabled();
    }

    public RuleConfig rule(String ruleId) {
        RuleConfig c = rules.get(ruleId);
        if (c == null) {
            throw new IllegalStateException("rule " + ruleId + " is not in rule set " + version);
        }
        return c;
    }

    public Level level(String ruleId) {
        return rule(ruleId).level();
    }

    public boolean modifierOn(String modifier) {
        return Boolean.TRUE.equals(modifiers.get(modifier));
    }

    /** Defaults of a class, or null when the rule set has none. */
    public ClassDefaults classDefaults(String className) {
        return className == null ? null : classDefaults.get(className);
    }

    /** Thresholds for a location, or null when the rule set has none. */
    public Ch4Threshold ch4(String location) {
        Ch4Threshold t = ch4Thresholds.get(location);
        return t != null ? t : ch4Thresholds.get("OTHER");
    }

    /**
     * The one way to change a rule set (a candidate for the backtest, a new version for the rules topic): every
     * edit applies to a private copy, so the rule set it came from, perhaps in force in a running job, never
     * changes. Unknown rule ids, locations and classes are refused here; the values are checked, as for any
     * file, by {@link RuleSetValidator}.
     */
    public static final class Editor {
        private RuleSet draft;

        private Editor(RuleSet draft) {
            this.draft = draft;
        }

        private RuleSet draft() {
            if (draft == null) {
                throw new IllegalStateException("this edit is built already: start another with RuleSet.edit()");
            }
            return draft;
        }

        public Editor version(String v) {
            draft().version = v;
            return this;
        }

        public Editor description(String d) {
            draft().description = d;
            return this;
        }

        public Editor author(String a) {
            draft().author = a;
            return this;
        }

        public Editor disableDomains(String... domains) {
            draft().disableDomains = domains.clone();
            return this;
        }

        /** Rule ids in file order (to edit every rule of a domain, say). */
        public List<String> ruleIds() {
            return List.copyOf(draft().rules.keySet());
        }

        /** Edits one rule; the id must be in the rule set. */
        public RuleEditor rule(String id) {
            return new RuleEditor(this, draft().rule(id));
        }

        /** Sets a rule's base level. */
        public Editor level(String id, Level level) {
            draft().rule(id).setLevel(level);
            return this;
        }

        /** Switches a rule on or off. */
        public Editor enabled(String id, boolean on) {
            draft().rule(id).setEnabled(on);
            return this;
        }

        /** Edits a location's methane thresholds; the location must have its own (not the OTHER fallback). */
        public Ch4Editor ch4(String location) {
            Ch4Threshold t = draft().ch4Thresholds.get(location);
            if (t == null) {
                throw new IllegalStateException("no methane thresholds for " + location + " in " + draft.version);
            }
            return new Ch4Editor(this, t);
        }

        /** Sets a named number of a class's defaults; the class must be in the rule set. */
        public Editor classParam(String className, String name, double value) {
            ClassDefaults d = draft().classDefaults.get(className);
            if (d == null) {
                throw new IllegalStateException("no defaults for class " + className + " in " + draft.version);
            }
            d.putParam(name, value);
            return this;
        }

        public Editor modifier(String name, boolean on) {
            draft().modifiers.put(name, on);
            return this;
        }

        public Editor updateIntervalSec(long sec) {
            draft().lifecycle.updateIntervalSec = sec;
            return this;
        }

        public Editor repeatWindowSec(long sec) {
            draft().lifecycle.repeatWindowSec = sec;
            return this;
        }

        public Editor clearHoldSec(String domain, long sec) {
            draft().lifecycle.clearHoldSec.put(domain, sec);
            return this;
        }

        /** How long a command waits for an incident not seen yet. */
        public Editor commandWaitSec(long sec) {
            handlingDraft().commandWaitSec = sec;
            return this;
        }

        /** Sets a level's escalation policy: first after {@code afterSec}, then every {@code repeatSec}. */
        public Editor escalation(Level level, long afterSec, long repeatSec, int maxTimes, String... routes) {
            handlingDraft().escalation.put(level.name(), new EscalationPolicy(afterSec, repeatSec, maxTimes, routes));
            return this;
        }

        /** A level that never escalates. */
        public Editor noEscalation(Level level) {
            handlingDraft().escalation.remove(level.name());
            return this;
        }

        private HandlingPolicy handlingDraft() {
            RuleSet d = draft();
            if (d.handling == null) {
                d.handling = new HandlingPolicy();
            }
            return d.handling;
        }

        /** The edited rule set; this editor is done with then. */
        public RuleSet build() {
            RuleSet r = draft();
            draft = null;
            return r;
        }
    }

    /** Edits one rule of an {@link Editor}'s copy. */
    public static final class RuleEditor {
        private final Editor editor;
        private final RuleConfig rule;

        private RuleEditor(Editor editor, RuleConfig rule) {
            this.editor = editor;
            this.rule = rule;
        }

        public RuleEditor enabled(boolean on) {
            editor.draft();
            rule.setEnabled(on);
            return this;
        }

        public RuleEditor level(Level level) {
            editor.draft();
            rule.setLevel(level);
            return this;
        }

        public RuleEditor param(String name, double value) {
            editor.draft();
            rule.putParam(name, value);
            return this;
        }

        /** Back to the whole rule set. */
        public Editor done() {
            return editor;
        }

        public RuleSet build() {
            return editor.build();
        }
    }

    /** Edits one location's methane thresholds in an {@link Editor}'s copy. */
    public static final class Ch4Editor {
        private final Editor editor;
        private final Ch4Threshold threshold;

        private Ch4Editor(Editor editor, Ch4Threshold threshold) {
            this.editor = editor;
            this.threshold = threshold;
        }

        public Ch4Editor alarm(double v) {
            editor.draft();
            threshold.setAlarm(v);
            return this;
        }

        /** Null: the location has no power-cut value. */
        public Ch4Editor powerCut(Double v) {
            editor.draft();
            threshold.setPowerCut(v);
            return this;
        }

        public Ch4Editor restore(double v) {
            editor.draft();
            threshold.setRestore(v);
            return this;
        }

        /** Back to the whole rule set. */
        public Editor done() {
            return editor;
        }

        public RuleSet build() {
            return editor.build();
        }
    }
}
