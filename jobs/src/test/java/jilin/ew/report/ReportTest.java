package jilin.ew.report;

import static jilin.ew.gas.GasMsg.lel;
import static jilin.ew.gas.GasMsg.pressure;
import static jilin.ew.gas.GasMsg.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jilin.ew.gas.GasMsg;
import jilin.ew.gas.rule.LelLevel1;
import jilin.ew.gas.rule.PressureAbnormal;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Level;
import jilin.ew.testing.Msg;
import jilin.ew.testing.Pipeline;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import jilin.ew.report.rule.MajorHazard;

/** Major-hazard reports, corroboration in both orders, and bad gas and report input. */
class ReportTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static boolean corroborated(Alert a) {
        return a.modifiers.stream().anyMatch(m -> m.modifier.equals("CORROBORATED"));
    }

    @Test
    void majorHazardAndCorroborationInEitherOrder() throws Exception {
        long day = 24 * 3600;
        Pipeline p = Pipeline.run(List.of(
                report("R-1", "CC-RS-005", "GENERAL", 0),          // report first ...
                report("R-2", "JL-MH-008", "MAJOR", 10),           // a major hazard: its own alert
                report("R-4", "LY001", "GENERAL", 20),             // a mine's report covers its sensors
                pressure("CC-RS-006", 60, 2.6),                    // alert first ...
                report("R-3", "CC-RS-006", "GENERAL", 120),        // ... then the report raises it
                Msg.reading("LY001-WF1-T1", 300, 1.2),
                pressure("CC-RS-005", 3600, 1.7),                  // ... then the alert, an hour later
                report("R-5", "JL-RS-005", "GENERAL", 4000),
                pressure("JL-RS-005", 4000 + day + 1, 1.7)));      // just over 24 h later: not corroborated
        Map<String, Alert> first = new TreeMap<>();
        for (Alert a : p.alerts) {
            if (a.status == AlertStatus.NEW) {
                first.put(a.subjectId, a);
            }
        }
        Alert major = first.get("JL-MH-008");
        assertEquals(MajorHazard.ID, major.ruleId, p.summary());
        assertEquals(Level.ORANGE, major.level);
        assertEquals(List.of(), major.modifiers, "a report does not corroborate itself");

        // which reaches the lifecycle first, report or alert, is up to the cluster: either way the alert ends
        // ORANGE and corroborated (both orders are pinned down in CorroborationTest)
        for (String station : List.of("CC-RS-005", "CC-RS-006")) {
            Alert top = p.alerts.stream().filter(a -> a.subjectId.equals(station)
                    && a.status != AlertStatus.CLEARED).reduce((x, y) -> y).orElseThrow();
            assertEquals(PressureAbnormal.ID, top.ruleId);
            assertEquals(Level.ORANGE, top.level, p.summary());
            assertTrue(corroborated(top), p.summary());
        }

        // (the sensor also goes silent after its one reading: that alert is corroborated too)
        Alert mine = p.of("MINE_CH4_ALARM").stream().filter(a -> a.status != AlertStatus.CLEARED)
                .reduce((x, y) -> y).orElseThrow(); // NEW corroborated, or NEW then ESCALATED: arrival order
        assertEquals("LY001-WF1-T1", mine.subjectId);
        assertEquals(Level.ORANGE, mine.level, p.summary());
        assertTrue(corroborated(mine));

        Alert late = first.get("JL-RS-005");
        assertEquals(Level.YELLOW, late.level, p.summary());
        assertEquals(List.of(), late.modifiers);
        assertEquals(5, first.size(), p.summary());
        assertTrue(p.deadLetters.isEmpty(), p.summary());
    }

    /**
     * Reports on subjects defined on the stream, under ids no seed knows: each alert names the subject's definition
     * (mine, sensor, district, station, vehicle, prefecture, operator), and a report on a mine reaches the districts
     * of its stream-defined sensors.
     */
    @Test
    void reportsOnStreamDefinedSubjectsNameTheirDefinition() throws Exception {
        Pipeline p = Pipeline.run(List.of(
                Msg.sensorDef("BS002", "K7-T1-03", "CH4", "WORKING_FACE", "WF9"),
                Msg.sensorDef("BS002", "K8:face", "CH4", "WORKING_FACE", "WF8"),
                GasMsg.station("x_9", "PIPE_POINT", 43.88, 125.33, "MEDIUM_B", 0.15, false),
                String.format(java.util.Locale.ROOT, "{\"type\":\"vehicle.registration\",\"ts\":\"%s\","
                        + "\"vehicleId\":\"JL:v-1\",\"vehicleClass\":\"HAZMAT_TRUCK\",\"operatorId\":\"TC-JL-01\","
                        + "\"prefecture\":\"220200\"}", Msg.ts(0)),
                report("R-1", "K7-T1-03", "MAJOR", 10),
                report("R-2", "x_9", "MAJOR", 11),
                report("R-3", "JL:v-1", "MAJOR", 12),
                report("R-4", "BS002", "GENERAL", 20),      // the mine's report covers K8:face's district too
                Msg.reading("K8:face", 300, 1.2)));
        Map<String, Alert> major = new TreeMap<>();
        p.opened(MajorHazard.ID).forEach(a -> major.put(a.subjectId, a));
        assertEquals(java.util.Set.of("K7-T1-03", "x_9", "JL:v-1"), major.keySet(), p.summary());

        Alert sensor = major.get("K7-T1-03");
        assertEquals("BS002", sensor.mineId, p.summary());
        assertEquals("K7-T1-03", sensor.sensorId);
        assertEquals("WF9", sensor.district);
        assertEquals("220600", sensor.prefecture);
        assertEquals("OP-BS-02", sensor.operatorId);
        assertTrue(sensor.detail.contains("(BS002)"), sensor.detail);

        Alert station = major.get("x_9");
        assertEquals("x_9", station.stationId, p.summary());
        assertEquals("220100", station.prefecture);
        assertEquals(null, station.mineId);

        Alert vehicle = major.get("JL:v-1");
        assertEquals("JL:v-1", vehicle.vehicleId, p.summary());
        assertEquals("220200", vehicle.prefecture);
        assertEquals("TC-JL-01", vehicle.operatorId);

        Alert alarm = p.of("MINE_CH4_ALARM").stream().filter(a -> a.status != AlertStatus.CLEARED)
                .reduce((x, y) -> y).orElseThrow();
        assertEquals("K8:face", alarm.subjectId);
        assertTrue(corroborated(alarm), "the mine's report raises its stream-defined sensor's alarm: " + p.summary());
        assertEquals(Level.ORANGE, alarm.level, p.summary());
        assertTrue(p.deadLetters.isEmpty(), p.summary());
    }

    @Test
    void badGasAndReportInputIsDeadLetteredAndNothingElseLost() throws Exception {
        Pipeline p = Pipeline.run(List.of(
                lel("CC-MH-004", 10, 100.5),                                   // %LEL over 100
                pressure("CC-RS-005", 10, -0.1),                               // negative pressure (schema)
                pressure("CC-RS-005", 11, 12.0),                               // no city line carries 12 MPa
                lel("XX-NOWHERE", 12, 30),                                     // unknown station
                GasMsg.station("T-ZERO", "MANHOLE", 0, 0, "MEDIUM_B", 0.15, false),
                GasMsg.station("T-BJ", "MANHOLE", 39.9, 116.4, "MEDIUM_B", 0.15, false),
                report("R-9", "CC-RS-003", "MAJOR", 20, 0, 0),                // report at 0,0
                report("R-10", "CC-RS-004", "MAJOR", 30),
                report("R-10", "CC-RS-004", "MAJOR", 31),                      // the same report again
                lel("CC-MH-004", 40, 30),                                      // good input still counts
                lel("T-BJ", 300, 30)));                                        // its definition was refused
        assertEquals(9, p.deadLetters.size(), p.summary());
        assertTrue(p.deadLetters.stream().anyMatch(d -> "value".equals(d.field) && d.raw.contains("-0.1")),
                p.summary());
        assertEquals(3, p.deadLetters.stream().filter(d -> d.reason.equals("out-of-range")
                && d.field.equals("value")).count(), p.summary());
        assertEquals(2, p.deadLetters.stream().filter(d -> d.reason.equals("unknown-subject")
                && d.field.equals("stationId")).count(), p.summary());
        assertEquals(3, p.deadLetters.stream().filter(d -> d.reason.equals("out-of-province")).count(), p.summary());
        assertEquals(1, p.deadLetters.stream().filter(d -> d.reason.equals("duplicate")
                && d.field.equals("reportId")).count(), p.summary());
        assertEquals(1, p.opened(LelLevel1.ID).size(), p.summary());
        assertEquals(1, p.opened(MajorHazard.ID).size(), p.summary());
        assertEquals("CC-RS-004", p.opened(MajorHazard.ID).get(0).subjectId);
    }
}
