package jilin.ew.rules;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/** Defaults of one class (vehicle class, gas pressure class, mine gas class): named numbers and their source. */
public class ClassDefaults implements Serializable {
    private static final long serialVersionUID = 1L;

    public Map<String, Double> params = new LinkedHashMap<>();
    public String source;

    public ClassDefaults() {}

    /** The named number, or {@code fallback} when the class does not set it. */
    public double param(String name, double fallback) {
        Double v = params.get(name);
        return v == null ? fallback : v;
    }
}
