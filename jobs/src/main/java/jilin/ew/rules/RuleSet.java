package jilin.ew.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;

/**
 * A whole rule set as analysts edit it: a version, every rule's settings, per-location methane
 * thresholds, gas limits, modifier switches and lifecycle timings. Loaded from JSON by {@link RuleSets}.
 */
public class RuleSet implements Serializable {
    private static final long serialVersionUID = 1L;

    public String version;
    public String description;
    /** Who made this version; logged when the job applies it. Null when not given. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String author;
    /**
     * Domains whose every rule this version switches off on purpose (MINE, GAS_NETWORK, VEHICLE, REPORT); without
     * the domain here, a set that switches off all of a domain's rules is refused ({@link RuleSetValidator}).
     */
    public String[] disableDomains = new String[0];
    public Map<String, RuleConfig> rules = new LinkedHashMap<>();
    /** Methane thresholds by sensor location (the locations of mine.sensor). */
    public Map<String, Ch4Threshold> ch4Thresholds = new LinkedHashMap<>();
    /** Defaults by class: vehicle class speed limits (maxSpeedKmh), gas pressure class bands (minMPa, maxMPa). */
    public Map<String, ClassDefaults> classDefaults = new LinkedHashMap<>();
    /** Modifier switches: DISASTER_MINE, KEY_PERIOD, REPEAT, ... */
    public Map<String, Boolean> modifiers = new LinkedHashMap<>();
    public Lifecycle lifecycle = new Lifecycle();

    /** Lifecycle timings. */
    public static class Lifecycle implements Serializable {
        private static final long serialVersionUID = 1L;
        /** At most one UPDATED per alert per this interval. */
        public long updateIntervalSec = 300;
        /** A new incident of the same rule and subject within this time of the last raises one grade. */
        public long repeatWindowSec = 24 * 3600;
        /** Back-to-normal hold before CLEARED, by domain (MINE, GAS_NETWORK, VEHICLE, REPORT). */
        public Map<String, Long> clearHoldSec = new LinkedHashMap<>();

        public long clearHoldSec(String domain) {
            Long v = clearHoldSec.get(domain);
            return v == null ? 300 : v;
        }
    }

    public RuleSet() {}

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
        return c != null && c.enabled;
    }

    public RuleConfig rule(String ruleId) {
        RuleConfig c = rules.get(ruleId);
        if (c == null) {
            throw new IllegalStateException("rule " + ruleId + " is not in rule set " + version);
        }
        return c;
    }

    public Level level(String ruleId) {
        return rule(ruleId).level;
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
}
