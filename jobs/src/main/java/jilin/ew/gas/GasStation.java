package jilin.ew.gas;

import jilin.ew.schema.GasStationDef;
import jilin.ew.seeds.GasPoint;

/** What the gas rules need to know of one network point, from the seeds or a {@code gas.station} message. */
public class GasStation {
    public String stationId;
    public String name;
    public String kind;
    public String prefecture;
    public double lat;
    public double lon;
    public String network;
    public String pressureClass;
    public Double nominalPressureMPa;
    public boolean nearCrowdPlace;
    public String crowdPlace;
    public String operatorId;

    public GasStation() {}

    public static GasStation of(GasPoint p) {
        GasStation s = new GasStation();
        s.stationId = p.stationId();
        s.name = p.name();
        s.kind = p.kind();
        s.prefecture = p.prefecture();
        s.lat = p.lat();
        s.lon = p.lon();
        s.network = p.network();
        s.pressureClass = p.pressureClass();
        s.nominalPressureMPa = p.nominalPressureMPa();
        s.nearCrowdPlace = p.nearCrowdPlace();
        s.crowdPlace = p.crowdPlace();
        s.operatorId = p.operatorId();
        return s;
    }

    /** A stream definition; what it leaves out (name, crowded place) is kept from the seed point, if any. */
    public static GasStation of(GasStationDef d, GasStation seed) {
        GasStation s = new GasStation();
        s.stationId = d.stationId;
        s.kind = d.kind;
        s.prefecture = d.prefecture;
        s.lat = d.lat;
        s.lon = d.lon;
        s.network = d.network;
        s.pressureClass = d.pressureClass;
        s.nominalPressureMPa = d.nominalPressureMPa;
        s.nearCrowdPlace = d.nearCrowdPlace;
        s.operatorId = d.operatorId != null ? d.operatorId : seed == null ? null : seed.operatorId;
        s.name = seed == null ? null : seed.name;
        s.crowdPlace = d.nearCrowdPlace && seed != null ? seed.crowdPlace : null;
        return s;
    }

    public boolean isRegulatorStation() {
        return "REGULATOR_STATION".equals(kind);
    }

    /** Kind, name and id, as a duty officer reads it. */
    public String describe() {
        String k = kind == null ? "point" : kind.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return k + " " + stationId + (name == null ? "" : " (" + name + ")");
    }
}
