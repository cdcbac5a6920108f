package jilin.ew.schema;

/** Wire type {@code gas.reading}: one measured value at a gas network point. */
public class GasReading {
    public String stationId;
    /** PRESSURE_MPA, LEL_PCT or FLOW_M3H. */
    public String measure;
    public double value;

    public GasReading() {}
}
