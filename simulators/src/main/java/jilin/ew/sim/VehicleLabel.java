package jilin.ew.sim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Ground truth for one injected vehicle scenario; one JSON line each in the labels file. Field names match
 * {@link Label}'s where they mean the same (scenarioId, subjectId, start, end, ruleId, minLevel, expectNoAlert),
 * so one checker reads both. {@code start}/{@code end}: event times of the first and last affected position.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VehicleLabel(String scenarioId, VehicleScenario scenario, String subjectId, String vehicleId,
                           String vehicleClass, String sectionId, String start, String end, String ruleId,
                           String minLevel, Boolean expectNoAlert) implements Serializable {

    @JsonIgnore
    public Instant startInstant() {
        return OffsetDateTime.parse(start).toInstant();
    }

    @JsonIgnore
    public Instant endInstant() {
        return OffsetDateTime.parse(end).toInstant();
    }
}
