package jilin.ew.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VehicleSimulatorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<String> all(VehicleSimulator sim) {
        List<String> out = new ArrayList<>();
        sim.lines().forEachRemaining(out::add);
        return out;
    }

    @Test
    void defaultRunLabelsEveryScenarioAndIsDeterministic() throws Exception {
        VehicleSimulator sim = new VehicleSimulator(VehicleSimConfig.builder().build());
        StringWriter labels = new StringWriter();
        sim.writeLabels(labels);
        System.out.print(labels);
        assertEquals(Scenario.of(SimDomain.VEHICLE).size(), sim.labels().size(), labels.toString());
        assertEquals(sim.labels().size(), sim.labels().stream().map(ScenarioLabel::subjectId).distinct().count(),
                "one vehicle per scenario");
        List<String> a = all(sim);
        List<String> b = all(new VehicleSimulator(VehicleSimConfig.builder().build()));
        assertEquals(a, b);
        assertNotEquals(a, all(new VehicleSimulator(VehicleSimConfig.builder().seed(7).build())));
        // event-time order, and every vehicle reports every 30 s outside the sudden-stop burst
        long prev = Long.MIN_VALUE;
        Map<String, Long> last = new HashMap<>();
        int burst = 0;
        for (String line : a) {
            JsonNode n = MAPPER.readTree(line);
            long ts = OffsetDateTime.parse(n.get("ts").asText()).toEpochSecond();
            assertTrue(ts >= prev, "ordered");
            prev = ts;
            Long l = last.put(n.get("vehicleId").asText(), ts);
            if (l != null && ts - l != 30) {
                burst++;
                assertTrue(ts - l == 2 || ts - l < 30, line);
            }
            assertTrue(n.get("speedKmh").asDouble() <= 120, line);
        }
        assertEquals(32, last.size(), "every seed vehicle reports");
        assertEquals(4, burst, "the sudden stop reports every 2 s");
        assertEquals(32 * 6 * 120, a.size(), 40);
    }

    @Test
    void extraVehiclesAreRegisteredOnTheStreamFirst() {
        VehicleSimulator sim = new VehicleSimulator(VehicleSimConfig.builder().scenarios(false).extraVehicles(10)
                .duration(Duration.ofMinutes(10)).build());
        Iterator<String> it = sim.lines();
        for (int i = 0; i < 10; i++) {
            String l = it.next();
            assertTrue(l.contains("\"vehicle.registration\"") && l.contains("2026-03-20T23:00:00+08:00"), l);
        }
        assertTrue(it.next().contains("\"vehicle.position\""));
        assertEquals(0, sim.labels().size());
    }
}

