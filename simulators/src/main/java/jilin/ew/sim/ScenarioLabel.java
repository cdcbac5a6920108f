package jilin.ew.sim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The common view of a ground-truth label of any domain (mine {@link Label}, gas and report {@link Label},
 * {@link VehicleLabel}); one JSON line each in a mixed labels file.
 *
 * <p>Field names are those of {@link Label}, so this type also reads every simulator's labels file (unknown
 * fields such as {@code vehicleId} are ignored). {@code domain} is the alert domain the scenario belongs to
 * (MINE, GAS_NETWORK, VEHICLE, REPORT); {@code scenario} the scenario's name; {@code sensorIds} every subject
 * whose messages the scenario changes (sensors, gas points, the vehicle). Null fields are left out of the JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScenarioLabel(String domain, String scenarioId, String scenario, String mineId, String subjectId,
                            String district, List<String> sensorIds, String start, String end, String ruleId,
                            String minLevel, Boolean expectNoAlert) implements Serializable {

    public ScenarioLabel {
        sensorIds = sensorIds == null ? null : List.copyOf(sensorIds);
    }

    /** A mine label, or a gas/report label (no scenario kind: named after its id, see {@link GasSimulator}). */
    public static ScenarioLabel of(Label l) {
        boolean mine = l.scenario() != null || l.mineId() != null;
        String domain = mine ? "MINE" : l.scenarioId() != null && l.scenarioId().startsWith("R") ? "REPORT"
                : "GAS_NETWORK";
        String name = l.scenario() != null ? l.scenario().name() : mine ? null : GasSimulator.scenarioName(l.scenarioId());
        List<String> ids = l.sensorIds() != null ? l.sensorIds() : l.sensorId() != null ? List.of(l.sensorId()) : null;
        return new ScenarioLabel(domain, l.scenarioId(), name, l.mineId(), l.subjectId(), l.district(), ids, l.start(),
                l.end(), l.ruleId(), l.minLevel(), l.expectNoAlert());
    }

    /** A vehicle label: its vehicle is the subject and the only id it changes. */
    public static ScenarioLabel of(VehicleLabel l) {
        return new ScenarioLabel("VEHICLE", l.scenarioId(), l.scenario() == null ? null : l.scenario().name(), null,
                l.subjectId(), null, List.of(l.vehicleId()), l.start(), l.end(), l.ruleId(), l.minLevel(),
                l.expectNoAlert());
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
