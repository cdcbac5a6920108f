package jilin.ew.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jilin.ew.seeds.Mine;
import jilin.ew.seeds.MineStatus;
import jilin.ew.seeds.SeedCatalog;
import jilin.ew.seeds.SensorKind;
import jilin.ew.seeds.SensorPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MineSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SeedCatalog CAT = SeedCatalog.fromClasspath();
    private static final long P = 25;

    /** One reading as parsed back from the output. */
    record R(long ts, double value, String status) {
    }

    private static MineSimulator sim;
    private static long startSec;
    private static long endSec;
    private static final Map<String, List<R>> bySensor = new HashMap<>();
    private static final Map<Scenario, ScenarioLabel> labels = new HashMap<>();

    @BeforeAll
    static void run6Hours() throws Exception {
        MineSimConfig cfg = MineSimConfig.builder().seed(42).build();
        sim = new MineSimulator(CAT, cfg);
        startSec = cfg.start().getEpochSecond();
        endSec = startSec + cfg.duration().getSeconds();
        for (Iterator<String> it = sim.lines(); it.hasNext(); ) {
            JsonNode n = JSON.readTree(it.next());
            assertEquals("mine.reading", n.path("type").asText());
            assertTrue(n.path("sensorId").isTextual());
            assertTrue(n.path("value").isNumber());
            String ts = n.path("ts").asText();
            assertTrue(ts.endsWith("+08:00") && ts.length() == 25, ts);
            String status = n.path("status").asText();
            assertTrue(Set.of("OK", "CALIBRATING").contains(status), status);
            double v = n.path("value").asDouble();
            assertTrue(v >= 0 && Double.isFinite(v));
            bySensor.computeIfAbsent(n.path("sensorId").asText(), k -> new ArrayList<>())
                    .add(new R(OffsetDateTime.parse(ts).toEpochSecond(), v, status));
        }
        for (ScenarioLabel l : sim.labels()) {
            labels.put(l.scenario(), l);
        }
    }

    @Test
    void sameSeedGivesByteIdenticalOutput() throws Exception {
        MineSimConfig cfg = MineSimConfig.builder().seed(7).duration(Duration.ofHours(2)).build();
        String a = render(new MineSimulator(CAT, cfg));
        String b = render(new MineSimulator(CAT, cfg));
        assertEquals(a, b);
        assertEquals(new MineSimulator(CAT, cfg).labels(), new MineSimulator(CAT, cfg).labels());
        assertNotEquals(a, render(new MineSimulator(CAT, MineSimConfig.builder().seed(8)
                .duration(Duration.ofHours(2)).build())));
        MineSimConfig jit = MineSimConfig.builder().seed(7).duration(Duration.ofHours(2))
                .jitter(Duration.ofSeconds(30)).build();
        assertEquals(render(new MineSimulator(CAT, jit)), render(new MineSimulator(CAT, jit)));
    }

    @Test
    void jitterShufflesWithinTheBoundAndKeepsEveryMessage() throws Exception {
        MineSimConfig plain = MineSimConfig.builder().seed(3).duration(Duration.ofHours(1)).build();
        MineSimConfig jit = MineSimConfig.builder().seed(3).duration(Duration.ofHours(1))
                .jitter(Duration.ofSeconds(30)).build();
        List<String> a = List.of(render(new MineSimulator(CAT, plain)).split("\n"));
        List<String> b = List.of(render(new MineSimulator(CAT, jit)).split("\n"));
        assertNotEquals(a, b);
        assertEquals(a.stream().sorted().toList(), b.stream().sorted().toList());
        long newest = 0;
        int outOfOrder = 0;
        for (String line : b) {
            long ts = OffsetDateTime.parse(JSON.readTree(line).path("ts").asText()).toEpochSecond();
            assertTrue(ts >= newest - 30, line);
            if (ts < newest) {
                outOfOrder++;
            }
            newest = Math.max(newest, ts);
        }
        assertTrue(outOfOrder > 100, "out of order: " + outOfOrder);
    }

    @Test
    void allEightScenariosAreLabelled() throws Exception {
        assertEquals(EnumSet.copyOf(Scenario.of(SimDomain.MINE)), labels.keySet());
        Set<String> mines = sim.labels().stream().map(ScenarioLabel::mineId).collect(Collectors.toSet());
        assertEquals(8, mines.size(), "each scenario on its own mine");
        for (ScenarioLabel l : sim.labels()) {
            assertTrue(l.startInstant().getEpochSecond() >= startSec + 1800, l.toString());
            assertTrue(l.endInstant().getEpochSecond() < endSec, l.toString());
            assertEquals(l, JSON.readValue(JSON.writeValueAsString(l), ScenarioLabel.class));
            if (l.scenario() == Scenario.CALIBRATION) {
                assertEquals(Boolean.TRUE, l.expectNoAlert());
                assertEquals(null, l.ruleId());
            } else {
                assertEquals(l.scenario().ruleId(), l.ruleId());
            }
        }
        assertEquals(MineStatus.SHUTDOWN_LONG_TERM,
                CAT.mine(labels.get(Scenario.SHUTDOWN_ACTIVITY).mineId()).orElseThrow().status());
        ScenarioLabel s3 = labels.get(Scenario.DISTRICT_EVENT);
        assertEquals(s3.mineId() + "/" + s3.district(), s3.subjectId());
    }

    @Test
    void defaultSelectionHasShutdownAndDisasterMines() {
        for (int n : new int[] {3, 10}) {
            List<Mine> ms = new MineSimulator(CAT, MineSimConfig.builder().mineCount(n)
                    .duration(Duration.ofHours(1)).build()).mineIds().stream()
                    .map(id -> CAT.mine(id).orElseThrow()).toList();
            assertEquals(n, ms.size());
            assertTrue(ms.stream().anyMatch(m -> m.status() == MineStatus.SHUTDOWN_LONG_TERM));
            assertTrue(ms.stream().anyMatch(Mine::disasterMine));
        }
    }

    @Test
    void everySensorReportsEveryCycleOutsideTheSilentGap() {
        ScenarioLabel silent = labels.get(Scenario.SILENT_SENSOR);
        int sensors = 0;
        for (String mineId : sim.mineIds()) {
            for (SensorPoint p : CAT.sensorsOfMine(mineId)) {
                sensors++;
                List<R> rs = bySensor.get(p.sensorId());
                assertTrue(rs != null && !rs.isEmpty(), p.sensorId());
                assertTrue(rs.get(0).ts() < startSec + P, p.sensorId());
                assertTrue(rs.get(rs.size() - 1).ts() >= endSec - P, p.sensorId());
                int gaps = 0;
                for (int i = 1; i < rs.size(); i++) {
                    long d = rs.get(i).ts() - rs.get(i - 1).ts();
                    if (d != P) {
                        gaps++;
                        assertEquals(silent.sensorId(), p.sensorId());
                        assertEquals(silent.startInstant().getEpochSecond(), rs.get(i - 1).ts());
                        assertEquals(silent.endInstant().getEpochSecond(), rs.get(i).ts());
                        assertTrue(d >= 1200 && d <= 1200 + 2 * P, "gap " + d);
                    }
                }
                assertEquals(p.sensorId().equals(silent.sensorId()) ? 1 : 0, gaps, p.sensorId());
            }
        }
        assertEquals(sensors, bySensor.size());
    }

    @Test
    void baselineStaysClearOfEveryRule() {
        for (Map.Entry<String, List<R>> e : bySensor.entrySet()) {
            SensorPoint p = CAT.sensor(e.getKey()).orElseThrow();
            List<R> base = e.getValue().stream().filter(r -> !inScenario(p.sensorId(), r.ts())).toList();
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (R r : base) {
                assertEquals("OK", r.status());
                lo = Math.min(lo, r.value());
                hi = Math.max(hi, r.value());
            }
            switch (p.kind()) {
                case CH4 -> assertTrue(hi < 0.5 && lo >= 0.01, p.sensorId() + " " + lo + ".." + hi);
                case CO -> assertTrue(hi < 15 && lo >= 1, p.sensorId() + " " + lo + ".." + hi);
                case TEMP -> assertTrue(lo >= 20 && hi <= 25, p.sensorId() + " " + lo + ".." + hi);
                case WIND_SPEED -> assertTrue(lo >= 1.0 && hi <= 3.0, p.sensorId() + " " + lo + ".." + hi);
                default -> { }
            }
            // Within any 10 minutes: CO never up by more than 2 ppm, TEMP never moves more than 0.4 degC.
            for (int i = 0; i < base.size(); i++) {
                for (int j = i + 1; j < base.size() && base.get(j).ts() - base.get(i).ts() <= 600; j++) {
                    double d = base.get(j).value() - base.get(i).value();
                    if (p.kind() == SensorKind.CO) {
                        assertTrue(d <= 2.0 + 1e-9, p.sensorId() + " CO rise " + d);
                    } else if (p.kind() == SensorKind.TEMP) {
                        assertTrue(Math.abs(d) <= 0.4 + 1e-9, p.sensorId() + " TEMP drift " + d);
                    }
                }
            }
            // Never identical for 30 minutes (the stuck-sensor rule).
            int runStart = 0;
            for (int i = 1; i <= base.size(); i++) {
                if (i == base.size() || base.get(i).value() != base.get(runStart).value()) {
                    long span = base.get(i - 1).ts() - base.get(runStart).ts();
                    assertTrue(span < 1800, p.sensorId() + " identical for " + span + " s");
                    runStart = i;
                }
            }
        }
    }

    @Test
    void ventilationFailureClimbsSlowlyThroughAlarmToPowerCut() {
        ScenarioLabel l = labels.get(Scenario.VENTILATION_FAILURE);
        assertTrue(l.sensorId().contains("-WF") && l.sensorId().endsWith("-T1"));
        List<R> rs = window(l);
        double max = rs.stream().mapToDouble(R::value).max().orElseThrow();
        assertTrue(max >= 1.7 && max < 2.0, "peak " + max);
        assertFalse(hasRapidRise(rs), "must not look like an outburst precursor");
        long lastBelowAlarm = rs.stream().filter(r -> r.value() < 1.0).mapToLong(R::ts).min().orElseThrow();
        long firstCut = rs.stream().filter(r -> r.value() >= 1.5).mapToLong(R::ts).min().orElseThrow();
        long lastNormal = rs.stream().filter(r -> r.value() < 1.0 && r.ts() < firstCut).mapToLong(R::ts).max()
                .orElse(lastBelowAlarm);
        assertTrue(firstCut - lastNormal <= 600, "alarm to power cut within 10 min");
        long heldAbove = rs.stream().filter(r -> r.value() >= 1.7).count() * P;
        assertTrue(heldAbove >= 300, "held " + heldAbove);
        assertTrue(rs.get(rs.size() - 1).value() < 0.5);
    }

    @Test
    void outburstPrecursorRisesFastButStaysUnderPowerCut() {
        ScenarioLabel l = labels.get(Scenario.OUTBURST_PRECURSOR);
        assertTrue(l.sensorId().endsWith("-HD1-T1"));
        List<R> rs = window(l);
        assertTrue(hasRapidRise(rs));
        assertTrue(rs.stream().mapToDouble(R::value).max().orElseThrow() < 1.5);
    }

    @Test
    void districtEventCrossesAlarmOnAllThreeWithinTwoMinutes() {
        ScenarioLabel l = labels.get(Scenario.DISTRICT_EVENT);
        assertEquals(3, l.sensorIds().size());
        List<Long> crossings = new ArrayList<>();
        for (String id : l.sensorIds()) {
            List<R> rs = window(id, l);
            crossings.add(rs.stream().filter(r -> r.value() >= 1.0).mapToLong(R::ts).min().orElseThrow());
            assertTrue(rs.stream().mapToDouble(R::value).max().orElseThrow() < 1.5);
            assertFalse(hasRapidRise(rs));
            assertTrue(rs.stream().filter(r -> r.value() >= 1.0).count() * P >= 300, id);
        }
        long spread = crossings.stream().mapToLong(x -> x).max().orElseThrow()
                - crossings.stream().mapToLong(x -> x).min().orElseThrow();
        assertTrue(spread <= 120, "crossings " + spread + " s apart");
    }

    @Test
    void stuckSensorHoldsOneValueForFortyMinutesWhileTheDistrictVaries() {
        ScenarioLabel l = labels.get(Scenario.STUCK_SENSOR);
        List<R> rs = window(l);
        assertTrue(rs.stream().map(R::value).distinct().count() == 1, "stuck values " + rs);
        assertEquals(2400, rs.get(rs.size() - 1).ts() - rs.get(0).ts());
        List<R> all = bySensor.get(l.sensorId());
        int i = all.indexOf(rs.get(0));
        assertNotEquals(all.get(i - 1).value(), rs.get(0).value(), "run starts at the label's start");
        assertNotEquals(all.get(i + rs.size()).value(), rs.get(0).value(), "run ends at the label's end");
        String district = l.sensorId().substring(0, l.sensorId().lastIndexOf('-'));
        for (String other : bySensor.keySet()) {
            if (other.startsWith(district + "-") && !other.equals(l.sensorId())) {
                assertTrue(window(other, l).stream().map(R::value).distinct().count() > 1, other);
            }
        }
    }

    @Test
    void calibrationIsFlaggedAndConfinedToItsWindow() {
        ScenarioLabel l = labels.get(Scenario.CALIBRATION);
        List<R> rs = window(l);
        assertTrue(rs.size() >= 12);
        for (R r : rs) {
            assertEquals("CALIBRATING", r.status());
            assertTrue(r.value() >= 1.5 && r.value() <= 2.0, "value " + r.value());
        }
        long calibrating = bySensor.values().stream().flatMap(List::stream)
                .filter(r -> r.status().equals("CALIBRATING")).count();
        assertEquals(rs.size(), calibrating);
    }

    @Test
    void coRisesPastTheLimitWithTemperature() {
        ScenarioLabel l = labels.get(Scenario.CO_WITH_TEMP);
        assertTrue(l.sensorId().endsWith("-CO"));
        List<R> co = window(l.sensorId(), l);
        double coMax = co.stream().mapToDouble(R::value).max().orElseThrow();
        assertTrue(coMax >= 35 && coMax <= 45, "CO peak " + coMax);
        String temp = l.sensorIds().get(1);
        List<R> t = window(temp, l);
        double rise = t.stream().mapToDouble(R::value).max().orElseThrow() - t.get(0).value();
        assertTrue(rise >= 2.5 && rise <= 3.5, "TEMP rise " + rise);
        assertTrue(co.get(co.size() - 1).value() < 15);
    }

    @Test
    void shutdownMineShowsActivityBelowAlarm() {
        ScenarioLabel l = labels.get(Scenario.SHUTDOWN_ACTIVITY);
        assertTrue(l.sensorId().endsWith("-WF1-T1"));
        List<R> rs = window(l);
        assertTrue(rs.get(0).value() < 0.12);
        double max = rs.stream().mapToDouble(R::value).max().orElseThrow();
        assertTrue(max >= 0.55 && max < 1.0, "peak " + max);
        assertTrue(rs.stream().filter(r -> r.value() >= 0.5).count() * P >= 1200);
    }

    @Test
    void scenariosCanBeSwitchedOffAndBaselineDoesNotMove() throws Exception {
        MineSimConfig off = MineSimConfig.builder().seed(42).scenarios(false).duration(Duration.ofHours(1)).build();
        MineSimConfig on = MineSimConfig.builder().seed(42).duration(Duration.ofHours(1)).build();
        MineSimulator a = new MineSimulator(CAT, off);
        assertTrue(a.labels().isEmpty());
        // The first scenario starts after 30 min of settling, so the first half hour is identical.
        List<String> x = List.of(render(a).split("\n"));
        List<String> y = List.of(render(new MineSimulator(CAT, on)).split("\n"));
        int n = (int) (x.size() * 0.45);
        assertEquals(x.subList(0, n), y.subList(0, n));
    }

    @Test
    void labelsFileKeepsTheMineForm() throws Exception {
        StringWriter w = new StringWriter();
        sim.writeLabels(w);
        List<String> lines = w.toString().lines().toList();
        assertEquals(sim.labels().size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n = JSON.readTree(lines.get(i));
            // the mine simulator's own file has never carried a domain: every label in it is a mine's
            assertFalse(n.has("domain"), lines.get(i));
            ScenarioLabel back = JSON.readValue(lines.get(i), ScenarioLabel.class);
            ScenarioLabel l = sim.labels().get(i);
            assertEquals("MINE", l.domain());
            assertEquals(new ScenarioLabel(null, l.scenarioId(), l.scenario(), l.mineId(), l.subjectId(), l.sensorId(),
                    l.district(), l.sensorIds(), l.start(), l.end(), l.ruleId(), l.minLevel(), l.expectNoAlert()), back);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String render(MineSimulator s) throws Exception {
        StringWriter w = new StringWriter();
        s.write(w);
        return w.toString();
    }

    private static boolean inScenario(String sensorId, long ts) {
        for (ScenarioLabel l : sim.labels()) {
            if (l.sensorIds().contains(sensorId) && ts >= l.startInstant().getEpochSecond()
                    && ts <= l.endInstant().getEpochSecond()) {
                return true;
            }
        }
        return false;
    }

    private static List<R> window(ScenarioLabel l) {
        return window(l.sensorId(), l);
    }

    private static List<R> window(String sensorId, ScenarioLabel l) {
        long a = l.startInstant().getEpochSecond();
        long b = l.endInstant().getEpochSecond();
        return bySensor.get(sensorId).stream().filter(r -> r.ts() >= a && r.ts() <= b).toList();
    }

    /** Three consecutive rises of at least 0.5 %/min. */
    private static boolean hasRapidRise(List<R> rs) {
        int run = 0;
        for (int i = 1; i < rs.size(); i++) {
            double perMin = (rs.get(i).value() - rs.get(i - 1).value()) * 60.0 / (rs.get(i).ts() - rs.get(i - 1).ts());
            run = perMin >= 0.5 ? run + 1 : 0;
            if (run >= 3) {
                return true;
            }
        }
        return false;
    }
}
