package jilin.ew.schema;

/** Wire type {@code mine.sensor}: a monitoring point's definition. Threshold overrides are null when absent. */
public class MineSensorDef {
    public String mineId;
    public String sensorId;
    public String kind;
    public String location;
    public String district;
    public Double alarm;
    public Double powerCut;
    public Double restore;

    public MineSensorDef() {}

    public MineSensorDef(String mineId, String sensorId, String kind, String location, String district) {
        this.mineId = mineId;
        this.sensorId = sensorId;
        this.kind = kind;
        this.location = location;
        this.district = district;
    }
}
