package jilin.ew.vehicle;

import java.io.Serializable;
import jilin.ew.schema.VehicleRegistration;

/** A registered key vehicle as the rules see it: class, plate, operator and trip length. */
public class VehicleInfo implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String LONG_DISTANCE_BUS = "LONG_DISTANCE_BUS";
    public static final String TOURIST_COACH = "TOURIST_COACH";
    public static final String HAZMAT_TRUCK = "HAZMAT_TRUCK";

    public String vehicleId;
    public String vehicleClass;
    public String plate;
    public String operatorId;
    public String operatorName;
    public String prefecture;
    /** Trip length in km, or null when not known. */
    public Double tripKm;

    public VehicleInfo() {}

    public static VehicleInfo of(VehicleRegistration r, String operatorName) {
        VehicleInfo v = new VehicleInfo();
        v.vehicleId = r.vehicleId;
        v.vehicleClass = r.vehicleClass;
        v.plate = r.plate;
        v.operatorId = r.operatorId;
        v.operatorName = operatorName;
        v.prefecture = r.prefecture;
        v.tripKm = r.tripKm;
        return v;
    }

    /** Long-distance bus or tourist coach (两客). */
    public boolean isBus() {
        return LONG_DISTANCE_BUS.equals(vehicleClass) || TOURIST_COACH.equals(vehicleClass);
    }

    public boolean isHazmat() {
        return HAZMAT_TRUCK.equals(vehicleClass);
    }

    /** How a duty officer names the vehicle: plate, class and operator. */
    public String describe() {
        String cls = vehicleClass == null ? "vehicle" : switch (vehicleClass) {
            case LONG_DISTANCE_BUS -> "long-distance bus";
            case TOURIST_COACH -> "tourist coach";
            case HAZMAT_TRUCK -> "hazardous-chemical truck";
            default -> vehicleClass;
        };
        String who = plate != null ? plate + " (" + vehicleId + ")" : vehicleId;
        String op = operatorName != null ? operatorName + " (" + operatorId + ")" : operatorId;
        return cls + " " + who + (op == null ? "" : " of " + op);
    }
}
