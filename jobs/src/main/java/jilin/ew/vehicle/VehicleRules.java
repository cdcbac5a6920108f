package jilin.ew.vehicle;

/** Rule ids of the key-vehicle domain (docs/design.md); ids are stable. */
public final class VehicleRules {
    public static final String SECTION_SPEEDING = "VEH_SECTION_SPEEDING";
    public static final String CLASS_SPEEDING = "VEH_CLASS_SPEEDING";
    public static final String NIGHT_BAN = "VEH_NIGHT_BAN";
    public static final String NIGHT_SPEEDING = "VEH_NIGHT_SPEEDING";
    public static final String FATIGUE = "VEH_FATIGUE";
    public static final String DOWNHILL_RUNAWAY = "VEH_DOWNHILL_RUNAWAY";
    public static final String SUDDEN_STOP = "VEH_SUDDEN_STOP";
    public static final String TERMINAL_ALARM = "VEH_TERMINAL_ALARM";

    /** classDefaults parameter of a vehicle class: its speed limit, read by class and night speeding. */
    public static final String MAX_SPEED_KMH = "maxSpeedKmh";

    private VehicleRules() {}
}
