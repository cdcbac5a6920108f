package jilin.ew.mine;

/** Rule ids of the mine domain (docs/design.md section 6); ids are stable. */
public final class MineRules {
    public static final String CH4_ALARM = "MINE_CH4_ALARM";
    public static final String CH4_POWER_CUT = "MINE_CH4_POWER_CUT";
    public static final String CH4_ESCALATION = "MINE_CH4_ESCALATION";
    public static final String CH4_RAPID_RISE = "MINE_CH4_RAPID_RISE";
    public static final String MULTI_SENSOR = "MINE_MULTI_SENSOR";
    public static final String CO_ALARM = "MINE_CO_ALARM";
    public static final String SENSOR_SILENT = "MINE_SENSOR_SILENT";
    public static final String SENSOR_STUCK = "MINE_SENSOR_STUCK";
    public static final String SHUTDOWN_ACTIVITY = "MINE_SHUTDOWN_ACTIVITY";

    private MineRules() {}
}
