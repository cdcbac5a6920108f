package jilin.ew.seeds;

import java.io.Serializable;
import java.util.Objects;

/** A mine sensor point definition: the {@code mine.sensor} message without {@code type}/{@code ts}. */
public record SensorPoint(String mineId, String sensorId, SensorKind kind, SensorLocation location,
                          String district) implements Serializable {
    public SensorPoint {
        Objects.requireNonNull(mineId, "mineId");
        Objects.requireNonNull(sensorId, "sensorId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
    }
}
