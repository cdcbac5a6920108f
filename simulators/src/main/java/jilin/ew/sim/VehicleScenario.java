package jilin.ew.sim;

/** The key-vehicle scenarios the simulator can inject, with the rule and minimum level each must raise (docs/design.md section 6). */
public enum VehicleScenario {
    SECTION_SPEEDING("V1", "VEH_SECTION_SPEEDING", "ORANGE"),
    CLASS_SPEEDING("V2", "VEH_CLASS_SPEEDING", "YELLOW"),
    NIGHT_BAN("V3", "VEH_NIGHT_BAN", "ORANGE"),
    NIGHT_SPEEDING("V4", "VEH_NIGHT_SPEEDING", "YELLOW"),
    FATIGUE("V5", "VEH_FATIGUE", "ORANGE"),
    DOWNHILL_RUNAWAY("V6", "VEH_DOWNHILL_RUNAWAY", "RED"),
    SUDDEN_STOP("V7", "VEH_SUDDEN_STOP", "ORANGE"),
    TERMINAL_ALARM("V8", "VEH_TERMINAL_ALARM", "RED"),
    /** A hazmat truck at exactly its 80 km/h class limit for minutes: must raise nothing. */
    AT_CLASS_LIMIT("V9", null, null);

    private final String scenarioId;
    private final String ruleId;
    private final String minLevel;

    VehicleScenario(String scenarioId, String ruleId, String minLevel) {
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
