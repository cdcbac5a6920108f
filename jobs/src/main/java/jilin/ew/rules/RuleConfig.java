package jilin.ew.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import jilin.ew.schema.Level;

/** One rule's settings in a rule set: on/off, base level, numeric parameters (thresholds, windows, distances). */
public class RuleConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    public boolean enabled = true;
    /** Null for a rule that raises no alert of its own ({@link jilin.ew.alert.Corroboration}); not written then. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public Level level;
    /** Named numbers; names end in their unit where one applies (windowSec, ratePctPerMin, distanceM). */
    public Map<String, Double> params = new LinkedHashMap<>();
    /** Where the figure comes from (regulation row or design choice). */
    public String source;
    public String description;

    public RuleConfig() {}

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
}
