package jilin.ew.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.reference.Routing;
import jilin.ew.schema.Alert;
import jilin.ew.schema.Domain;
import jilin.ew.seeds.GasPoint;
import jilin.ew.seeds.GasPoints;
import jilin.ew.seeds.Mine;
import jilin.ew.seeds.SeedCatalog;
import jilin.ew.seeds.SensorPoint;
import jilin.ew.sim.GasSimulator;
import jilin.ew.sim.MineSimConfig;
import jilin.ew.sim.MineSimulator;
import jilin.ew.sim.MixedSimConfig;
import jilin.ew.sim.MixedSimulator;
import jilin.ew.sim.VehicleSimConfig;
import jilin.ew.sim.VehicleSimulator;
import jilin.ew.testing.Pipeline;
import jilin.ew.vehicle.Fleet;
import jilin.ew.vehicle.SectionIndex;
import jilin.ew.vehicle.SectionMatch;
import jilin.ew.vehicle.VehicleInfo;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pipeline-wide subject invariant: every alert of a scenario replay (mine, gas, vehicle, mixed) names the mine,
 * station or vehicle, district, prefecture and operator of its subject's definition, and is routed by them. Each
 * recording is replayed twice: with the subjects the seeds define, and with every sensor, station and vehicle
 * renamed to an id of another shape ("K3-T1-07", "x_17", "JL:v-5") and defined on the stream (mine.sensor,
 * gas.station, vehicle.registration copied from the seed definitions) at the head of the recording. Expected
 * values come from the definitions, never from the alert; both variants must raise the same alerts.
 */
class SubjectInvariantTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SeedCatalog CATALOG = SeedCatalog.fromClasspath();
    private static final Routing ROUTING = Routing.classpath();
    private static final SectionIndex SECTIONS = SectionIndex.defaults();

    /** What a definition says an alert on the subject carries. {@code sensor}: a mine sensor (not a district). */
    private record Subject(Domain domain, String id, String mineId, String district, String prefecture,
                           String operatorId, boolean sensor) {}

    /** One variant of a recording: its messages and the subjects its definitions (seed or stream) give. */
    private static final class Variant {
        final List<String> messages = new ArrayList<>();
        final Map<String, Subject> subjects = new HashMap<>();
        /** New id to the recording's own (identity for the seed variant). */
        final Map<String, String> originalId = new HashMap<>();
    }

    @Test
    void mineRecording() throws Exception {
        check("mine", () -> lines(new MineSimulator(MineSimConfig.builder().seed(42).duration(Duration.ofHours(3))
                .mineCount(8).build()).lines()));
    }

    @Test
    void gasRecording() throws Exception {
        check("gas", () -> lines(new GasSimulator(GasSimulator.Config.defaults().withDuration(Duration.ofHours(5)))
                .lines()));
    }

    @Test
    void vehicleRecording() throws Exception {
        check("vehicle", () -> lines(new VehicleSimulator(VehicleSimConfig.builder().duration(Duration.ofHours(6))
                .extraVehicles(3).build()).lines()));
    }

    @Test
    void mixedRecording() throws Exception {
        check("mixed", () -> lines(new MixedSimulator(MixedSimConfig.builder().seed(7).duration(Duration.ofHours(5))
                .mineCount(2).build()).lines()));
    }

    private static List<String> lines(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static void check(String name, Supplier<List<String>> recording) throws Exception {
        List<String> original = recording.get();
        Variant seeds = seedDefined(original);
        Variant stream = streamDefined(original);
        // parallelism 1: a replay is deterministic there, so the two variants can be compared message by message
        Pipeline bySeeds = Pipeline.run(seeds.messages, new JobSettings(), 1);
        Pipeline byStream = Pipeline.run(stream.messages, new JobSettings(), 1);
        assertFalse(bySeeds.alerts.isEmpty(), name + ": the recording raised no alert");
        assertFalse(byStream.alerts.isEmpty(), name + ": the stream-defined recording raised no alert");
        int checked = 0;
        for (Alert a : bySeeds.alerts) {
            checked += checkSubject(name + " (seed-defined)", a, seeds);
        }
        for (Alert a : byStream.alerts) {
            checked += checkSubject(name + " (stream-defined)", a, stream);
        }
        assertFalse(checked == 0, name + ": no alert of a mine, station or vehicle to check");
        List<String> a = outline(bySeeds.alerts, seeds);
        List<String> b = outline(byStream.alerts, stream);
        List<String> onlySeeds = new ArrayList<>(a);
        b.forEach(onlySeeds::remove);
        List<String> onlyStream = new ArrayList<>(b);
        a.forEach(onlyStream::remove);
        assertEquals(a, b, name + ": the same alerts whoever defines the subjects; only seed-defined: " + onlySeeds
                + "; only stream-defined: " + onlyStream);
        System.out.println(name + ": " + bySeeds.alerts.size() + " alerts seed-defined, " + byStream.alerts.size()
                + " stream-defined");
    }

    /**
     * Per rule and subject (under the recording's own id): how many incidents opened and cleared, and the highest
     * level reached. Not message by message: whether a CO alarm opens YELLOW and escalates or opens ORANGE depends
     * on whether its pattern raise overtakes its first reading on the way to the lifecycle, which varies from run
     * to run whatever the ids (and so do its UPDATED messages).
     */
    private static List<String> outline(List<Alert> alerts, Variant v) {
        Map<String, int[]> counts = new java.util.TreeMap<>();
        Map<String, jilin.ew.schema.Level> top = new HashMap<>();
        for (Alert a : alerts) {
            String key = a.ruleId + " " + v.originalId.getOrDefault(a.subjectId, a.subjectId);
            int[] c = counts.computeIfAbsent(key, k -> new int[2]);
            c[0] += a.status == jilin.ew.schema.AlertStatus.NEW ? 1 : 0;
            c[1] += a.status == jilin.ew.schema.AlertStatus.CLEARED ? 1 : 0;
            top.merge(key, a.level, (x, y) -> x.ordinal() >= y.ordinal() ? x : y);
        }
        List<String> out = new ArrayList<>();
        counts.forEach((k, c) -> out.add(k + " up to " + top.get(k) + ", " + c[0] + " NEW, " + c[1] + " CLEARED"));
        return out;
    }

    /** Checks one alert (hazard-report alerts too) against its subject's definition; returns 1. */
    private static int checkSubject(String variant, Alert a, Variant v) {
        String msg = variant + ": " + a + "\n" + a.detail;
        Subject s = v.subjects.get(a.subjectId);
        assertNotNull(s, "an alert on a subject no definition names: " + msg);
        String expectedPrefecture = s.prefecture;
        switch (s.domain) {
            case MINE:
                assertEquals(s.mineId, a.mineId, msg);
                assertEquals(s.sensor ? s.id : null, a.sensorId, msg);
                break;
            case GAS_NETWORK:
                assertEquals(s.id, a.stationId, msg);
                break;
            case VEHICLE:
                assertEquals(s.id, a.vehicleId, msg);
                // an event on a road section goes to the section's prefecture (where it happens); a report on a
                // vehicle goes to the vehicle's own
                if (a.domain != Domain.REPORT && a.lat != null && a.lon != null) {
                    SectionMatch m = SECTIONS.match(a.lat, a.lon).orElse(null);
                    if (m != null && m.section().prefecture() != null) {
                        expectedPrefecture = m.section().prefecture();
                    }
                }
                break;
            default:
                throw new AssertionError("unexpected subject domain " + s.domain);
        }
        assertEquals(s.district, a.district, msg);
        assertEquals(expectedPrefecture, a.prefecture, msg);
        assertEquals(s.operatorId, a.operatorId, msg);
        Alert expected = new Alert();
        expected.inhibited = a.inhibited;
        expected.prefecture = expectedPrefecture;
        expected.operatorId = s.operatorId;
        assertEquals(ROUTING.routes(expected), ROUTING.routes(a), msg);
        return 1;
    }

    // ------------------------------------------------------------------ the two variants

    private static Variant seedDefined(List<String> original) throws Exception {
        Variant v = new Variant();
        v.messages.addAll(original);
        for (SensorPoint p : CATALOG.sensors()) {
            addSensor(v, p.sensorId(), p.sensorId(), p.mineId(), p.district());
        }
        for (GasPoint g : GasPoints.defaults()) {
            addStation(v, g.stationId(), g.stationId(), g.network(), g.prefecture(), g.operatorId());
        }
        for (VehicleInfo i : Fleet.of(new JobSettings().reference()).vehicles().values()) {
            addVehicle(v, i.vehicleId, i.vehicleId, i.prefecture, i.operatorId);
        }
        // vehicles the recording registers itself
        for (String line : original) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            if ("vehicle.registration".equals(n.path("type").asText())) {
                addVehicle(v, n.get("vehicleId").asText(), n.get("vehicleId").asText(),
                        n.path("prefecture").asText(null), n.path("operatorId").asText(null));
            }
        }
        return v;
    }

    private static Variant streamDefined(List<String> original) throws Exception {
        Variant v = new Variant();
        Map<String, String> sensors = new LinkedHashMap<>();
        Map<String, String> stations = new LinkedHashMap<>();
        Map<String, String> vehicles = new LinkedHashMap<>();
        Map<String, GasPoint> gasSeeds = new HashMap<>();
        GasPoints.defaults().forEach(g -> gasSeeds.put(g.stationId(), g));
        Map<String, VehicleInfo> fleet = Fleet.of(new JobSettings().reference()).vehicles();
        List<String> body = new ArrayList<>();
        List<String> head = new ArrayList<>();
        String firstTs = null;
        for (String line : original) {
            ObjectNode n = (ObjectNode) JSON.readTree(line);
            firstTs = firstTs == null ? n.get("ts").asText() : firstTs;
            switch (n.path("type").asText()) {
                case "mine.reading":
                    n.put("sensorId", rename(sensors, n.get("sensorId").asText(),
                            i -> String.format(Locale.ROOT, "K%d-T%d-%02d", i % 9 + 1, i / 9 + 1, i % 100)));
                    break;
                case "gas.reading":
                    n.put("stationId", rename(stations, n.get("stationId").asText(), i -> "x_" + i));
                    break;
                case "vehicle.position":
                    n.put("vehicleId", rename(vehicles, n.get("vehicleId").asText(), i -> "JL:v-" + i));
                    break;
                case "vehicle.registration": {
                    // the recording's own registration, under the new id
                    String own = n.get("vehicleId").asText();
                    String id = rename(vehicles, own, i -> "JL:v-" + i);
                    n.put("vehicleId", id);
                    addVehicle(v, id, own, n.path("prefecture").asText(null),
                            n.path("operatorId").asText(null));
                    break;
                }
                case "hazard.report": {
                    String s = n.get("subjectId").asText();
                    if (gasSeeds.containsKey(s)) {
                        n.put("subjectId", rename(stations, s, i -> "x_" + i));
                    } else if (CATALOG.sensor(s).isPresent()) {
                        n.put("subjectId", rename(sensors, s,
                                i -> String.format(Locale.ROOT, "K%d-T%d-%02d", i % 9 + 1, i / 9 + 1, i % 100)));
                    } else if (fleet.containsKey(s)) {
                        n.put("subjectId", rename(vehicles, s, i -> "JL:v-" + i));
                    }
                    break;
                }
                default:
                    throw new AssertionError("a recording message this test does not rewrite: " + line);
            }
            body.add(JSON.writeValueAsString(n));
        }
        for (Map.Entry<String, String> e : sensors.entrySet()) {
            SensorPoint p = CATALOG.sensor(e.getKey()).orElseThrow();
            ObjectNode d = definition("mine.sensor", firstTs);
            d.put("mineId", p.mineId());
            d.put("sensorId", e.getValue());
            d.put("kind", p.kind().name());
            d.put("location", p.location().name());
            if (p.district() != null) {
                d.put("district", p.district());
            }
            head.add(JSON.writeValueAsString(d));
            addSensor(v, e.getValue(), e.getKey(), p.mineId(), p.district());
        }
        for (Map.Entry<String, String> e : stations.entrySet()) {
            GasPoint g = gasSeeds.get(e.getKey());
            ObjectNode d = definition("gas.station", firstTs);
            d.put("stationId", e.getValue());
            d.put("kind", g.kind());
            d.put("prefecture", g.prefecture());
            d.put("lat", g.lat());
            d.put("lon", g.lon());
            d.put("network", g.network());
            d.put("pressureClass", g.pressureClass());
            if (g.nominalPressureMPa() != null) {
                d.put("nominalPressureMPa", g.nominalPressureMPa());
            }
            d.put("nearCrowdPlace", g.nearCrowdPlace());
            d.put("operatorId", g.operatorId());
            head.add(JSON.writeValueAsString(d));
            addStation(v, e.getValue(), e.getKey(), g.network(), g.prefecture(), g.operatorId());
        }
        for (Map.Entry<String, String> e : vehicles.entrySet()) {
            VehicleInfo i = fleet.get(e.getKey());
            if (i == null) {
                continue; // registered by the recording itself (above)
            }
            ObjectNode d = definition("vehicle.registration", firstTs);
            d.put("vehicleId", e.getValue());
            d.put("vehicleClass", i.vehicleClass);
            if (i.plate != null) {
                d.put("plate", i.plate);
            }
            d.put("operatorId", i.operatorId);
            d.put("prefecture", i.prefecture);
            if (i.tripKm != null) {
                d.put("tripKm", i.tripKm);
            }
            head.add(JSON.writeValueAsString(d));
            addVehicle(v, e.getValue(), e.getKey(), i.prefecture, i.operatorId);
        }
        v.messages.addAll(head);
        v.messages.addAll(body);
        return v;
    }

    private static String rename(Map<String, String> ids, String id, java.util.function.IntFunction<String> shape) {
        return ids.computeIfAbsent(id, k -> shape.apply(ids.size()));
    }

    private static ObjectNode definition(String type, String ts) {
        ObjectNode d = JSON.createObjectNode();
        d.put("type", type);
        d.put("ts", ts);
        return d;
    }

    private static void addSensor(Variant v, String id, String originalId, String mineId, String district) {
        Mine m = CATALOG.mine(mineId).orElseThrow();
        Subject sensor = new Subject(Domain.MINE, id, mineId, district, m.prefecture(), m.operatorId(), true);
        v.subjects.put(id, sensor);
        v.originalId.put(id, originalId);
        String key = mineId + "/" + Objects.requireNonNullElse(district, "MAIN");
        v.subjects.put(key, new Subject(Domain.MINE, key, mineId, district, m.prefecture(), m.operatorId(), false));
        // the mine itself, which hazard reports name
        v.subjects.put(mineId, new Subject(Domain.MINE, mineId, mineId, null, m.prefecture(), m.operatorId(), false));
    }

    private static void addStation(Variant v, String id, String originalId, String network, String prefecture,
                                   String operatorId) {
        v.subjects.put(id, new Subject(Domain.GAS_NETWORK, id, null, network, prefecture, operatorId, false));
        v.originalId.put(id, originalId);
    }

    private static void addVehicle(Variant v, String id, String originalId, String prefecture, String operatorId) {
        v.subjects.put(id, new Subject(Domain.VEHICLE, id, null, null, prefecture, operatorId, false));
        v.originalId.put(id, originalId);
    }
}
