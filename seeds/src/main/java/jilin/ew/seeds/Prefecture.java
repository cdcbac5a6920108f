package jilin.ew.seeds;

import java.io.Serializable;
import java.util.Objects;

/** A prefecture-level area of Jilin with its administrative code. */
public record Prefecture(String code, String name, String nameEn) implements Serializable {
    public Prefecture {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
    }
}
