package jilin.ew.seeds;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/** A heightened-watch period (Spring Festival, two sessions): inclusive local dates, Asia/Shanghai. */
public record KeyPeriod(String id, String name, String nameEn, LocalDate start, LocalDate end)
        implements Serializable {
    public KeyPeriod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("key period " + id + " ends before it starts");
        }
    }

    // Dates arrive as ISO strings; parsing here spares the seeds a jackson-datatype-jsr310 dependency.
    @JsonCreator
    static KeyPeriod fromJson(@JsonProperty("id") String id, @JsonProperty("name") String name,
                              @JsonProperty("nameEn") String nameEn, @JsonProperty("start") String start,
                              @JsonProperty("end") String end) {
        return new KeyPeriod(id, name, nameEn,
                LocalDate.parse(Objects.requireNonNull(start, "start")),
                LocalDate.parse(Objects.requireNonNull(end, "end")));
    }

    /** True when {@code date} lies within the period, both ends included. */
    public boolean contains(LocalDate date) {
        return !date.isBefore(start) && !date.isAfter(end);
    }
}
