package jilin.ew.schema;

/** The input message types of wire contract v1, by their {@code type} value. */
public enum EventType {
    MINE_SENSOR("mine.sensor"),
    MINE_READING("mine.reading"),
    GAS_STATION("gas.station"),
    GAS_READING("gas.reading"),
    VEHICLE_REGISTRATION("vehicle.registration"),
    VEHICLE_POSITION("vehicle.position"),
    HAZARD_REPORT("hazard.report");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type for a wire name, or null when it is not one of ours. */
    public static EventType ofWireName(String name) {
        if (name == null) {
            return null;
        }
        for (EventType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
