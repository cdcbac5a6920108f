package jilin.ew.vehicle;

/**
 * A step worth matching, from one vehicle's positions in event-time order: the input of the vehicle CEP
 * pattern. Only positions that can start or advance a runaway become signals, so CEP sees a tiny stream.
 */
public class VehicleSignal {
    /** RUNAWAY_STEP (downhill, past the limit, faster than the position before) or RUNAWAY_BREAK. */
    public String kind;
    public String vehicleId;
    public VehicleInfo vehicle;
    public String sectionId;
    public long ts;
    public double speedKmh;
    public double lat;
    public double lon;
    public String raw;

    public VehicleSignal() {}

    @Override
    public String toString() {
        return kind + " " + vehicleId + " @" + ts + " " + speedKmh + " on " + sectionId;
    }
}
