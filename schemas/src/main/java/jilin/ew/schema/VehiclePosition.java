package jilin.ew.schema;

/** Wire type {@code vehicle.position}: one GNSS report of a key vehicle. */
public class VehiclePosition {
    public String vehicleId;
    public double lat;
    public double lon;
    public double speedKmh;
    public Double heading;
    public Boolean acc;
    /** JT/T 808 alarm DWORD; 0 when absent. */
    public long alarmFlags;

    public VehiclePosition() {}
}
