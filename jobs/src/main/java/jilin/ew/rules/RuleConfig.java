package jilin.ew.rules;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import jilin.ew.schema.Level;

/**
 * One rule's settings in a rule set: on/off, base level, numeric parameters (thresholds, windows, distances).
 * Read-only outside this package: changes go through {@link RuleSet#edit()}.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class RuleConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    private boolean enabled = true;
    /** Null for a rule that raises no alert of its own ({@link jilin.ew.alert.Corroboration}); not written then. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private Level level;
    /** Named numbers; names end in their unit where one applies (windowSec, ratePctPerMin, distanceM). */
    private Map<String, Double> params = new LinkedHashMap<>();
    /** Where the figure comes from (regulation row or design choice). */
    private String source;
    private String description;

    /** Empty: for Jackson and for state written by earlier versions (Flink's POJO serializer). */
    public RuleConfig() {}

    RuleConfig copy() {
        RuleConfig c = new RuleConfig();
        c.enabled = enabled;
        c.level = level;
        c.params = new LinkedHashMap<>(params);
        c.source = source;
        c.description = description;
        return c;
    }

    public boolean enabled() {
        return enabled;
    }

    /** The base level; null for a rule that raises no alert of its own. */
    public Level level() {
        return level;
    }

    /** All named numbers, read-only, in file order. */
    public Map<String, Double> params() {
        return Collections.unmodifiableMap(params);
    }

    public String source() {
        return source;
    }

    public String description() {
        return description;
    }

    public double param(String name) {
        Double v = params.get(name);
        if (v == null) {
            throw new IllegalStateException("rule parameter '" + name + "' is not set");
        }
        return v;
    }

    public double param(String name, double fallback) {
        Double v = params.get(name);
        return v == null ? fallback : v;
    }

    void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    void setLevel(Level level) {
        this.level = level;
    }

    void putParam(String name, double value) {
        params.put(name, value);
    }

    void setSource(String source) {
        this.source = source;
    }

    void setDescription(String description) {
        this.description = description;
    }
}
