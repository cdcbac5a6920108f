package jilin.ew.vehicle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Optional;
import jilin.ew.geo.Geo;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;

class SectionIndexTest {

    private static final List<RoadSection> SECTIONS = RoadSections.defaults();
    private static final SectionIndex INDEX = new SectionIndex(SECTIONS);

    /** Midpoint of segment k, moved {@code offsetM} metres to the left of the direction of travel. */
    static double[] offMidpoint(RoadSection s, int k, double offsetM) {
        Coordinate a = s.line().getCoordinateN(k);
        Coordinate b = s.line().getCoordinateN(k + 1);
        double lat = (a.y + b.y) / 2;
        double lon = (a.x + b.x) / 2;
        double kx = Geo.metersPerDegreeLon(lat);
        double ky = Geo.METERS_PER_DEGREE;
        double dx = (b.x - a.x) * kx;
        double dy = (b.y - a.y) * ky;
        double len = Math.hypot(dx, dy);
        return new double[] {lat + dx / len * offsetM / ky, lon - dy / len * offsetM / kx};
    }

    @Test
    void everySegmentMidpointMatchesItsSection() {
        for (RoadSection s : SECTIONS) {
            double previous = -1;
            for (int k = 0; k < s.line().getNumPoints() - 1; k++) {
                double[] p = offMidpoint(s, k, 0);
                Optional<SectionMatch> m = INDEX.match(p[0], p[1]);
                assertTrue(m.isPresent(), s.sectionId() + " segment " + k);
                assertEquals(s.sectionId(), m.get().section().sectionId());
                assertEquals(0.0, m.get().distanceM(), 0.5);
                assertTrue(m.get().fraction() > previous && m.get().fraction() < 1, "fraction grows along the line");
                previous = m.get().fraction();
            }
        }
    }

    @Test
    void tenMetresOffMatchesOnBothSides() {
        for (RoadSection s : SECTIONS) {
            for (double off : new double[] {10, -10}) {
                double[] p = offMidpoint(s, 1, off);
                SectionMatch m = INDEX.match(p[0], p[1]).orElseThrow(() -> new AssertionError(s.sectionId()));
                assertEquals(s.sectionId(), m.section().sectionId());
                assertEquals(10.0, m.distanceM(), 0.1, s.sectionId());
                // the plane distance agrees with the great-circle distance to the on-line point
                double[] on = offMidpoint(s, 1, 0);
                assertEquals(Geo.haversineMeters(p[0], p[1], on[0], on[1]), m.distanceM(), 0.05);
            }
        }
    }

    @Test
    void thirtyMetresBeyondTheBufferMatchesNothing() {
        for (RoadSection s : SECTIONS) {
            for (int k = 0; k < s.line().getNumPoints() - 1; k++) {
                for (double side : new double[] {1, -1}) {
                    double[] p = offMidpoint(s, k, side * (s.bufferM() + 30));
                    assertEquals(Optional.empty(), INDEX.match(p[0], p[1]), s.sectionId() + " segment " + k);
                }
            }
        }
    }

    @Test
    void justInsideAndJustOutsideTheBuffer() {
        RoadSection s = SECTIONS.get(0);
        double[] in = offMidpoint(s, 2, s.bufferM() - 1);
        double[] out = offMidpoint(s, 2, s.bufferM() + 1);
        assertTrue(INDEX.match(in[0], in[1]).isPresent());
        assertTrue(INDEX.match(out[0], out[1]).isEmpty());
    }

    @Test
    void endsAreFractionZeroAndOne() {
        RoadSection s = SECTIONS.get(0);
        Coordinate first = s.line().getCoordinateN(0);
        Coordinate last = s.line().getCoordinateN(s.line().getNumPoints() - 1);
        SectionMatch a = INDEX.match(first.y, first.x).orElseThrow();
        SectionMatch b = INDEX.match(last.y, last.x).orElseThrow();
        assertEquals(0.0, a.fraction(), 1e-9);
        assertEquals(0.0, a.alongM(), 1e-6);
        assertEquals(1.0, b.fraction(), 1e-9);
        assertEquals(s.lengthKm() * 1000, b.alongM(), s.lengthKm() * 1000 * 0.002);
    }

    @Test
    void citiesAndNonsenseMatchNothing() {
        assertTrue(INDEX.match(43.8868, 125.3245).isEmpty(), "Changchun, People's Square");
        assertTrue(INDEX.match(43.8378, 126.5494).isEmpty(), "Jilin city");
        assertTrue(INDEX.match(0, 0).isEmpty());
        assertTrue(INDEX.match(Double.NaN, 126.0).isEmpty());
        assertTrue(INDEX.match(41.87, Double.POSITIVE_INFINITY).isEmpty());
    }

    @Test
    void survivesJavaSerialization() throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(INDEX);
        }
        SectionIndex copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (SectionIndex) in.readObject();
        }
        assertEquals(INDEX.size(), copy.size());
        RoadSection s = SECTIONS.get(5);
        double[] p = offMidpoint(s, 1, 10);
        assertEquals(INDEX.match(p[0], p[1]), copy.match(p[0], p[1]));
        assertEquals(s.sectionId(), copy.match(p[0], p[1]).orElseThrow().section().sectionId());
    }
}
