package jilin.ew.seeds;

import java.io.Serializable;
import java.util.Objects;

/** A coal mine as reference data (fictional in the shipped seeds). */
public record Mine(String mineId, String name, String nameEn, String prefecture, String county,
                   MineStatus status, GasClass gasClass, boolean disasterMine, String operatorId,
                   double lat, double lon) implements Serializable {
    public Mine {
        Objects.requireNonNull(mineId, "mineId");
        Objects.requireNonNull(prefecture, "prefecture");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(gasClass, "gasClass");
    }
}
