package jilin.ew.schema;

/** Wire type {@code gas.station}: a gas network point's definition. */
public class GasStationDef {
    public String stationId;
    public String kind;
    public String prefecture;
    public double lat;
    public double lon;
    public String network;
    public String pressureClass;
    public Double nominalPressureMPa;
    public boolean nearCrowdPlace;
    public String operatorId;

    public GasStationDef() {}
}
