package jilin.ew.seeds;

import java.io.Serializable;
import java.util.Objects;

/** The display names of a rule (CAP event, people's views): Chinese and English (seeds/data/rules/catalog.json). */
public record RuleName(String id, String zh, String en) implements Serializable {
    public RuleName {
        Objects.requireNonNull(id, "id");
        if (zh == null || zh.isBlank() || en == null || en.isBlank()) {
            throw new IllegalArgumentException("rule " + id + " needs both a zh and an en name");
        }
    }
}
