package jilin.ew.sim;

/** The mine scenarios the simulator can inject, with the rule and minimum level each must raise (docs/design.md section 6). */
public enum ScenarioKind {
    VENTILATION_FAILURE("S1", "MINE_CH4_ESCALATION", "RED"),
    OUTBURST_PRECURSOR("S2", "MINE_CH4_RAPID_RISE", "ORANGE"),
    DISTRICT_EVENT("S3", "MINE_MULTI_SENSOR", "RED"),
    SILENT_SENSOR("S4", "MINE_SENSOR_SILENT", "YELLOW"),
    STUCK_SENSOR("S5", "MINE_SENSOR_STUCK", "BLUE"),
    /** Calibration must raise nothing: no rule, no level. */
    CALIBRATION("S6", null, null),
    CO_WITH_TEMP("S7", "MINE_CO_ALARM", "ORANGE"),
    SHUTDOWN_ACTIVITY("S8", "MINE_SHUTDOWN_ACTIVITY", "ORANGE");

    private final String scenarioId;
    private final String ruleId;
    private final String minLevel;

    ScenarioKind(String scenarioId, String ruleId, String minLevel) {
        this.scenarioId = scenarioId;
        this.ruleId = ruleId;
        this.minLevel = minLevel;
    }

    public String scenarioId() {
        return scenarioId;
    }

    /** The rule expected to fire, or null when the scenario must raise nothing. */
    public String ruleId() {
        return ruleId;
    }

    /** The lowest acceptable alert level, or null when the scenario must raise nothing. */
    public String minLevel() {
        return minLevel;
    }
}
