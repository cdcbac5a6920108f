package jilin.ew.gas;

import static jilin.ew.gas.GasMsg.lel;
import static jilin.ew.gas.GasMsg.pressure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jilin.ew.gas.rule.LeakSuspected;
import jilin.ew.gas.rule.LelLevel1;
import jilin.ew.geo.Geo;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Level;
import jilin.ew.testing.Msg;
import jilin.ew.testing.Pipeline;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each gas rule fires (rule, subject, level) and stays quiet just outside its threshold, distance or window. */
class GasRulesTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** subject -> "RULE LEVEL [modifiers]" of every NEW alert, for exact comparison. */
    private static Map<String, String> opened(Pipeline p) {
        Map<String, String> m = new TreeMap<>();
        for (Alert a : p.alerts) {
            if (a.status == AlertStatus.NEW) {
                String v = a.ruleId + " " + a.level + (a.modifiers.isEmpty() ? "" : " " + a.modifiers.stream()
                        .map(x -> x.modifier).sorted().toList());
                m.merge(a.subjectId, v, (x, y) -> x + ", " + y);
            }
        }
        return m;
    }

    @Test
    void lelLevelsAndCrowdedPlace() throws Exception {
        Pipeline p = Pipeline.run(List.of(
                lel("CC-MH-002", 60, 24.9),      // just under level 1: quiet
                lel("CC-MH-004", 60, 25.0),      // level 1
                lel("CC-MH-005", 60, 49.9),      // still level 1
                lel("CC-MH-007", 60, 50.0),      // level 2
                lel("CC-MH-001", 60, 25.0),      // level 1 next to a crowded place: one grade up
                lel("CC-UT-001", 60, 20.0),      // utility tunnel: 20 % starts ventilation
                lel("JL-UT-001", 60, 19.9)));    // just under the tunnel's level: quiet
        Map<String, String> expected = new TreeMap<>(Map.of(
                "CC-MH-004", "GAS_LEL_LEVEL1 YELLOW",
                "CC-MH-005", "GAS_LEL_LEVEL1 YELLOW",
                "CC-MH-007", "GAS_LEL_LEVEL2 ORANGE",
                "CC-MH-001", "GAS_LEL_LEVEL1 ORANGE [CROWD_PLACE]",
                "CC-UT-001", "GAS_LEL_LEVEL1 YELLOW"));
        assertEquals(expected, opened(p), p.summary());
        assertTrue(p.deadLetters.isEmpty(), p.summary());
    }

    @Test
    void pressureOutsideItsClass() throws Exception {
        Pipeline p = Pipeline.run(List.of(
                pressure("CC-RS-005", 60, 1.6),   // SUB_HIGH_A 0.8-1.6: on the upper bound, inside
                pressure("CC-RS-006", 60, 2.51),  // HIGH_B 1.6-2.5: just above
                pressure("JL-RS-004", 60, 0.199), // MEDIUM_A 0.2-0.4: just below (a drop, but no gas near)
                pressure("JL-RS-005", 60, 0.8),   // SUB_HIGH_A: on the lower bound, inside
                pressure("CC-RS-001", 60, 0.41))); // MEDIUM_A, next to a crowded place
        assertEquals(new TreeMap<>(Map.of(
                "CC-RS-006", "GAS_PRESSURE_ABNORMAL YELLOW",
                "JL-RS-004", "GAS_PRESSURE_ABNORMAL YELLOW",
                "CC-RS-001", "GAS_PRESSURE_ABNORMAL ORANGE [CROWD_PLACE]")), opened(p), p.summary());
    }

    @Test
    void leakNeedsDropAndGasNearEnoughSoonEnough() throws Exception {
        double rs5Lat = 43.882;
        double rs5Lon = 125.362;
        double jl5Lat = 43.905;
        double jl5Lon = 126.565;
        List<String> m = new ArrayList<>();
        // in event-time order (within the out-of-orderness bound): a message behind the watermark is late, and
        // whether it is depends on how fast the watermark travels, not on the rule under test
        // distance: stream-defined points 490 m and 510 m due north of two stations
        m.add(GasMsg.station("T-MH-490", "MANHOLE", GasMsg.north(rs5Lat, 490), rs5Lon, "MEDIUM_B", 0.15, false));
        m.add(GasMsg.station("T-MH-510", "MANHOLE", GasMsg.north(jl5Lat, 510), jl5Lon, "MEDIUM_B", 0.15, false));
        m.add(lel("T-MH-490", 100, 12));              // gas first, then the drop: either order
        m.add(pressure("JL-RS-005", 100, 1.05));
        // thresholds: a drop of 9.97 % with gas near; a drop of 13 % with 9.9 % LEL near
        m.add(pressure("JL-RS-001", 100, 0.2701));
        m.add(pressure("JL-RS-003", 100, 0.26));
        m.add(lel("JL-MH-001", 160, 12));
        m.add(lel("JL-MH-005", 160, 9.9));
        m.add(pressure("CC-RS-005", 200, 1.05));      // 12.5 % below 1.2
        m.add(lel("T-MH-510", 200, 12));              // 510 m: too far
        // window: 599 s apart matches, 601 s does not
        m.add(pressure("JL-RS-004", 1000, 0.26));
        m.add(pressure("CC-RS-006", 1000, 1.75));
        m.add(lel("JL-MH-007", 1599, 12));
        m.add(lel("CC-MH-011", 1601, 12));
        // RED (later in event time than all above, so nothing arrives behind the watermark): a stream-defined regulator station and gas at the second level 300 m away
        m.add(GasMsg.station("T-RS-1", "REGULATOR_STATION", 44.5, 125.9, "MEDIUM_A", 0.3, false));
        m.add(GasMsg.station("T-MH-300", "MANHOLE", GasMsg.north(44.5, 300), 125.9, "MEDIUM_B", 0.15, false));
        m.add(pressure("T-RS-1", 2000, 0.25));
        m.add(lel("T-MH-300", 2030, 55));
        Pipeline p = Pipeline.run(m);
        Map<String, String> got = opened(p);
        assertEquals("GAS_LEAK_SUSPECTED ORANGE", got.get("CC-RS-005"), p.summary());
        assertEquals(null, got.get("JL-RS-005"), p.summary());
        assertEquals("GAS_LEAK_SUSPECTED ORANGE", got.get("JL-RS-004"), p.summary());
        assertEquals(null, got.get("CC-RS-006"), p.summary());
        assertEquals(null, got.get("JL-RS-001"), p.summary());
        assertEquals(null, got.get("JL-RS-003"), p.summary());
        assertEquals("GAS_LEAK_SUSPECTED RED", got.get("T-RS-1"), p.summary());
        assertEquals("GAS_LEL_LEVEL2 ORANGE", got.get("T-MH-300"), p.summary());
        assertEquals(3, p.opened(LeakSuspected.ID).size(), p.summary());
        assertTrue(Geo.haversineMeters(rs5Lat, rs5Lon, GasMsg.north(rs5Lat, 490), rs5Lon) < 500);
        assertTrue(Geo.haversineMeters(jl5Lat, jl5Lon, GasMsg.north(jl5Lat, 510), jl5Lon) > 500);
        Alert leak = p.opened(LeakSuspected.ID).stream().filter(a -> a.subjectId.equals("CC-RS-005"))
                .findFirst().orElseThrow();
        assertEquals("CC-RS-005", leak.stationId);
        assertEquals(2, leak.evidence.size(), p.summary());
        assertTrue(p.deadLetters.isEmpty(), p.summary());
    }

    @Test
    void leakNextToCrowdedPlaceIsRaised() throws Exception {
        // the station is not near a crowded place, the manhole with gas is: the leak alert is raised a grade
        double lat = 43.905;
        Pipeline p = Pipeline.run(List.of(
                GasMsg.station("T-MH-C", "MANHOLE", GasMsg.north(lat, 200), 126.565, "MEDIUM_B", 0.15, true),
                pressure("JL-RS-005", 100, 1.0),
                lel("T-MH-C", 160, 15)));
        Alert a = p.opened(LeakSuspected.ID).get(0);
        assertEquals(Level.RED, a.level, p.summary());
        assertEquals("CROWD_PLACE", a.modifiers.get(0).modifier);
    }

    @Test
    void leakWindowCountsFromTheLastReadingOfALongRun() throws Exception {
        // gas above the leak level for 10 min, one reading every 10 s (only some go to the pattern, see
        // LeakSignalRuns), then back to normal; the drop comes 590 s after the run's last reading (a match) at
        // one station and 610 s after it (none) at another
        List<String> m = new ArrayList<>();
        m.add(GasMsg.station("T-RS-A", "REGULATOR_STATION", 44.0, 126.0, "MEDIUM_A", 0.3, false));
        m.add(GasMsg.station("T-MH-A", "MANHOLE", GasMsg.north(44.0, 200), 126.0, "MEDIUM_B", 0.15, false));
        m.add(GasMsg.station("T-RS-B", "REGULATOR_STATION", 44.2, 127.0, "MEDIUM_A", 0.3, false));
        m.add(GasMsg.station("T-MH-B", "MANHOLE", GasMsg.north(44.2, 200), 127.0, "MEDIUM_B", 0.15, false));
        for (long t = 100; t <= 700; t += 10) {
            m.add(lel("T-MH-A", t, 12));
            m.add(lel("T-MH-B", t, 12));
        }
        m.add(lel("T-MH-A", 710, 2));
        m.add(lel("T-MH-B", 710, 2));
        m.add(pressure("T-RS-A", 1290, 0.25));
        m.add(pressure("T-RS-B", 1310, 0.25));
        Pipeline p = Pipeline.run(m);
        Map<String, String> got = opened(p);
        assertEquals("GAS_LEAK_SUSPECTED ORANGE", got.get("T-RS-A"), p.summary());
        assertEquals(null, got.get("T-RS-B"), p.summary());
    }

    @Test
    void readingHeldForItsDefinitionKeepsItsOwnTimeInTheLeakWindow() throws Exception {
        // gas readings of two manholes arrive before their definitions (stamped 30 s later, within the 60 s an
        // unknown subject's readings are held); each is held, then taken when its definition comes. The leak
        // window (600 s) counts from the reading (100 s): a drop at 690 s matches, one at 720 s does not (it would,
        // were the reading timed by its definition at 130 s). A definition later than the hold would see the
        // reading dead-lettered once event time passes it, however fast the watermark travels
        List<String> m = new ArrayList<>();
        m.add(GasMsg.station("T-RS-C", "REGULATOR_STATION", 43.6, 126.2, "MEDIUM_A", 0.3, false));
        m.add(GasMsg.station("T-RS-D", "REGULATOR_STATION", 43.8, 126.9, "MEDIUM_A", 0.3, false));
        m.add(lel("T-MH-C", 100, 12));
        m.add(lel("T-MH-D", 100, 12));
        m.add(GasMsg.station("T-MH-C", "MANHOLE", GasMsg.north(43.6, 200), 126.2, "MEDIUM_B", 0.15, false)
                .replace(Msg.ts(0), Msg.ts(130)));
        m.add(GasMsg.station("T-MH-D", "MANHOLE", GasMsg.north(43.8, 200), 126.9, "MEDIUM_B", 0.15, false)
                .replace(Msg.ts(0), Msg.ts(130)));
        m.add(pressure("T-RS-C", 690, 0.25));
        m.add(pressure("T-RS-D", 720, 0.25));
        Pipeline p = Pipeline.run(m);
        Map<String, String> got = opened(p);
        assertEquals("GAS_LEAK_SUSPECTED ORANGE", got.get("T-RS-C"), p.summary());
        assertEquals(null, got.get("T-RS-D"), p.summary());
        assertTrue(p.deadLetters.isEmpty(), p.summary());
    }

    /**
     * A definition stamped after the hold (60 s) comes too late for the reading held for it: that reading is
     * dead-lettered, every run alike, whether or not event time had already fired the hold's timer when the
     * definition arrived; the readings after the definition count.
     */
    @Test
    void aDefinitionLaterThanTheHoldComesTooLateForTheReadingHeldForIt() throws Exception {
        Pipeline p = Pipeline.run(List.of(
                lel("T-MH-E", 100, 30),
                GasMsg.station("T-MH-E", "MANHOLE", 43.7, 126.5, "MEDIUM_B", 0.15, false)
                        .replace(Msg.ts(0), Msg.ts(400)),
                lel("T-MH-E", 500, 30)));
        assertEquals(1, p.deadLetters.size(), p.summary());
        assertEquals("unknown-subject", p.deadLetters.get(0).reason, p.summary());
        assertTrue(p.deadLetters.get(0).raw.contains(Msg.ts(100)), p.summary());
        Alert a = p.opened(LelLevel1.ID).get(0);
        assertEquals(Msg.ts(500), jilin.ew.schema.Times.format(a.firstEventTs), p.summary());
    }
}
