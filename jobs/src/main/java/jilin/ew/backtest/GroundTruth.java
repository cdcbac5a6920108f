package jilin.ew.backtest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One line of a labels file as the backtest reads it: what happened on which subjects between two event times,
 * which rule should have raised it and at what level, or that nothing should. The simulators write such files,
 * but an analyst may label real history too, so the backtest reads the format, not the simulators' types:
 * fields it does not use (the scenario name, the domain) are ignored, whatever they hold.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GroundTruth(String scenarioId, String mineId, String subjectId, String district, List<String> sensorIds,
                          String start, String end, String ruleId, String minLevel, Boolean expectNoAlert) {

    public GroundTruth {
        sensorIds = sensorIds == null ? null : List.copyOf(sensorIds);
    }

    /** Whether nothing must be raised on the subjects. */
    @JsonIgnore
    public boolean quiet() {
        return Boolean.TRUE.equals(expectNoAlert);
    }

    @JsonIgnore
    Instant startInstant() {
        return OffsetDateTime.parse(start).toInstant();
    }

    @JsonIgnore
    Instant endInstant() {
        return OffsetDateTime.parse(end).toInstant();
    }
}
