package jilin.ew.sim;

import java.util.Arrays;
import java.util.List;

/**
 * Every scenario a simulator can inject, of every domain, with the rule and minimum level it must raise
 * (docs/design.md section 6). The ids (S1.., G1.., R1.., V1..) and names are those of the labels files.
 */
public enum Scenario {
    // coal mines (MineSimulator)
    VENTILATION_FAILURE("S1", SimDomain.MINE, "MINE", "MINE_CH4_ESCALATION", "RED", false),
    OUTBURST_PRECURSOR("S2", SimDomain.MINE, "MINE", "MINE_CH4_RAPID_RISE", "ORANGE", false),
    DISTRICT_EVENT("S3", SimDomain.MINE, "MINE", "MINE_MULTI_SENSOR", "RED", false),
    SILENT_SENSOR("S4", SimDomain.MINE, "MINE", "MINE_SENSOR_SILENT", "YELLOW", false),
    STUCK_SENSOR("S5", SimDomain.MINE, "MINE", "MINE_SENSOR_STUCK", "BLUE", false),
    /** Calibration must raise nothing: no rule, no level. */
    CALIBRATION("S6", SimDomain.MINE, "MINE", null, null, true),
    CO_WITH_TEMP("S7", SimDomain.MINE, "MINE", "MINE_CO_ALARM", "ORANGE", false),
    SHUTDOWN_ACTIVITY("S8", SimDomain.MINE, "MINE", "MINE_SHUTDOWN_ACTIVITY", "ORANGE", false),
    // city gas networks and their hazard reports (GasSimulator)
    LEAK_NEAR_STATION("G1", SimDomain.GAS, "GAS_NETWORK", "GAS_LEAK_SUSPECTED", "ORANGE", false),
    DETECTOR_DRIFT("G2", SimDomain.GAS, "GAS_NETWORK", "GAS_LEL_LEVEL1", "YELLOW", false),
    PRESSURE_CLASS_BREACH("G3", SimDomain.GAS, "GAS_NETWORK", "GAS_PRESSURE_ABNORMAL", "YELLOW", false),
    /** A spike and, 20 min later, a dip apart: not a leak; nothing at all may fire on its points. */
    SPIKE_AND_DIP_APART("G4", SimDomain.GAS, "GAS_NETWORK", "GAS_LEAK_SUSPECTED", null, true),
    MAJOR_REPORT("R1", SimDomain.GAS, "REPORT", "REPORT_MAJOR_HAZARD", "ORANGE", false),
    /** A report before G3's breach raises G3's alert one grade (REPORT_CORROBORATED). */
    CORROBORATING_REPORT("R2", SimDomain.GAS, "REPORT", "GAS_PRESSURE_ABNORMAL", "ORANGE", false),
    // key vehicles (VehicleSimulator)
    SECTION_SPEEDING("V1", SimDomain.VEHICLE, "VEHICLE", "VEH_SECTION_SPEEDING", "ORANGE", false),
    CLASS_SPEEDING("V2", SimDomain.VEHICLE, "VEHICLE", "VEH_CLASS_SPEEDING", "YELLOW", false),
    NIGHT_BAN("V3", SimDomain.VEHICLE, "VEHICLE", "VEH_NIGHT_BAN", "ORANGE", false),
    NIGHT_SPEEDING("V4", SimDomain.VEHICLE, "VEHICLE", "VEH_NIGHT_SPEEDING", "YELLOW", false),
    FATIGUE("V5", SimDomain.VEHICLE, "VEHICLE", "VEH_FATIGUE", "ORANGE", false),
    DOWNHILL_RUNAWAY("V6", SimDomain.VEHICLE, "VEHICLE", "VEH_DOWNHILL_RUNAWAY", "RED", false),
    SUDDEN_STOP("V7", SimDomain.VEHICLE, "VEHICLE", "VEH_SUDDEN_STOP", "ORANGE", false),
    TERMINAL_ALARM("V8", SimDomain.VEHICLE, "VEHICLE", "VEH_TERMINAL_ALARM", "RED", false),
    /** A hazmat truck at exactly its 80 km/h class limit for minutes: must raise nothing. */
    AT_CLASS_LIMIT("V9", SimDomain.VEHICLE, "VEHICLE", null, null, true);

    private final String scenarioId;
    private final SimDomain simulator;
    private final String domain;
    private final String ruleId;
    private final String minLevel;
    private final boolean quiet;

    Scenario(String scenarioId, SimDomain simulator, String domain, String ruleId, String minLevel, boolean quiet) {
        this.scenarioId = scenarioId;
        this.simulator = simulator;
        this.domain = domain;
        this.ruleId = ruleId;
        this.minLevel = minLevel;
        this.quiet = quiet;
    }

    public String scenarioId() {
        return scenarioId;
    }

    /** The simulator that injects it. */
    public SimDomain simulator() {
        return simulator;
    }

    /** The alert domain it belongs to: MINE, GAS_NETWORK, REPORT or VEHICLE. */
    public String domain() {
        return domain;
    }

    /** The rule expected to fire (for a quiet scenario: the rule it must not fool), or null. */
    public String ruleId() {
        return ruleId;
    }

    /** The lowest acceptable alert level, or null when the scenario must raise nothing. */
    public String minLevel() {
        return minLevel;
    }

    /** Whether the scenario must raise nothing on its subjects. */
    public boolean quiet() {
        return quiet;
    }

    /** The scenarios the given simulator injects, in id order. */
    public static List<Scenario> of(SimDomain simulator) {
        return Arrays.stream(values()).filter(s -> s.simulator == simulator).toList();
    }
}
