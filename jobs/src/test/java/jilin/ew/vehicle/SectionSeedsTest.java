package jilin.ew.vehicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jilin.ew.geo.Geo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;

/** RoadSections: the shipped seed file and the loader's errors. */
class SectionSeedsTest {

    private static final String ONE = """
            {"type":"Feature","geometry":{"type":"LineString","coordinates":[[126.78,41.87],[126.79,41.86]]},
             "properties":{"sectionId":"%s","name":"测试","nameEn":"test","kind":"SHARP_BEND","road":"G1",
             "prefecture":"220600","speedLimitKmh":%s,"nightSpeedLimitKmh":32,"lengthKm":1.3,
             "downhillDirection":null,"bufferM":40}}""";

    private static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    @Test
    void seedFileLoadsWithAllFields() {
        List<RoadSection> all = RoadSections.defaults();
        assertTrue(all.size() >= 30, "sections: " + all.size());
        Set<String> ids = new HashSet<>();
        for (RoadSection s : all) {
            assertTrue(ids.add(s.sectionId()));
            assertNotNull(s.name());
            assertNotNull(s.nameEn());
            assertTrue(s.speedLimitKmh() > s.nightSpeedLimitKmh(), s.sectionId());
            assertTrue(s.bufferM() >= 40, s.sectionId());
            assertEquals(s.isLongDownhill(), s.downhillDirection() != null, s.sectionId());
            // lengthKm is documented as the haversine length of the geometry
            double m = 0;
            Coordinate[] c = s.line().getCoordinates();
            for (int i = 1; i < c.length; i++) {
                m += Geo.haversineMeters(c[i - 1].y, c[i - 1].x, c[i].y, c[i].x);
            }
            assertEquals(s.lengthKm(), m / 1000, 0.02, s.sectionId());
        }
        RoadSection first = all.get(0);
        assertEquals("SEC-BS-001", first.sectionId());
        assertEquals(RoadSection.Kind.LONG_DOWNHILL, first.kind());
        assertEquals(RoadSection.Downhill.FORWARD, first.downhillDirection());
        assertEquals(126.78, first.line().getCoordinateN(0).x, 1e-9, "x is longitude");
        assertEquals(41.87, first.line().getCoordinateN(0).y, 1e-9, "y is latitude");
    }

    @Test
    void downhillFollowsTheDirection() {
        RoadSection forward = RoadSections.defaults().stream()
                .filter(s -> s.downhillDirection() == RoadSection.Downhill.FORWARD).findFirst().orElseThrow();
        assertTrue(forward.isDownhill(0.2, 0.3));
        assertTrue(!forward.isDownhill(0.3, 0.2));
        RoadSection reverse = RoadSections.defaults().stream()
                .filter(s -> s.downhillDirection() == RoadSection.Downhill.REVERSE).findFirst().orElseThrow();
        assertTrue(reverse.isDownhill(0.3, 0.2));
        RoadSection bend = RoadSections.defaults().stream()
                .filter(s -> s.kind() == RoadSection.Kind.SHARP_BEND).findFirst().orElseThrow();
        assertNull(bend.downhillDirection());
        assertTrue(!bend.isDownhill(0.2, 0.3));
    }

    @Test
    void directoryWithoutTheFileFallsBackToTheClasspath(@TempDir Path dir) {
        assertEquals(RoadSections.defaults(), RoadSections.fromDirectory(dir));
    }

    @Test
    void directoryFileWins(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(RoadSections.FILE_NAME), collection(ONE.formatted("SEC-T-1", 50)));
        List<RoadSection> got = RoadSections.fromDirectory(dir);
        assertEquals(1, got.size());
        assertEquals("SEC-T-1", got.get(0).sectionId());
        assertEquals("测试", got.get(0).name());
    }

    @Test
    void errorsNameFileFeatureAndField(@TempDir Path dir) throws IOException {
        Path f = dir.resolve(RoadSections.FILE_NAME);

        Files.writeString(f, collection(ONE.formatted("SEC-T-1", 50), ONE.formatted("SEC-T-2", "\"fast\"")));
        String msg = assertThrows(IllegalArgumentException.class, () -> RoadSections.fromDirectory(dir)).getMessage();
        assertTrue(msg.contains(f.toString()) && msg.contains("features[1].properties.speedLimitKmh"), msg);

        Files.writeString(f, collection(ONE.formatted("SEC-T-1", 50), ONE.formatted("SEC-T-1", 50)));
        msg = assertThrows(IllegalArgumentException.class, () -> RoadSections.fromFile(f)).getMessage();
        assertTrue(msg.contains("features[1].properties.sectionId") && msg.contains("duplicate"), msg);

        Files.writeString(f, collection(ONE.formatted("SEC-T-1", 50).replace("[126.79,41.86]", "[41.86,126.79]")));
        msg = assertThrows(IllegalArgumentException.class, () -> RoadSections.fromFile(f)).getMessage();
        assertTrue(msg.contains("features[0].geometry.coordinates[1]") && msg.contains("[lat, lon]"), msg);

        Files.writeString(f, collection(ONE.formatted("SEC-T-1", 50).replace("SHARP_BEND", "LONG_DOWNHILL")));
        msg = assertThrows(IllegalArgumentException.class, () -> RoadSections.fromFile(f)).getMessage();
        assertTrue(msg.contains("features[0].properties.downhillDirection"), msg);

        Files.writeString(f, collection(ONE.formatted("SEC-T-1", 50).replace("SHARP_BEND", "CLIFF")));
        msg = assertThrows(IllegalArgumentException.class, () -> RoadSections.fromFile(f)).getMessage();
        assertTrue(msg.contains("features[0].properties.kind") && msg.contains("CLIFF"), msg);

        Files.writeString(f, "{\"type\":\"FeatureCollection\",\"features\":[", StandardCharsets.UTF_8);
        msg = assertThrows(IllegalArgumentException.class, () -> RoadSections.fromFile(f)).getMessage();
        assertTrue(msg.contains(f.toString()) && msg.contains("not valid JSON"), msg);
    }
}
