package jilin.ew.rules;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Defaults of one class (vehicle class, gas pressure class, mine gas class): named numbers and their source.
 * Read-only outside this package: changes go through {@link RuleSet#edit()}.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class ClassDefaults implements Serializable {
    private static final long serialVersionUID = 1L;

    private Map<String, Double> params = new LinkedHashMap<>();
    private String source;

    /** Empty: for Jackson and for state written by earlier versions (Flink's POJO serializer). */
    public ClassDefaults() {}

    ClassDefaults copy() {
        ClassDefaults c = new ClassDefaults();
        c.params = new LinkedHashMap<>(params);
        c.source = source;
        return c;
    }

    /** All named numbers, read-only, in file order. */
    public Map<String, Double> params() {
        return Collections.unmodifiableMap(params);
    }

    public String source() {
        return source;
    }

    /** The named number, or {@code fallback} when the class does not set it. */
    public double param(String name, double fallback) {
        Double v = params.get(name);
        return v == null ? fallback : v;
    }

    void putParam(String name, double value) {
        params.put(name, value);
    }

    void setSource(String source) {
        this.source = source;
    }
}
