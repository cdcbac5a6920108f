package jilin.ew.schema;

/** Wire type {@code vehicle.registration}: a key vehicle and its trip. */
public class VehicleRegistration {
    public String vehicleId;
    public String vehicleClass;
    public String plate;
    public String operatorId;
    public String prefecture;
    public Double tripKm;

    public VehicleRegistration() {}
}
