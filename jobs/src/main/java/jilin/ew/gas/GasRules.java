package jilin.ew.gas;

/** Rule ids of the city gas network domain (docs/design.md section 6); ids are stable. */
public final class GasRules {
    public static final String LEL_LEVEL1 = "GAS_LEL_LEVEL1";
    public static final String LEL_LEVEL2 = "GAS_LEL_LEVEL2";
    public static final String LEAK_SUSPECTED = "GAS_LEAK_SUSPECTED";
    public static final String PRESSURE_ABNORMAL = "GAS_PRESSURE_ABNORMAL";
    /** Modifier switch and name: the point is next to one of the plan's crowded places. */
    public static final String CROWD_PLACE = "CROWD_PLACE";

    private GasRules() {}
}
