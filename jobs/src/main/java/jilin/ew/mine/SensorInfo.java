package jilin.ew.mine;

import java.io.Serializable;
import jilin.ew.schema.MineSensorDef;

/** A mine sensor resolved against its mine and the rule set: ids, place, mine facts and its thresholds. */
public final class SensorInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    public final String sensorId;
    public final String mineId;
    public final String mineName;
    public final String kind;
    /** Whether {@link #kind} is CH4, asked per reading (comparing the text each time reached for it in memory). */
    private final boolean ch4;
    public final String location;
    public final String district;
    public final String prefecture;
    public final String operatorId;
    public final String mineStatus;
    public final boolean disasterMine;
    public final Double lat;
    public final Double lon;
    /** CH4 thresholds (alarm, power cut or NaN for none, restore); NaN for other kinds. */
    public final double alarm;
    public final double powerCut;
    public final double restore;

    public SensorInfo(String sensorId, String mineId, String mineName, String kind, String location, String district,
                      String prefecture, String operatorId, String mineStatus, boolean disasterMine, Double lat,
                      Double lon, double alarm, double powerCut, double restore) {
        this.sensorId = sensorId;
        this.mineId = mineId;
        this.mineName = mineName;
        this.kind = kind;
        this.ch4 = "CH4".equals(kind);
        this.location = location;
        this.district = district;
        this.prefecture = prefecture;
        this.operatorId = operatorId;
        this.mineStatus = mineStatus;
        this.disasterMine = disasterMine;
        this.lat = lat;
        this.lon = lon;
        this.alarm = alarm;
        this.powerCut = powerCut;
        this.restore = restore;
    }

    /** District key used for district-wide rules: mine id and district, e.g. LY001/WF1. */
    public String districtKey() {
        return mineId + "/" + (district == null ? "MAIN" : district);
    }

    /**
     * The definition this sensor was resolved from, with the thresholds in force written in as its overrides:
     * resolving it again ({@link MineClassifier#resolve(MineSensorDef, jilin.ew.seeds.SeedCatalog,
     * jilin.ew.rules.RuleSet)}) gives back this subject and these thresholds, whoever defined the sensor.
     */
    public MineSensorDef definition() {
        MineSensorDef d = new MineSensorDef(mineId, sensorId, kind, location, district);
        if (isCh4()) {
            d.alarm = orNull(alarm);
            d.powerCut = orNull(powerCut);
            d.restore = orNull(restore);
        }
        return d;
    }

    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    public boolean isCh4() {
        return ch4;
    }
}
