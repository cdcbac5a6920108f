package jilin.ew.sim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Ground truth for one injected scenario; one JSON line each in the labels file.
 *
 * <p>{@code start}/{@code end} are event times (ISO-8601, +08:00) of the first and last affected reading
 * (SILENT_SENSOR: the last reading before the gap and the first one after it). {@code sensorIds} lists every
 * sensor whose readings the scenario changes. Null fields are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Label(String scenarioId, ScenarioKind scenario, String mineId, String subjectId, String sensorId,
                   String district, List<String> sensorIds, String start, String end, String ruleId,
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
