package jilin.ew.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MixedSimulatorTest {
    private static long count(Iterator<String> it) {
        long n = 0;
        for (; it.hasNext(); it.next()) {
            n++;
        }
        return n;
    }

    @Test
    void defaultRunPlacesEveryScenarioOfEveryDomainAndMergesInEventTimeOrder() throws Exception {
        MixedSimulator sim = new MixedSimulator(MixedSimConfig.builder().build());
        Map<String, Long> byDomain = sim.labels().stream()
                .collect(Collectors.groupingBy(ScenarioLabel::domain, Collectors.counting()));
        assertEquals(Map.of("MINE", (long) Scenario.of(SimDomain.MINE).size(), "GAS_NETWORK", 4L, "REPORT", 2L,
                "VEHICLE", (long) Scenario.of(SimDomain.VEHICLE).size()), byDomain, sim.labels().toString());
        assertTrue(sim.labels().stream().allMatch(l -> l.scenario() != null && l.subjectId() != null
                && l.sensorIds() != null && !l.sensorIds().isEmpty()), sim.labels().toString());

        long previous = Long.MIN_VALUE;
        long n = 0;
        for (Iterator<String> it = sim.lines(); it.hasNext(); n++) {
            String line = it.next();
            long ts = SimTime.epochSecond(line);
            assertTrue(ts >= previous, "out of order: " + line);
            previous = ts;
        }
        assertEquals(count(sim.mine().lines()) + count(sim.gas().lines()) + count(sim.vehicle().lines()), n);
    }

    @Test
    void labelsFileReadsBackAsTheCommonView() throws Exception {
        MixedSimulator sim = new MixedSimulator(MixedSimConfig.builder().build());
        StringWriter w = new StringWriter();
        sim.writeLabels(w);
        ObjectMapper json = new ObjectMapper();
        List<ScenarioLabel> back = w.toString().lines().map(l -> {
            try {
                return json.readValue(l, ScenarioLabel.class);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        assertEquals(sim.labels(), back);
        // every label names its domain; a mine scenario's sensors are in sensorIds alone, as this file always had them
        assertTrue(back.stream().allMatch(l -> l.domain() != null && l.sensorId() == null && l.scenario() != null
                && l.scenario().domain().equals(l.domain())), back.toString());
        // and it reads a vehicle simulator's own labels too
        StringWriter v = new StringWriter();
        sim.vehicle().writeLabels(v);
        ScenarioLabel first = json.readValue(v.toString().lines().findFirst().orElseThrow(), ScenarioLabel.class);
        assertEquals(sim.vehicle().labels().get(0).subjectId(), first.subjectId());
    }

    @Test
    void readsTimestampsLikeTheGeneralParser() {
        for (String ts : List.of("2026-03-20T23:00:05+08:00", "2026-12-31T23:59:59-03:30", "2026-03-21T01:02:03Z",
                "2026-03-21T01:02:03.250+08:00")) {
            assertEquals(OffsetDateTime.parse(ts).toEpochSecond(),
                    SimTime.epochSecond("{\"type\":\"x\",\"ts\":\"" + ts + "\",\"v\":1}"), ts);
        }
    }

    @Test
    void domainsParseFromTheCommandLineForm() {
        assertEquals(EnumSet.allOf(SimDomain.class), SimDomain.parse("all"));
        assertEquals(EnumSet.of(SimDomain.MINE, SimDomain.VEHICLE), SimDomain.parse("Vehicle, mine"));
        assertThrows(IllegalArgumentException.class, () -> SimDomain.parse("mine,trains"));
        MixedSimulator one = new MixedSimulator(MixedSimConfig.builder().domains(EnumSet.of(SimDomain.GAS))
                .duration(Duration.ofHours(5)).build());
        assertTrue(one.mine() == null && one.vehicle() == null);
        assertEquals(count(one.gas().lines()), count(one.lines()));
    }
}
