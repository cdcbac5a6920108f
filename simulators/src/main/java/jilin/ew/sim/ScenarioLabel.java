package jilin.ew.sim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Ground truth for one injected scenario of any domain; one JSON line each in a labels file.
 *
 * <p>{@code domain} is the alert domain (MINE, GAS_NETWORK, REPORT, VEHICLE); {@code subjectId} the subject of the
 * alert the scenario must raise; {@code sensorIds} every subject whose messages it changes (sensors, gas points,
 * the vehicle); {@code sensorId} the one sensor of a mine scenario on a sensor (mine simulator only; the mixed
 * labels file lists it in sensorIds alone). {@code start}/{@code end} are event times (ISO-8601, +08:00) of the
 * first and last affected message (SILENT_SENSOR: the last reading before the gap and the first one after it).
 * Null fields are left out of the JSON; unknown fields are ignored when reading.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScenarioLabel(String domain, String scenarioId, Scenario scenario, String mineId, String subjectId,
                            String sensorId, String district, List<String> sensorIds, String start, String end,
                            String ruleId, String minLevel, Boolean expectNoAlert) implements Serializable {

    public ScenarioLabel {
        sensorIds = sensorIds == null ? null : List.copyOf(sensorIds);
    }

    /** A simulator's label: domain, id, rule, level and expectNoAlert from its scenario. */
    static ScenarioLabel of(Scenario s, String mineId, String subjectId, String sensorId, String district,
                            List<String> ids, long from, long to) {
        return new ScenarioLabel(s.domain(), s.scenarioId(), s, mineId, subjectId, sensorId, district, ids,
                SimTime.format(from), SimTime.format(to), s.ruleId(), s.minLevel(), s.quiet() ? Boolean.TRUE : null);
    }

    /** The same label without {@code sensorId}, as the mixed labels file has always had it. */
    ScenarioLabel withoutSensorId() {
        return new ScenarioLabel(domain, scenarioId, scenario, mineId, subjectId, null, district, sensorIds, start,
                end, ruleId, minLevel, expectNoAlert);
    }

    /** Whether the scenario must raise nothing on its subjects. */
    @JsonIgnore
    public boolean quiet() {
        return Boolean.TRUE.equals(expectNoAlert);
    }

    @JsonIgnore
    public Instant startInstant() {
        return OffsetDateTime.parse(start).toInstant();
    }

    @JsonIgnore
    public Instant endInstant() {
        return OffsetDateTime.parse(end).toInstant();
    }
}
