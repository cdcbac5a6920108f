package jilin.ew.seeds;

import java.io.Serializable;
import java.util.Objects;

/**
 * A city gas network point from {@code gas-stations.json}: the {@code gas.station} message without
 * {@code type}/{@code ts}, plus the operator and the crowded place it is near (if any).
 */
public record GasPoint(String stationId, String name, String kind, String prefecture, double lat, double lon,
                       String network, String pressureClass, Double nominalPressureMPa, boolean nearCrowdPlace,
                       String crowdPlace, String operatorId) implements Serializable {
    public GasPoint {
        Objects.requireNonNull(stationId, "stationId");
        Objects.requireNonNull(kind, "kind");
    }

    public boolean isRegulatorStation() {
        return "REGULATOR_STATION".equals(kind);
    }
}
