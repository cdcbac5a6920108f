package jilin.ew.backtest;

import static jilin.ew.testing.VehicleMsg.OFF_SECTION;
import static jilin.ew.testing.VehicleMsg.at;
import static jilin.ew.testing.VehicleMsg.byTime;
import static jilin.ew.testing.VehicleMsg.on;
import static jilin.ew.testing.VehicleMsg.position;
import static jilin.ew.testing.VehicleMsg.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Stream;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.gas.GasMsg;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSetValidator;
import jilin.ew.rules.RuleSets;
import jilin.ew.schema.Level;
import jilin.ew.testing.Msg;
import jilin.ew.vehicle.VehicleInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every tunable setting takes effect: for each one, a small crafted recording is backtested under the shipped
 * default and under a candidate with only that setting changed, and the alerts that differ are exactly the
 * expected ones (which rule and subject, the highest level each reached under each set; "none" when it raised
 * nothing). Each recording's default run is made once and shared; one MiniCluster serves every run.
 */
class SettingsBacktestTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path tmp;

    /** Outcome of the default rule set by recording name. */
    private static final Map<String, Backtest.Run> BASELINES = new HashMap<>();

    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
    private static final OffsetDateTime DAY = at("2026-06-10T10:00:00");
    private static final String HAZ = VehicleInfo.HAZMAT_TRUCK;
    private static final String BUS = VehicleInfo.LONG_DISTANCE_BUS;
    private static final String COACH = VehicleInfo.TOURIST_COACH;
    private static final long CYCLE = 25;

    /** One setting, the recording that shows it, the change, and the expected differences. */
    record Case(String setting, String recording, List<String> messages, Consumer<RuleSet.Editor> change,
                Map<String, String> expected, boolean countUpdates, List<String> commands) {
        Case(String setting, String recording, List<String> messages, Consumer<RuleSet.Editor> change,
             Map<String, String> expected, boolean countUpdates) {
            this(setting, recording, messages, change, expected, countUpdates, null);
        }

        @Override
        public String toString() {
            return setting;
        }
    }

    private static Case of(String setting, String recording, List<String> messages, Consumer<RuleSet.Editor> change,
                           String... expected) {
        Map<String, String> e = new TreeMap<>();
        for (int i = 0; i < expected.length; i += 2) {
            e.put(expected[i], expected[i + 1]);
        }
        return new Case(setting, recording, messages, change, e, false);
    }

    /** A case of the handling policy: the recording replayed with {@code commands}; outcomes show escalations. */
    private static Case handling(String setting, Consumer<RuleSet.Editor> change, String... expected) {
        Map<String, String> e = new TreeMap<>();
        for (int i = 0; i < expected.length; i += 2) {
            e.put(expected[i], expected[i + 1]);
        }
        return new Case(setting, "unanswered", unanswered(), change, e, false, unansweredCommands());
    }

    /**
     * An hour of methane nobody answers: LY001-WF1-T1 rises to ALARM at 100 s and POWER_CUT at 200 s and stays
     * (RED escalation, which absorbs its ALARM and power cut); LY002-WF1-T1 (a disaster mine: ORANGE), LY006-WF1-T1
     * and LY004-WF1-T1 (YELLOW each) stay at ALARM from 100 s. The values vary a little so no sensor looks stuck.
     */
    private static List<String> unanswered() {
        List<String> m = new ArrayList<>();
        LongToDoubleFunction wobble = t -> ((t / CYCLE) % 4) * 0.01;
        series(m, "LY001-WF1-T1", 0, 3900, t -> (t >= 200 ? 1.6 : t >= 100 ? 1.1 : 0.30) + wobble.applyAsDouble(t));
        series(m, "LY001-WF1-T0", 0, 3900, normal());
        series(m, "LY006-WF1-T1", 0, 3900, t -> (t >= 100 ? 1.1 : 0.30) + wobble.applyAsDouble(t));
        series(m, "LY004-WF1-T1", 0, 3900, t -> (t >= 100 ? 1.1 : 0.30) + wobble.applyAsDouble(t));
        series(m, "LY002-WF1-T1", 0, 3900, t -> (t >= 100 ? 1.1 : 0.30) + wobble.applyAsDouble(t));
        return byTime(m);
    }

    /** LY004-WF1-T1's incident acknowledged a minute before it appears (a clock ahead): it waits for it. */
    private static List<String> unansweredCommands() {
        return List.of("{\"type\":\"alert.command\",\"ts\":\"" + Msg.ts(40) + "\",\"commandId\":\"early-ack\","
                + "\"action\":\"ACKNOWLEDGE\",\"actor\":\"duty.officer\",\"incidentId\":"
                + "\"MINE_CH4_ALARM:LY004-WF1-T1/" + Msg.epochMs(100) + "\"}");
    }

    private static Consumer<RuleSet.Editor> param(String rule, String name, double value) {
        return r -> {
            assertTrue(RuleSets.defaults().rule(rule).params().containsKey(name), rule + " has " + name);
            r.rule(rule).param(name, value);
        };
    }

    private static Consumer<RuleSet.Editor> classParam(String cls, String name, double value) {
        return r -> {
            assertTrue(RuleSets.defaults().classDefaults(cls).params().containsKey(name), cls + " has " + name);
            r.classParam(cls, name, value);
        };
    }

    // ---------------------------------------------------------------- recordings

    /** Mine readings of one sensor, one per polling cycle over [from, to] (seconds from Msg.T0 + offset). */
    private static void series(List<String> m, String sensor, long from, long to, LongToDoubleFunction v) {
        for (long t = from; t <= to; t += CYCLE) {
            m.add(Msg.reading(sensor, t, v.applyAsDouble(t)));
        }
    }

    /** Harmless CH4 that varies a little every reading (0.30 to 0.33 %). */
    private static LongToDoubleFunction normal() {
        return t -> 0.30 + ((t / CYCLE) % 4) * 0.01;
    }

    private static List<String> vehicle(String id, String cls, Double tripKm, Object... timeSpeedPlace) {
        List<String> m = new ArrayList<>();
        m.add(registration(id, cls, tripKm));
        for (int i = 0; i < timeSpeedPlace.length; i += 3) {
            m.add(position(id, (OffsetDateTime) timeSpeedPlace[i], (double[]) timeSpeedPlace[i + 2],
                    ((Number) timeSpeedPlace[i + 1]).doubleValue()));
        }
        return m;
    }

    /** Positions every {@code stepSec} from t along the section from f0 by df each, one per speed. */
    private static List<String> along(String id, String cls, OffsetDateTime t, long stepSec, String section,
                                      double f0, double df, double... speeds) {
        List<String> m = new ArrayList<>();
        m.add(registration(id, cls, 200.0));
        for (int i = 0; i < speeds.length; i++) {
            m.add(position(id, t.plusSeconds(stepSec * i), on(section, f0 + df * i), speeds[i]));
        }
        return m;
    }

    /** Off every section at {@code kmh}, a position a minute over [from, to). */
    private static List<String> drive(String id, OffsetDateTime from, OffsetDateTime to, double kmh) {
        List<String> m = new ArrayList<>();
        for (OffsetDateTime t = from; t.isBefore(to); t = t.plusMinutes(1)) {
            m.add(position(id, t, OFF_SECTION, kmh));
        }
        return m;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> m = new ArrayList<>(a);
        m.addAll(b);
        return m;
    }

    /** A hazmat truck at 90 km/h off every section at the given seconds after DAY. */
    private static List<String> hazmatOver(long... sec) {
        List<String> m = new ArrayList<>();
        m.add(registration("SB-HAZ", HAZ, 200.0));
        for (long s : sec) {
            m.add(position("SB-HAZ", DAY.plusSeconds(s), OFF_SECTION, 90));
        }
        return m;
    }

    /** CH4 of LY001-WF1-T1: normal, ALARM (1.1 %) from {@code alarmAt}, POWER_CUT (1.6 %) from {@code cutAt}. */
    private static List<String> escalation(long alarmAt, long cutAt, long end) {
        List<String> m = new ArrayList<>();
        series(m, "LY001-WF1-T1", 0, end, t -> t >= cutAt ? 1.6 : t >= alarmAt ? 1.1 : 0.30);
        series(m, "LY001-WF1-T0", 0, end, normal());
        return byTime(m);
    }

    /** LY001-WF1-T1 rises 0.25 % a reading (0.6 %/min) over four readings from 300 s, then stays. */
    private static List<String> rapidRise() {
        List<String> m = new ArrayList<>();
        double[] rise = {0.05, 0.30, 0.55, 0.80};
        series(m, "LY001-WF1-T1", 0, 275, t -> 0.05);
        for (int i = 0; i < rise.length; i++) {
            m.add(Msg.reading("LY001-WF1-T1", 300 + CYCLE * i, rise[i]));
        }
        series(m, "LY001-WF1-T1", 400, 900, t -> 0.80);
        series(m, "LY001-WF1-T0", 0, 900, normal());
        return byTime(m);
    }

    /** Two CH4 sensors of LY001/WF1 enter ALARM 150 s apart. */
    private static List<String> twoSensors() {
        List<String> m = new ArrayList<>();
        series(m, "LY001-WF1-T1", 0, 900, t -> t >= 300 ? 1.1 : 0.30);
        series(m, "LY001-WF1-T0", 0, 900, t -> t >= 450 ? 1.1 : 0.30);
        return byTime(m);
    }

    /** CO at {@code ppm} for three readings from 125 s; temperature steady. */
    private static List<String> coSpike(double ppm) {
        List<String> m = new ArrayList<>();
        series(m, "LY001-WF1-CO", 0, 800, t -> t >= 125 && t <= 175 ? ppm : 5.0 + ((t / CYCLE) % 4) * 0.1);
        series(m, "LY001-WF1-TEMP", 0, 800, t -> 22.0 + ((t / CYCLE) % 3) * 0.1);
        series(m, "LY001-WF1-T1", 0, 800, normal());
        return byTime(m);
    }

    /**
     * CO climbs 1 ppm a reading from 5 to 12 ppm from 125 s (below the alarm); the temperature climbs 0.3 °C a
     * reading from 22.1 to 23.6 °C from {@code tempFrom}.
     */
    private static List<String> coWithTemperature(long tempFrom) {
        List<String> m = new ArrayList<>();
        long end = tempFrom + 900;
        series(m, "LY001-WF1-CO", 0, end, t -> t < 125 ? 5.0 : Math.min(12.0, 5.0 + (t - 100) / CYCLE));
        series(m, "LY001-WF1-TEMP", 0, end, t -> t < tempFrom ? 22.1
                : Math.min(23.6, 22.1 + 0.3 * ((t - tempFrom) / CYCLE + 1)));
        series(m, "LY001-WF1-T1", 0, end, normal());
        return byTime(m);
    }

    /** LY001-WF1-T1 silent from 200 s to 300 s (100 s) while LY001-WF1-T0 keeps reporting. */
    private static List<String> silent() {
        List<String> m = new ArrayList<>();
        series(m, "LY001-WF1-T1", 0, 200, normal());
        series(m, "LY001-WF1-T1", 300, 900, normal());
        series(m, "LY001-WF1-T0", 0, 900, normal());
        return byTime(m);
    }

    /** LY001-WF1-T1 varies, then repeats 0.32 % from 500 s to 2400 s while LY001-WF1-T0 changes every 100 s. */
    private static List<String> stuck() {
        List<String> m = new ArrayList<>();
        series(m, "LY001-WF1-T1", 0, 475, normal());
        series(m, "LY001-WF1-T1", 500, 2400, t -> 0.32);
        series(m, "LY001-WF1-T1", 2425, 2550, normal());
        series(m, "LY001-WF1-T0", 0, 2550, t -> 0.30 + ((t / 100) % 2) * 0.02);
        return byTime(m);
    }

    /** In long-term shut-down LY007, a face sensor climbs from 0.10 % to 0.40 %, 0.05 % a reading. */
    private static List<String> shutdownClimb() {
        List<String> m = new ArrayList<>();
        series(m, "LY007-WF1-T1", 0, 300, t -> 0.10);
        long t = 325;
        for (double v = 0.15; v <= 0.40 + 1e-9; v += 0.05) {
            m.add(Msg.reading("LY007-WF1-T1", t, Math.round(v * 100) / 100.0));
            t += CYCLE;
        }
        series(m, "LY007-WF1-T1", t, t + 300, x -> 0.40);
        series(m, "LY007-MAIN-RET", 0, t + 300, normal());
        return byTime(m);
    }

    /** LY001-WF1-T1 at 1.1 % (ALARM) from 100 s to 175 s and again from {@code againAt} for 75 s. */
    private static List<String> twoIncidents(long againAt, long offsetSec) {
        List<String> m = new ArrayList<>();
        long end = againAt + 600;
        for (long t = 0; t <= end; t += CYCLE) {
            boolean alarm = (t >= 100 && t <= 175) || (t >= againAt && t <= againAt + 75);
            m.add(Msg.reading("LY001-WF1-T1", offsetSec + t, alarm ? 1.1 : 0.30 + ((t / CYCLE) % 4) * 0.01));
            m.add(Msg.reading("LY001-WF1-T0", offsetSec + t, 0.30 + ((t / CYCLE) % 4) * 0.01));
        }
        return m;
    }

    /** A regulator station (MEDIUM_A, nominal 0.3 MPa) drops to 0.25 MPa; 30 s later 12 % LEL 300 m away. */
    private static List<String> leak() {
        return List.of(
                GasMsg.station("T-RS-1", "REGULATOR_STATION", 44.5, 125.9, "MEDIUM_A", 0.3, false),
                GasMsg.station("T-MH-300", "MANHOLE", GasMsg.north(44.5, 300), 125.9, "MEDIUM_B", 0.15, false),
                GasMsg.pressure("T-RS-1", 2000, 0.25),
                GasMsg.lel("T-MH-300", 2030, 12));
    }

    private static final long KEY_PERIOD_OFFSET = -97 * 86400L; // 2026-03-05 08:00 local: in the Two Sessions 2026

    static Stream<Case> cases() {
        List<Case> c = new ArrayList<>();
        // ---- classDefaults: vehicle class limits, read by VEH_CLASS_SPEEDING and VEH_NIGHT_SPEEDING
        List<String> classes = new ArrayList<>();
        classes.addAll(vehicle("SB-HAZ75", HAZ, 200.0, DAY, 75, OFF_SECTION));
        classes.addAll(vehicle("SB-BUS95", BUS, 200.0, DAY, 95, OFF_SECTION));
        classes.addAll(vehicle("SB-COACH95", COACH, 200.0, DAY, 95, OFF_SECTION));
        OffsetDateTime night = at("2026-06-10T23:00:00");
        classes.addAll(vehicle("SB-BUSNIGHT85", BUS, 50.0, night, 85, OFF_SECTION, night.plusSeconds(30), 85,
                OFF_SECTION));
        classes = byTime(classes);
        c.add(of("classDefaults.HAZMAT_TRUCK.maxSpeedKmh 80 -> 70", "classes", classes,
                classParam(HAZ, "maxSpeedKmh", 70), "VEH_CLASS_SPEEDING:SB-HAZ75", "none -> BLUE"));
        c.add(of("classDefaults.LONG_DISTANCE_BUS.maxSpeedKmh 100 -> 90", "classes", classes,
                classParam(BUS, "maxSpeedKmh", 90), "VEH_CLASS_SPEEDING:SB-BUS95", "none -> BLUE"));
        c.add(of("classDefaults.LONG_DISTANCE_BUS.maxSpeedKmh 100 -> 110 (night limit 88)", "classes", classes,
                classParam(BUS, "maxSpeedKmh", 110), "VEH_NIGHT_SPEEDING:SB-BUSNIGHT85", "YELLOW -> none"));
        c.add(of("classDefaults.TOURIST_COACH.maxSpeedKmh 100 -> 90", "classes", classes,
                classParam(COACH, "maxSpeedKmh", 90), "VEH_CLASS_SPEEDING:SB-COACH95", "none -> BLUE"));
        // ---- VEH_CLASS_SPEEDING
        List<String> sustained = hazmatOver(0, 30, 60);
        c.add(of("VEH_CLASS_SPEEDING.sustainedSec 60 -> 120", "sustained", sustained,
                param("VEH_CLASS_SPEEDING", "sustainedSec", 120), "VEH_CLASS_SPEEDING:SB-HAZ", "YELLOW -> BLUE"));
        c.add(of("VEH_CLASS_SPEEDING.sustainedLevelSteps 1 -> 2", "sustained", sustained,
                param("VEH_CLASS_SPEEDING", "sustainedLevelSteps", 2), "VEH_CLASS_SPEEDING:SB-HAZ",
                "YELLOW -> ORANGE"));
        c.add(of("VEH_CLASS_SPEEDING.maxGapSec 90 -> 120", "gap100", hazmatOver(0, 100, 130),
                param("VEH_CLASS_SPEEDING", "maxGapSec", 120), "VEH_CLASS_SPEEDING:SB-HAZ", "BLUE -> YELLOW"));
        // ---- VEH_SECTION_SPEEDING (SEC-BS-002: limit 40 km/h)
        List<String> section = byTime(concat(along("SB-S45", HAZ, DAY, 30, "SEC-BS-002", 0.2, 0.05, 45, 46),
                along("SB-S49", HAZ, DAY, 30, "SEC-BS-002", 0.2, 0.05, 49, 50)));
        c.add(of("VEH_SECTION_SPEEDING.positions 2 -> 3", "section", section,
                param("VEH_SECTION_SPEEDING", "positions", 3), "VEH_SECTION_SPEEDING:SB-S45", "YELLOW -> none",
                "VEH_SECTION_SPEEDING:SB-S49", "ORANGE -> none"));
        c.add(of("VEH_SECTION_SPEEDING.orangeOverPct 20 -> 10", "section", section,
                param("VEH_SECTION_SPEEDING", "orangeOverPct", 10), "VEH_SECTION_SPEEDING:SB-S45",
                "YELLOW -> ORANGE"));
        c.add(of("VEH_SECTION_SPEEDING.orangeLevelSteps 1 -> 2", "section", section,
                param("VEH_SECTION_SPEEDING", "orangeLevelSteps", 2), "VEH_SECTION_SPEEDING:SB-S49",
                "ORANGE -> RED"));
        // ---- VEH_NIGHT_BAN: a 200 km bus at 60 km/h at 03:00
        OffsetDateTime three = at("2026-06-11T03:00:00");
        List<String> ban = vehicle("SB-BAN", BUS, 200.0, three, 60, OFF_SECTION);
        c.add(of("VEH_NIGHT_BAN.tripKmOver 100 -> 300", "ban", ban, param("VEH_NIGHT_BAN", "tripKmOver", 300),
                "VEH_NIGHT_BAN:SB-BAN", "ORANGE -> none"));
        c.add(of("VEH_NIGHT_BAN.movingKmh 5 -> 70", "ban", ban, param("VEH_NIGHT_BAN", "movingKmh", 70),
                "VEH_NIGHT_BAN:SB-BAN", "ORANGE -> none"));
        // ---- VEH_NIGHT_SPEEDING (night limit off a section: 0.8 x 100)
        c.add(of("VEH_NIGHT_SPEEDING.nightFactor 0.8 -> 0.9", "classes", classes,
                param("VEH_NIGHT_SPEEDING", "nightFactor", 0.9), "VEH_NIGHT_SPEEDING:SB-BUSNIGHT85",
                "YELLOW -> none"));
        c.add(of("VEH_NIGHT_SPEEDING.positions 2 -> 3", "classes", classes,
                param("VEH_NIGHT_SPEEDING", "positions", 3), "VEH_NIGHT_SPEEDING:SB-BUSNIGHT85", "YELLOW -> none"));
        // ---- VEH_FATIGUE
        List<String> day = drive("SB-FAT", DAY, DAY.plusMinutes(270), 60);
        day.add(0, registration("SB-FAT", HAZ, 400.0));
        c.add(of("VEH_FATIGUE.dayHours 4 -> 5", "fatigueDay", day, param("VEH_FATIGUE", "dayHours", 5),
                "VEH_FATIGUE:SB-FAT", "ORANGE -> none"));
        c.add(of("VEH_FATIGUE.movingKmh 5 -> 65", "fatigueDay", day, param("VEH_FATIGUE", "movingKmh", 65),
                "VEH_FATIGUE:SB-FAT", "ORANGE -> none"));
        OffsetDateTime ten = at("2026-06-10T22:00:00");
        List<String> nightDrive = drive("SB-FAT", ten, ten.plusMinutes(150), 60);
        nightDrive.add(0, registration("SB-FAT", HAZ, 400.0));
        c.add(of("VEH_FATIGUE.nightHours 2 -> 3", "fatigueNight", nightDrive, param("VEH_FATIGUE", "nightHours", 3),
                "VEH_FATIGUE:SB-FAT", "ORANGE -> none"));
        List<String> shortStop = concat(drive("SB-FAT", DAY, DAY.plusMinutes(150), 60),
                drive("SB-FAT", DAY.plusMinutes(150), DAY.plusMinutes(165), 0));
        shortStop.addAll(drive("SB-FAT", DAY.plusMinutes(165), DAY.plusMinutes(285), 60));
        shortStop.add(0, registration("SB-FAT", HAZ, 400.0));
        c.add(of("VEH_FATIGUE.restMin 20 -> 10", "fatigueStop", shortStop, param("VEH_FATIGUE", "restMin", 10),
                "VEH_FATIGUE:SB-FAT", "ORANGE -> none"));
        // ---- VEH_DOWNHILL_RUNAWAY (SEC-BS-001: limit 50, downhill forward)
        List<String> runaway = along("SB-RUN", HAZ, DAY, 30, "SEC-BS-001", 0.1, 0.05, 40, 55, 60, 66);
        c.add(of("VEH_DOWNHILL_RUNAWAY.maxGapSec 90 -> 20", "runaway", runaway,
                param("VEH_DOWNHILL_RUNAWAY", "maxGapSec", 20), "VEH_DOWNHILL_RUNAWAY:SB-RUN", "RED -> none"));
        c.add(of("VEH_DOWNHILL_RUNAWAY.positions 3 -> 4", "runaway", runaway,
                param("VEH_DOWNHILL_RUNAWAY", "positions", 4), "VEH_DOWNHILL_RUNAWAY:SB-RUN", "RED -> none"));
        // ---- VEH_SUDDEN_STOP (SEC-BS-002): 50 km/h, then 5 s later at 3 km/h or 0
        List<String> stop = new ArrayList<>(List.of(registration("SB-STOP0", HAZ, 200.0),
                registration("SB-STOP3", HAZ, 200.0)));
        for (String[] v : new String[][] {{"SB-STOP0", "0"}, {"SB-STOP3", "3"}}) {
            stop.add(position(v[0], DAY, on("SEC-BS-002", 0.5), 50));
            stop.add(position(v[0], DAY.plusSeconds(5), on("SEC-BS-002", 0.505), Double.parseDouble(v[1])));
        }
        stop = byTime(stop);
        c.add(of("VEH_SUDDEN_STOP.fromKmh 40 -> 60", "stop", stop, param("VEH_SUDDEN_STOP", "fromKmh", 60),
                "VEH_SUDDEN_STOP:SB-STOP0", "ORANGE -> none"));
        c.add(of("VEH_SUDDEN_STOP.stopKmh 0 -> 5", "stop", stop, param("VEH_SUDDEN_STOP", "stopKmh", 5),
                "VEH_SUDDEN_STOP:SB-STOP3", "none -> ORANGE"));
        c.add(of("VEH_SUDDEN_STOP.windowSec 10 -> 3", "stop", stop, param("VEH_SUDDEN_STOP", "windowSec", 3),
                "VEH_SUDDEN_STOP:SB-STOP0", "ORANGE -> none"));
        c.add(of("VEH_SUDDEN_STOP.level ORANGE -> RED", "stop", stop,
                r -> r.level("VEH_SUDDEN_STOP", Level.RED), "VEH_SUDDEN_STOP:SB-STOP0", "ORANGE -> RED"));

        // ---- classDefaults: pressure bands, read by GAS_PRESSURE_ABNORMAL
        List<String> pressure = List.of(
                GasMsg.station("T-LOW", "PIPE_POINT", 43.9, 125.3, "LOW", 0.003, false),
                GasMsg.pressure("JL-RS-004", 60, 0.45), // MEDIUM_A 0.2-0.4: above
                GasMsg.pressure("JL-RS-005", 60, 0.75), // SUB_HIGH_A 0.8-1.6: below
                GasMsg.pressure("T-LOW", 60, 0.012));   // LOW < 0.01: above
        c.add(of("classDefaults.MEDIUM_A.maxMPa 0.4 -> 0.5", "pressure", pressure,
                classParam("MEDIUM_A", "maxMPa", 0.5), "GAS_PRESSURE_ABNORMAL:JL-RS-004", "YELLOW -> none"));
        c.add(of("classDefaults.SUB_HIGH_A.minMPa 0.8 -> 0.7", "pressure", pressure,
                classParam("SUB_HIGH_A", "minMPa", 0.7), "GAS_PRESSURE_ABNORMAL:JL-RS-005", "YELLOW -> none"));
        c.add(of("classDefaults.LOW.maxMPa 0.01 -> 0.02", "pressure", pressure,
                classParam("LOW", "maxMPa", 0.02), "GAS_PRESSURE_ABNORMAL:T-LOW", "YELLOW -> none"));
        // ---- GAS_LEL_LEVEL1 / LEVEL2
        List<String> lel = List.of(GasMsg.lel("CC-MH-004", 60, 27), GasMsg.lel("CC-UT-001", 60, 17),
                GasMsg.lel("CC-MH-007", 60, 55));
        c.add(of("GAS_LEL_LEVEL1.lelPct 25 -> 30", "lel", lel, param("GAS_LEL_LEVEL1", "lelPct", 30),
                "GAS_LEL_LEVEL1:CC-MH-004", "YELLOW -> none"));
        c.add(of("GAS_LEL_LEVEL1.utilityTunnelLelPct 20 -> 15", "lel", lel,
                param("GAS_LEL_LEVEL1", "utilityTunnelLelPct", 15), "GAS_LEL_LEVEL1:CC-UT-001", "none -> YELLOW"));
        c.add(of("GAS_LEL_LEVEL2.lelPct 50 -> 60", "lel", lel, param("GAS_LEL_LEVEL2", "lelPct", 60),
                "GAS_LEL_LEVEL2:CC-MH-007", "ORANGE -> none", "GAS_LEL_LEVEL1:CC-MH-007", "none -> YELLOW"));
        // ---- GAS_LEAK_SUSPECTED
        c.add(of("GAS_LEAK_SUSPECTED.pressureDropPct 10 -> 20", "leak", leak(),
                param("GAS_LEAK_SUSPECTED", "pressureDropPct", 20), "GAS_LEAK_SUSPECTED:T-RS-1", "ORANGE -> none"));
        c.add(of("GAS_LEAK_SUSPECTED.lelPct 10 -> 15", "leak", leak(), param("GAS_LEAK_SUSPECTED", "lelPct", 15),
                "GAS_LEAK_SUSPECTED:T-RS-1", "ORANGE -> none"));
        c.add(of("GAS_LEAK_SUSPECTED.distanceM 500 -> 200", "leak", leak(),
                param("GAS_LEAK_SUSPECTED", "distanceM", 200), "GAS_LEAK_SUSPECTED:T-RS-1", "ORANGE -> none"));
        c.add(of("GAS_LEAK_SUSPECTED.windowSec 600 -> 20", "leak", leak(),
                param("GAS_LEAK_SUSPECTED", "windowSec", 20), "GAS_LEAK_SUSPECTED:T-RS-1", "ORANGE -> none"));
        c.add(of("GAS_LEAK_SUSPECTED.redLelPct 50 -> 10", "leak", leak(),
                param("GAS_LEAK_SUSPECTED", "redLelPct", 10), "GAS_LEAK_SUSPECTED:T-RS-1", "ORANGE -> RED"));
        // ---- modifiers
        c.add(of("modifiers.CROWD_PLACE false", "crowd", List.of(GasMsg.lel("CC-MH-001", 60, 25)),
                r -> r.modifier("CROWD_PLACE", false), "GAS_LEL_LEVEL1:CC-MH-001", "ORANGE -> YELLOW"));
        List<String> disaster = new ArrayList<>();
        series(disaster, "LY002-WF1-T1", 0, 400, t -> t >= 100 ? 1.1 : 0.30);
        c.add(of("modifiers.DISASTER_MINE false", "disaster", disaster,
                r -> r.modifier("DISASTER_MINE", false), "MINE_CH4_ALARM:LY002-WF1-T1", "ORANGE -> YELLOW"));
        List<String> keyPeriod = twoIncidents(5000, KEY_PERIOD_OFFSET);
        c.add(of("modifiers.KEY_PERIOD false", "keyPeriod", keyPeriod,
                r -> r.modifier("KEY_PERIOD", false), "MINE_CH4_ALARM:LY001-WF1-T1", "RED -> ORANGE"));
        List<String> repeat = twoIncidents(1000, 0);
        c.add(of("modifiers.REPEAT false", "repeat", repeat, r -> r.modifier("REPEAT", false),
                "MINE_CH4_ALARM:LY001-WF1-T1", "ORANGE -> YELLOW"));
        // ---- lifecycle
        c.add(of("lifecycle.repeatWindowSec 86400 -> 300", "repeat", repeat, r -> r.repeatWindowSec(300),
                "MINE_CH4_ALARM:LY001-WF1-T1", "ORANGE -> YELLOW"));
        c.add(of("lifecycle.clearHoldSec.MINE 300 -> 1200", "repeat", repeat,
                r -> r.clearHoldSec("MINE", 1200L), "MINE_CH4_ALARM:LY001-WF1-T1", "ORANGE -> YELLOW"));
        c.add(new Case("lifecycle.updateIntervalSec 300 -> 30", "updates", escalation(100, 100000, 700),
                r -> r.updateIntervalSec(30),
                Map.of("MINE_CH4_ALARM:LY001-WF1-T1", "YELLOW updates=2 -> YELLOW updates=12"), true));
        // ---- REPORT_CORROBORATED: a report on a point, then its pressure alert 120 s later
        List<String> report = List.of(GasMsg.report("R-1", "JL-RS-004", "GENERAL", 0),
                GasMsg.pressure("JL-RS-004", 120, 0.45));
        c.add(of("REPORT_CORROBORATED.windowSec 86400 -> 60", "report", report,
                param("REPORT_CORROBORATED", "windowSec", 60), "GAS_PRESSURE_ABNORMAL:JL-RS-004", "ORANGE -> YELLOW"));

        // ---- mine
        List<String> cut = escalation(100, 100000, 400);
        c.add(of("ch4Thresholds.WORKING_FACE.powerCut 1.5 -> 1.05", "alarmOnly", cut,
                r -> r.ch4("WORKING_FACE").powerCut(1.05), "MINE_CH4_POWER_CUT:LY001-WF1-T1",
                "none -> ORANGE", "MINE_CH4_ALARM:LY001-WF1-T1", "YELLOW -> none"));
        c.add(of("MINE_CH4_ESCALATION.windowSec 600 -> 120", "escalation", escalation(300, 600, 900),
                param("MINE_CH4_ESCALATION", "windowSec", 120), "MINE_CH4_ESCALATION:LY001-WF1-T1", "RED -> none"));
        c.add(of("MINE_CH4_RAPID_RISE.ratePctPerMin 0.5 -> 1.0", "rapidRise", rapidRise(),
                param("MINE_CH4_RAPID_RISE", "ratePctPerMin", 1.0), "MINE_CH4_RAPID_RISE:LY001-WF1-T1",
                "ORANGE -> none"));
        c.add(of("MINE_CH4_RAPID_RISE.readings 3 -> 5", "rapidRise", rapidRise(),
                param("MINE_CH4_RAPID_RISE", "readings", 5), "MINE_CH4_RAPID_RISE:LY001-WF1-T1", "ORANGE -> none"));
        c.add(of("MINE_CH4_RAPID_RISE.maxGapSec 90 -> 20", "rapidRise", rapidRise(),
                param("MINE_CH4_RAPID_RISE", "maxGapSec", 20), "MINE_CH4_RAPID_RISE:LY001-WF1-T1", "ORANGE -> none"));
        c.add(of("MINE_MULTI_SENSOR.windowSec 300 -> 60", "twoSensors", twoSensors(),
                param("MINE_MULTI_SENSOR", "windowSec", 60), "MINE_MULTI_SENSOR:LY001/WF1", "RED -> none"));
        c.add(of("MINE_CO_ALARM.alarmPpm 24 -> 30", "coSpike", coSpike(26), param("MINE_CO_ALARM", "alarmPpm", 30),
                "MINE_CO_ALARM:LY001-WF1-CO", "YELLOW -> none"));
        List<String> coTemp = coWithTemperature(200);
        c.add(of("MINE_CO_ALARM.coRisePpm 5 -> 10", "coTemp", coTemp, param("MINE_CO_ALARM", "coRisePpm", 10),
                "MINE_CO_ALARM:LY001-WF1-CO", "ORANGE -> none"));
        c.add(of("MINE_CO_ALARM.tempRiseC 1.0 -> 2.0", "coTemp", coTemp, param("MINE_CO_ALARM", "tempRiseC", 2),
                "MINE_CO_ALARM:LY001-WF1-CO", "ORANGE -> none"));
        c.add(of("MINE_CO_ALARM.trendWindowSec 600 -> 60", "coTemp", coTemp,
                param("MINE_CO_ALARM", "trendWindowSec", 60), "MINE_CO_ALARM:LY001-WF1-CO", "ORANGE -> none"));
        c.add(of("MINE_CO_ALARM.risingLevelSteps 1 -> 2", "coTemp", coTemp,
                param("MINE_CO_ALARM", "risingLevelSteps", 2), "MINE_CO_ALARM:LY001-WF1-CO", "ORANGE -> RED"));
        c.add(of("MINE_CO_ALARM.windowSec 600 -> 120", "coTempLate", coWithTemperature(1100),
                param("MINE_CO_ALARM", "windowSec", 120), "MINE_CO_ALARM:LY001-WF1-CO", "ORANGE -> none"));
        c.add(of("MINE_SENSOR_SILENT.pollingCycleSec 25 -> 60", "silent", silent(),
                param("MINE_SENSOR_SILENT", "pollingCycleSec", 60), "MINE_SENSOR_SILENT:LY001-WF1-T1",
                "YELLOW -> none"));
        c.add(of("MINE_SENSOR_SILENT.cycles 3 -> 6", "silent", silent(), param("MINE_SENSOR_SILENT", "cycles", 6),
                "MINE_SENSOR_SILENT:LY001-WF1-T1", "YELLOW -> none"));
        c.add(of("MINE_SENSOR_STUCK.durationSec 1800 -> 3600", "stuck", stuck(),
                param("MINE_SENSOR_STUCK", "durationSec", 3600), "MINE_SENSOR_STUCK:LY001-WF1-T1", "BLUE -> none"));
        // a neighbour's variation is noted at most every varyCadenceSec: at 3600 s only its first change (at
        // 100 s) is noted, before the sensor went flat, so nothing shows the district varying meanwhile
        c.add(of("MINE_SENSOR_STUCK.varyCadenceSec 300 -> 3600", "stuck", stuck(),
                param("MINE_SENSOR_STUCK", "varyCadenceSec", 3600), "MINE_SENSOR_STUCK:LY001-WF1-T1", "BLUE -> none"));
        c.add(of("MINE_SHUTDOWN_ACTIVITY.climbPct 0.3 -> 0.5", "shutdown", shutdownClimb(),
                param("MINE_SHUTDOWN_ACTIVITY", "climbPct", 0.5), "MINE_SHUTDOWN_ACTIVITY:LY007-WF1-T1",
                "ORANGE -> none"));
        c.add(of("MINE_SHUTDOWN_ACTIVITY.windowSec 1800 -> 60", "shutdown", shutdownClimb(),
                param("MINE_SHUTDOWN_ACTIVITY", "windowSec", 60), "MINE_SHUTDOWN_ACTIVITY:LY007-WF1-T1",
                "ORANGE -> none"));
        c.add(of("MINE_CH4_ALARM.enabled false", "alarmOnly", cut, r -> r.enabled("MINE_CH4_ALARM", false),
                "MINE_CH4_ALARM:LY001-WF1-T1", "YELLOW -> none"));

        // ---- handling: escalation of what nobody acknowledges (minutes after the NEW message, routes)
        String red = "MINE_CH4_ESCALATION:LY001-WF1-T1";
        String orange = "MINE_CH4_ALARM:LY002-WF1-T1";
        c.add(handling("handling.escalation.RED.afterSec 300 -> 600",
                r -> r.escalation(Level.RED, 600, 600, 3, "province"),
                red, "RED esc @5,15,25 [province] -> RED esc @10,20,30 [province]"));
        c.add(handling("handling.escalation.RED.repeatSec 600 -> 1200",
                r -> r.escalation(Level.RED, 300, 1200, 3, "province"),
                red, "RED esc @5,15,25 [province] -> RED esc @5,25,45 [province]"));
        c.add(handling("handling.escalation.RED.maxTimes 3 -> 1", r -> r.escalation(Level.RED, 300, 600, 1, "province"),
                red, "RED esc @5,15,25 [province] -> RED esc @5 [province]"));
        c.add(handling("handling.escalation.RED.routes + prefecture-220400",
                r -> r.escalation(Level.RED, 300, 600, 3, "province", "prefecture-220400"),
                red, "RED esc @5,15,25 [province] -> RED esc @5,15,25 [province, prefecture-220400]"));
        c.add(handling("handling.escalation.ORANGE.afterSec 900 -> 1200",
                r -> r.escalation(Level.ORANGE, 1200, 1800, 2, "province"),
                orange, "ORANGE esc @15,45 [province] -> ORANGE esc @20,50 [province]"));
        c.add(handling("handling.escalation.ORANGE.repeatSec 1800 -> 600",
                r -> r.escalation(Level.ORANGE, 900, 600, 2, "province"),
                orange, "ORANGE esc @15,45 [province] -> ORANGE esc @15,25 [province]"));
        c.add(handling("handling.escalation.ORANGE.maxTimes 2 -> 1",
                r -> r.escalation(Level.ORANGE, 900, 1800, 1, "province"), orange,
                "ORANGE esc @15,45 [province] -> ORANGE esc @15 [province]"));
        c.add(handling("handling.escalation.YELLOW.afterSec 3600 -> 1800", r -> r.escalation(Level.YELLOW, 1800, 0, 1),
                "MINE_CH4_ALARM:LY006-WF1-T1", "YELLOW esc @60 [] -> YELLOW esc @30 []"));
        c.add(handling("handling.commandWaitSec 120 -> 30", r -> r.commandWaitSec(30),
                "MINE_CH4_ALARM:LY004-WF1-T1", "YELLOW esc none -> YELLOW esc @60 []"));
        return c.stream();
    }

    private static Backtest.Run replay(String name, List<String> messages, List<String> commands, RuleSet rules)
            throws Exception {
        Path rec = tmp.resolve(name + ".jsonl");
        if (!Files.exists(rec)) {
            Files.write(rec, messages, StandardCharsets.UTF_8);
        }
        Path cmd = null;
        if (commands != null) {
            cmd = tmp.resolve(name + "-commands.jsonl");
            if (!Files.exists(cmd)) {
                Files.write(cmd, commands, StandardCharsets.UTF_8);
            }
        }
        return Backtest.replay(rec, cmd, messages.size(), rules, new JobSettings(), name, QUIET);
    }

    /** "key count" of each escalation, for failure messages. */
    private static String escalated(Backtest.Run run) {
        return run.escalations.stream().map(a -> a.key + " " + a.escalation.count + "@"
                + a.escalation.unacknowledgedSec / 60).collect(java.util.stream.Collectors.joining(", "));
    }

    /** NEW alerts with their modifiers, for failure messages. */
    private static String opened(Backtest.Run run) {
        StringBuilder b = new StringBuilder();
        for (jilin.ew.schema.Alert a : run.opened) {
            b.append("\n  NEW ").append(a.key).append(' ').append(a.level).append(' ');
            a.modifiers.forEach(m -> b.append(m.modifier).append(' '));
        }
        return b.toString();
    }

    private static String outcome(Backtest.Run run, String key, boolean countUpdates) {
        Level l = run.highest.get(key);
        String s = l == null ? "none" : l.name();
        return countUpdates ? s + " updates=" + run.updates.getOrDefault(key, 0L) : s;
    }

    /** The level, then when each escalation came (minutes after the NEW message) and the routes they added. */
    private static String escalationOutcome(Backtest.Run run, String key) {
        Level l = run.highest.get(key);
        List<jilin.ew.schema.Alert> esc = run.escalations.stream().filter(a -> a.key.equals(key))
                .collect(java.util.stream.Collectors.toList());
        if (esc.isEmpty()) {
            return (l == null ? "none" : l.name()) + " esc none";
        }
        return l + " esc @" + esc.stream().map(a -> String.valueOf(a.escalation.unacknowledgedSec / 60))
                .collect(java.util.stream.Collectors.joining(",")) + " " + esc.get(0).escalation.routes;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void changingOneSettingChangesTheAlerts(Case c) throws Exception {
        Backtest.Run base = BASELINES.get(c.recording());
        if (base == null) {
            base = replay(c.recording(), c.messages(), c.commands(), RuleSets.defaults());
            BASELINES.put(c.recording(), base);
        }
        RuleSet.Editor edit = RuleSets.defaults().edit().version("candidate-1");
        c.change().accept(edit);
        RuleSet cand = edit.build();
        // a candidate goes through the same checks as `backtest --candidate`
        RuleSetValidator.Result checked = new RuleSetValidator().validate("candidate.json", RuleSets.toJson(cand),
                false);
        assertTrue(checked.valid(), checked.describe());
        Backtest.Run run = replay(c.recording(), c.messages(), c.commands(), checked.ruleSet);

        Map<String, String> diff = new TreeMap<>();
        TreeSet<String> keys = new TreeSet<>(base.highest.keySet());
        keys.addAll(run.highest.keySet());
        for (String k : keys) {
            String a = c.commands() != null ? escalationOutcome(base, k) : outcome(base, k, c.countUpdates());
            String b = c.commands() != null ? escalationOutcome(run, k) : outcome(run, k, c.countUpdates());
            if (!a.equals(b)) {
                diff.put(k, a + " -> " + b);
            }
        }
        assertEquals(c.expected(), diff, "default: " + base.highest + " " + base.updates + " " + opened(base)
                + "\ncandidate: " + run.highest + " " + run.updates + " " + opened(run)
                + (c.commands() == null ? "" : "\nescalations: " + escalated(base) + "\n -> " + escalated(run)));
    }
}
