package jilin.ew.vehicle;

import static jilin.ew.testing.VehicleMsg.OFF_SECTION;
import static jilin.ew.testing.VehicleMsg.at;
import static jilin.ew.testing.VehicleMsg.beside;
import static jilin.ew.testing.VehicleMsg.byTime;
import static jilin.ew.testing.VehicleMsg.on;
import static jilin.ew.testing.VehicleMsg.position;
import static jilin.ew.testing.VehicleMsg.registration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import jilin.ew.JobSettings;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSets;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Level;
import jilin.ew.testing.Pipeline;
import jilin.ew.vehicle.rule.ClassSpeeding;
import jilin.ew.vehicle.rule.DownhillRunaway;
import jilin.ew.vehicle.rule.Fatigue;
import jilin.ew.vehicle.rule.NightBan;
import jilin.ew.vehicle.rule.NightSpeeding;
import jilin.ew.vehicle.rule.SectionSpeeding;
import jilin.ew.vehicle.rule.SuddenStop;
import jilin.ew.vehicle.rule.TerminalAlarm;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each vehicle rule on the whole job: it fires (rule, vehicle, level) and stays quiet just outside its
 * threshold, distance or window. Each test runs one small job with one vehicle per case.
 */
class VehicleRulesTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final String HAZ = VehicleInfo.HAZMAT_TRUCK;
    private static final String BUS = VehicleInfo.LONG_DISTANCE_BUS;
    private static final String COACH = VehicleInfo.TOURIST_COACH;
    private static final OffsetDateTime DAY = at("2026-06-10T10:00:00");

    /** Highest level any alert of the rule reached for the vehicle, or empty when none opened. */
    static Optional<Level> level(Pipeline p, String rule, String vehicleId) {
        return p.alerts.stream().filter(a -> a.ruleId.equals(rule) && vehicleId.equals(a.subjectId))
                .map(a -> a.level).max(Enum::compareTo);
    }

    static void fires(Pipeline p, String rule, String vehicleId, Level level) {
        assertEquals(Optional.of(level), level(p, rule, vehicleId), rule + " on " + vehicleId + "\n" + p.summary());
        Alert a = p.opened(rule).stream().filter(x -> vehicleId.equals(x.subjectId)).findFirst().orElseThrow();
        assertEquals(vehicleId, a.vehicleId);
        assertFalse(a.evidence.isEmpty(), "evidence");
    }

    static void quiet(Pipeline p, String rule, String vehicleId) {
        assertEquals(Optional.empty(), level(p, rule, vehicleId), rule + " on " + vehicleId + "\n" + p.summary());
    }

    /** Positions every 30 s from t, one per speed, moving along the section from fraction f0 by df each. */
    static void along(List<String> m, String v, OffsetDateTime t, String section, double f0, double df, double... speeds) {
        for (int i = 0; i < speeds.length; i++) {
            m.add(position(v, t.plusSeconds(30L * i), on(section, f0 + df * i), speeds[i]));
        }
    }

    @Test
    void sectionSpeeding() throws Exception {
        List<String> m = new ArrayList<>();
        String[] ids = {"SS-YELLOW", "SS-ORANGE", "SS-BROKEN", "SS-ATLIMIT", "SS-INBUF", "SS-OUTBUF"};
        for (String id : ids) {
            m.add(registration(id, HAZ, 200.0));
        }
        // SEC-BS-002: sharp bend, limit 40 km/h, buffer 40 m
        along(m, "SS-YELLOW", DAY, "SEC-BS-002", 0.2, 0.05, 45, 46);
        m.add(position("SS-YELLOW", DAY.plusSeconds(60), OFF_SECTION, 46)); // leaves: the alert clears
        along(m, "SS-ORANGE", DAY, "SEC-BS-002", 0.2, 0.05, 49, 50);
        along(m, "SS-BROKEN", DAY, "SEC-BS-002", 0.2, 0.05, 45, 38, 45);
        along(m, "SS-ATLIMIT", DAY, "SEC-BS-002", 0.2, 0.05, 40, 40, 40);
        SectionIndex index = SectionIndex.defaults();
        for (int i = 0; i < 2; i++) {
            double[] in = beside("SEC-BS-002", 0.3 + 0.04 * i, 30);
            double[] out = beside("SEC-BS-002", 0.3 + 0.04 * i, 60);
            assertTrue(index.match(in[0], in[1]).isPresent(), "30 m from the line is on the section");
            assertTrue(index.match(out[0], out[1]).isEmpty(), "60 m from the line is off the section");
            m.add(position("SS-INBUF", DAY.plusSeconds(30L * i), in, 45));
            m.add(position("SS-OUTBUF", DAY.plusSeconds(30L * i), out, 45));
        }
        Pipeline p = Pipeline.run(byTime(m));
        fires(p, SectionSpeeding.ID, "SS-YELLOW", Level.YELLOW);
        assertTrue(p.alerts.stream().anyMatch(a -> a.subjectId.equals("SS-YELLOW") && a.status == AlertStatus.CLEARED
                && a.lastEventTs == DAY.plusSeconds(60).toInstant().toEpochMilli()), "cleared on leaving\n" + p.summary());
        Alert a = p.opened(SectionSpeeding.ID).get(0);
        assertEquals("220600", a.prefecture, "the section's prefecture");
        assertTrue(a.detail.contains("临江老岭十八盘急弯") && a.detail.contains("40 km/h") && a.detail.contains("吉T"), a.detail);
        fires(p, SectionSpeeding.ID, "SS-ORANGE", Level.ORANGE);
        fires(p, SectionSpeeding.ID, "SS-INBUF", Level.YELLOW);
        quiet(p, SectionSpeeding.ID, "SS-BROKEN");
        quiet(p, SectionSpeeding.ID, "SS-ATLIMIT");
        quiet(p, SectionSpeeding.ID, "SS-OUTBUF");
    }

    @Test
    void classSpeeding() throws Exception {
        List<String> m = new ArrayList<>();
        m.add(registration("CS-HAZ-1", HAZ, 200.0));
        m.add(registration("CS-HAZ-SUST", HAZ, 200.0));
        m.add(registration("CS-HAZ-SHORT", HAZ, 200.0));
        m.add(registration("CS-HAZ-80", HAZ, 200.0));
        m.add(registration("CS-BUS-100", BUS, 200.0));
        m.add(registration("CS-BUS-101", COACH, 200.0));
        m.add(position("CS-HAZ-1", DAY, OFF_SECTION, 81));
        m.add(position("CS-HAZ-1", DAY.plusSeconds(30), OFF_SECTION, 70));
        for (int i = 0; i <= 2; i++) {
            m.add(position("CS-HAZ-SUST", DAY.plusSeconds(30L * i), OFF_SECTION, 90));
            // over for 30 s only, then back under at 60 s: not sustained for a minute
            m.add(position("CS-HAZ-SHORT", DAY.plusSeconds(30L * i), OFF_SECTION, i < 2 ? 90 : 75));
            m.add(position("CS-HAZ-80", DAY.plusSeconds(30L * i), OFF_SECTION, 80));
            m.add(position("CS-BUS-100", DAY.plusSeconds(30L * i), OFF_SECTION, 100));
        }
        m.add(position("CS-BUS-101", DAY, OFF_SECTION, 101));
        Pipeline p = Pipeline.run(byTime(m));
        fires(p, ClassSpeeding.ID, "CS-HAZ-1", Level.BLUE);
        fires(p, ClassSpeeding.ID, "CS-HAZ-SUST", Level.YELLOW);
        fires(p, ClassSpeeding.ID, "CS-HAZ-SHORT", Level.BLUE);
        fires(p, ClassSpeeding.ID, "CS-BUS-101", Level.BLUE);
        quiet(p, ClassSpeeding.ID, "CS-HAZ-80");
        quiet(p, ClassSpeeding.ID, "CS-BUS-100");
        assertEquals("220100", p.opened(ClassSpeeding.ID).get(0).prefecture, "off a section: the vehicle's");
    }

    @Test
    void nightBanAtItsEdgesInJilinTimeWhateverTheMachineZone() throws Exception {
        TimeZone saved = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));
        try {
            List<String> m = new ArrayList<>();
            for (String id : List.of("NB-0159", "NB-0200", "NB-0459", "NB-0500", "NB-SLOW")) {
                m.add(registration(id, BUS, 150.0));
            }
            m.add(registration("NB-100KM", BUS, 100.0));
            m.add(registration("NB-COACH", COACH, 300.0));
            OffsetDateTime night = at("2026-06-11T01:58:00");
            for (int i = 0; i < 4; i++) {
                m.add(position("NB-0159", night.plusSeconds(30L * i), OFF_SECTION, 60)); // 01:58:00 .. 01:59:30
            }
            // 02:00 local written in UTC: the rule reads Jilin time, not the writer's offset or the machine's zone
            m.add(String.format("{\"type\":\"vehicle.position\",\"ts\":\"2026-06-10T18:00:00Z\",\"vehicleId\":\"NB-0200\","
                    + "\"lat\":%s,\"lon\":%s,\"speedKmh\":60}", OFF_SECTION[0], OFF_SECTION[1]));
            m.add(position("NB-0459", at("2026-06-11T04:59:30"), OFF_SECTION, 60));
            for (int i = 0; i < 3; i++) {
                m.add(position("NB-0500", at("2026-06-11T05:00:00").plusSeconds(30L * i), OFF_SECTION, 60));
                m.add(position("NB-SLOW", at("2026-06-11T03:00:00").plusSeconds(30L * i), OFF_SECTION, 5));
                m.add(position("NB-100KM", at("2026-06-11T03:00:00").plusSeconds(30L * i), OFF_SECTION, 60));
                m.add(position("NB-COACH", at("2026-06-11T03:00:00").plusSeconds(30L * i), OFF_SECTION, 60));
            }
            Pipeline p = Pipeline.run(byTime(m));
            fires(p, NightBan.ID, "NB-0200", Level.ORANGE);
            fires(p, NightBan.ID, "NB-0459", Level.ORANGE);
            quiet(p, NightBan.ID, "NB-0159");
            quiet(p, NightBan.ID, "NB-0500");
            quiet(p, NightBan.ID, "NB-SLOW");
            quiet(p, NightBan.ID, "NB-100KM");
            quiet(p, NightBan.ID, "NB-COACH");
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void nightSpeedingAcrossMidnightAndAtTheWindowEdges() throws Exception {
        List<String> m = new ArrayList<>();
        for (String id : List.of("NS-2159", "NS-2200", "NS-0559", "NS-MIDNIGHT", "NS-AT80", "NS-SECTION")) {
            m.add(registration(id, COACH, 150.0));
        }
        m.add(registration("NS-HAZ", HAZ, 150.0));
        for (int i = 0; i < 3; i++) {
            m.add(position("NS-2159", at("2026-06-10T21:59:00").plusSeconds(30L * i), OFF_SECTION, 85)); // ..22:00:00
            m.add(position("NS-0559", at("2026-06-11T05:59:30").plusSeconds(30L * i), OFF_SECTION, 85)); // 05:59:30..
            m.add(position("NS-AT80", at("2026-06-10T23:00:00").plusSeconds(30L * i), OFF_SECTION, 80));
            m.add(position("NS-HAZ", at("2026-06-10T23:00:00").plusSeconds(30L * i), OFF_SECTION, 75));
        }
        m.add(position("NS-2200", at("2026-06-10T22:00:00"), OFF_SECTION, 85));
        m.add(position("NS-2200", at("2026-06-10T22:00:30"), OFF_SECTION, 85));
        m.add(position("NS-MIDNIGHT", at("2026-06-10T23:59:30"), OFF_SECTION, 85));
        m.add(position("NS-MIDNIGHT", at("2026-06-11T00:00:00"), OFF_SECTION, 85));
        // SEC-BS-002: night limit 32 km/h
        along(m, "NS-SECTION", at("2026-06-10T23:00:00"), "SEC-BS-002", 0.2, 0.03, 35, 36);
        Pipeline p = Pipeline.run(byTime(m));
        fires(p, NightSpeeding.ID, "NS-2200", Level.YELLOW);
        fires(p, NightSpeeding.ID, "NS-MIDNIGHT", Level.YELLOW);
        fires(p, NightSpeeding.ID, "NS-SECTION", Level.YELLOW);
        quiet(p, NightSpeeding.ID, "NS-2159");
        quiet(p, NightSpeeding.ID, "NS-0559");
        quiet(p, NightSpeeding.ID, "NS-AT80");
        quiet(p, NightSpeeding.ID, "NS-HAZ");
        quiet(p, SectionSpeeding.ID, "NS-SECTION");
    }

    @Test
    void nightSpeedingDetailStatesTheLimitInForce() throws Exception {
        RuleSet rules = RuleSets.defaults();
        rules.rule(NightSpeeding.ID).params.put("nightFactor", 0.9);
        rules.classDefaults(COACH).params.put(ClassSpeeding.MAX_SPEED_KMH, 110.0);
        List<String> m = new ArrayList<>();
        m.add(registration("NS-FACTOR", COACH, 150.0));
        m.add(position("NS-FACTOR", at("2026-06-10T23:00:00"), OFF_SECTION, 100));
        m.add(position("NS-FACTOR", at("2026-06-10T23:00:30"), OFF_SECTION, 100));
        Pipeline p = Pipeline.run(m, new JobSettings().withRules(rules));
        fires(p, NightSpeeding.ID, "NS-FACTOR", Level.YELLOW);
        String detail = p.opened(NightSpeeding.ID).get(0).detail;
        assertTrue(detail.contains("night limit of 99 km/h (90 % of 110 km/h"), detail);
    }

    /** Positions every 30 s at the speed from {@code from} (inclusive) to {@code to} (exclusive). */
    static void drive(List<String> m, String v, OffsetDateTime from, OffsetDateTime to, double speed) {
        for (OffsetDateTime t = from; t.isBefore(to); t = t.plusSeconds(30)) {
            m.add(position(v, t, OFF_SECTION, speed));
        }
    }

    @Test
    void fatigueByDayAndAcrossMidnight() throws Exception {
        List<String> m = new ArrayList<>();
        for (String id : List.of("FT-DAY", "FT-REST20", "FT-REST19", "FT-NIGHT", "FT-NIGHT-SHORT")) {
            m.add(registration(id, HAZ, 500.0));
        }
        OffsetDateTime d0 = at("2026-06-10T08:00:00");
        drive(m, "FT-DAY", d0, d0.plusMinutes(241), 60);
        // 2 h, a 20 min stop, 2 h 10 min: within the limit
        drive(m, "FT-REST20", d0, d0.plusMinutes(120).plusSeconds(30), 60);
        drive(m, "FT-REST20", d0.plusMinutes(120).plusSeconds(30), d0.plusMinutes(141), 0);
        drive(m, "FT-REST20", d0.plusMinutes(141), d0.plusMinutes(271), 60);
        // the same with a 19 min stop: the driving is continuous
        drive(m, "FT-REST19", d0, d0.plusMinutes(120).plusSeconds(30), 60);
        drive(m, "FT-REST19", d0.plusMinutes(120).plusSeconds(30), d0.plusMinutes(139), 0);
        drive(m, "FT-REST19", d0.plusMinutes(139), d0.plusMinutes(271), 60);
        OffsetDateTime n0 = at("2026-06-10T22:30:00");
        drive(m, "FT-NIGHT", n0, n0.plusMinutes(122), 60); // past midnight, over 2 h
        drive(m, "FT-NIGHT-SHORT", n0, n0.plusMinutes(119), 60);
        Pipeline p = Pipeline.run(byTime(m));
        fires(p, Fatigue.ID, "FT-DAY", Level.ORANGE);
        fires(p, Fatigue.ID, "FT-REST19", Level.ORANGE);
        fires(p, Fatigue.ID, "FT-NIGHT", Level.ORANGE);
        quiet(p, Fatigue.ID, "FT-REST20");
        quiet(p, Fatigue.ID, "FT-NIGHT-SHORT");
        Alert day = p.opened(Fatigue.ID).stream().filter(a -> a.subjectId.equals("FT-DAY")).findFirst().orElseThrow();
        assertEquals(d0.plusMinutes(240).plusSeconds(30).toInstant().toEpochMilli(), day.lastEventTs,
                "fires on the first position past 4 h");
        Alert night = p.opened(Fatigue.ID).stream().filter(a -> a.subjectId.equals("FT-NIGHT")).findFirst().orElseThrow();
        assertEquals(n0.plusMinutes(120).plusSeconds(30).toInstant().toEpochMilli(), night.lastEventTs,
                "fires on the first position past 2 h at night");
    }

    @Test
    void downhillRunaway() throws Exception {
        List<String> m = new ArrayList<>();
        for (String id : List.of("DR-HAZ", "DR-BUS", "DR-BROKEN", "DR-UPHILL", "DR-BEND")) {
            m.add(registration(id, id.equals("DR-BUS") ? BUS : HAZ, 200.0));
        }
        // SEC-BS-001: long downhill, limit 50, downhill FORWARD (increasing fraction)
        along(m, "DR-HAZ", DAY, "SEC-BS-001", 0.1, 0.05, 40, 55, 60, 66);
        along(m, "DR-BUS", DAY, "SEC-BS-001", 0.1, 0.05, 40, 55, 60, 66);
        along(m, "DR-BROKEN", DAY, "SEC-BS-001", 0.1, 0.05, 40, 55, 60, 58, 66);
        along(m, "DR-UPHILL", DAY, "SEC-BS-001", 0.8, -0.05, 40, 55, 60, 66);
        // SEC-BS-002 is a sharp bend, not a long downhill
        along(m, "DR-BEND", DAY, "SEC-BS-002", 0.1, 0.05, 30, 45, 50, 55);
        Pipeline p = Pipeline.run(byTime(m));
        fires(p, DownhillRunaway.ID, "DR-HAZ", Level.RED);
        fires(p, DownhillRunaway.ID, "DR-BUS", Level.RED);
        quiet(p, DownhillRunaway.ID, "DR-BROKEN");
        quiet(p, DownhillRunaway.ID, "DR-UPHILL");
        quiet(p, DownhillRunaway.ID, "DR-BEND");
        Alert a = p.opened(DownhillRunaway.ID).get(0);
        assertEquals(3, a.evidence.size(), "the three positions that matched");
        assertTrue(a.detail.contains("临江老岭长下坡"), a.detail);
    }

    /** Positions from t at the given second offsets, one per speed, moving along the section by df each. */
    static void timed(List<String> m, String v, OffsetDateTime t, String section, double f0, double df, long[] sec,
                      double... speeds) {
        for (int i = 0; i < speeds.length; i++) {
            m.add(position(v, t.plusSeconds(sec[i]), on(section, f0 + df * i), speeds[i]));
        }
    }

    @Test
    void runawayNeedsEveryGapWithinMaxGapSec() throws Exception {
        List<String> m = new ArrayList<>();
        for (String id : List.of("DR-GAP200", "DR-GAP30")) {
            m.add(registration(id, HAZ, 200.0));
        }
        // SEC-BS-001 (limit 50, downhill FORWARD): entry at 40, then three rising positions past the limit.
        // The whole run spans 260 s, inside positions x maxGapSec (270 s), but one gap is 200 s > 90 s.
        timed(m, "DR-GAP200", DAY, "SEC-BS-001", 0.1, 0.05, new long[] {0, 30, 60, 260}, 40, 55, 60, 66);
        timed(m, "DR-GAP30", DAY, "SEC-BS-001", 0.1, 0.05, new long[] {0, 30, 60, 90}, 40, 55, 60, 66);
        Pipeline p = Pipeline.run(byTime(m));
        quiet(p, DownhillRunaway.ID, "DR-GAP200");
        fires(p, DownhillRunaway.ID, "DR-GAP30", Level.RED);
    }

    @Test
    void sustainedClassSpeedingNeedsEveryGapWithinMaxGapSec() throws Exception {
        List<String> m = new ArrayList<>();
        for (String id : List.of("CS-GAP100", "CS-GAP60")) {
            m.add(registration(id, HAZ, 200.0));
        }
        // over 80 km/h for 120 s either way; a 100 s gap (> maxGapSec 90) breaks the run, 60 s gaps do not
        for (long t : new long[] {0, 100, 120}) {
            m.add(position("CS-GAP100", DAY.plusSeconds(t), OFF_SECTION, 90));
        }
        for (long t : new long[] {0, 60, 120}) {
            m.add(position("CS-GAP60", DAY.plusSeconds(t), OFF_SECTION, 90));
        }
        Pipeline p = Pipeline.run(byTime(m));
        fires(p, ClassSpeeding.ID, "CS-GAP100", Level.BLUE);
        fires(p, ClassSpeeding.ID, "CS-GAP60", Level.YELLOW);
    }

    @Test
    void suddenStop() throws Exception {
        List<String> m = new ArrayList<>();
        for (String id : List.of("ST-8S", "ST-STEPS", "ST-12S", "ST-OFF", "ST-38")) {
            m.add(registration(id, HAZ, 200.0));
        }
        double[] a = on("SEC-BS-002", 0.5);
        double[] b = on("SEC-BS-002", 0.505);
        m.add(position("ST-8S", DAY, a, 45));
        m.add(position("ST-8S", DAY.plusSeconds(10), b, 0));
        m.add(position("ST-STEPS", DAY, a, 45));
        m.add(position("ST-STEPS", DAY.plusSeconds(5), b, 20));
        m.add(position("ST-STEPS", DAY.plusSeconds(9), b, 0));
        m.add(position("ST-12S", DAY, a, 45));
        m.add(position("ST-12S", DAY.plusSeconds(11), b, 0));
        m.add(position("ST-OFF", DAY, OFF_SECTION, 45));
        m.add(position("ST-OFF", DAY.plusSeconds(5), OFF_SECTION, 0));
        m.add(position("ST-38", DAY, a, 40));
        m.add(position("ST-38", DAY.plusSeconds(5), b, 0));
        Pipeline p = Pipeline.run(byTime(m));
        fires(p, SuddenStop.ID, "ST-8S", Level.ORANGE);
        fires(p, SuddenStop.ID, "ST-STEPS", Level.ORANGE);
        quiet(p, SuddenStop.ID, "ST-12S");
        quiet(p, SuddenStop.ID, "ST-OFF");
        quiet(p, SuddenStop.ID, "ST-38");
    }

    @Test
    void terminalAlarmBits() throws Exception {
        List<String> m = new ArrayList<>();
        for (String id : List.of("TA-COLL", "TA-ROLL", "TA-EMERG", "TA-FATIGUE")) {
            m.add(registration(id, COACH, 200.0));
        }
        m.add(position("TA-COLL", DAY, on("SEC-TH-002", 0.5), 0, Jt808Alarm.mask(Jt808Alarm.COLLISION)));
        m.add(position("TA-ROLL", DAY, OFF_SECTION, 0, Jt808Alarm.mask(Jt808Alarm.ROLLOVER) | 1));
        m.add(position("TA-EMERG", DAY, OFF_SECTION, 0, Jt808Alarm.mask(Jt808Alarm.EMERGENCY)));
        m.add(position("TA-FATIGUE", DAY, OFF_SECTION, 50,
                Jt808Alarm.mask(Jt808Alarm.FATIGUE) | Jt808Alarm.mask(Jt808Alarm.OVERSPEED)));
        Pipeline p = Pipeline.run(byTime(m));
        fires(p, TerminalAlarm.ID, "TA-COLL", Level.RED);
        fires(p, TerminalAlarm.ID, "TA-ROLL", Level.RED);
        quiet(p, TerminalAlarm.ID, "TA-EMERG");
        quiet(p, TerminalAlarm.ID, "TA-FATIGUE");
        Alert coll = p.opened(TerminalAlarm.ID).stream().filter(a -> a.subjectId.equals("TA-COLL"))
                .findFirst().orElseThrow();
        assertEquals("220500", coll.prefecture, "on a 通化 section");
        assertTrue(coll.detail.contains("collision"), coll.detail);
    }
}
