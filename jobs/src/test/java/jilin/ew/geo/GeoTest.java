package jilin.ew.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GeoTest {

    @Test
    void oneDegreeOfLatitudeIsAbout111km() {
        assertEquals(111_195, Geo.haversineMeters(43.0, 125.0, 44.0, 125.0), 5);
        assertEquals(111_195, Geo.haversineMeters(0.0, 0.0, 0.0, 1.0), 5);
    }

    @Test
    void oneDegreeOfLongitudeShrinksWithLatitude() {
        // at 60 N a degree of longitude is half a degree of latitude (cos 60 = 0.5)
        assertEquals(111_195 / 2.0, Geo.haversineMeters(60.0, 10.0, 60.0, 11.0), 20);
        assertEquals(Geo.metersPerDegreeLon(60.0), Geo.METERS_PER_DEGREE / 2, 1e-6);
    }

    @Test
    void knownCityDistance() {
        // Beijing (Tiananmen) to Shanghai (People's Square): about 1,067 km great-circle
        double d = Geo.haversineMeters(39.9042, 116.4074, 31.2304, 121.4737);
        assertEquals(1_067_000, d, 3_000);
    }

    @Test
    void symmetricAndZeroOnSamePoint() {
        assertEquals(0.0, Geo.haversineMeters(43.88, 125.32, 43.88, 125.32));
        assertEquals(Geo.haversineMeters(43.88, 125.32, 42.9, 129.5),
                Geo.haversineMeters(42.9, 129.5, 43.88, 125.32), 1e-6);
    }

    @Test
    void jilinBoxTakesTheProvinceAndRefusesTheImpossible() {
        assertTrue(Jilin.contains(43.8868, 125.3245), "Changchun");
        assertTrue(Jilin.contains(42.9048, 129.5136), "Yanji");
        assertTrue(Jilin.contains(41.94, 126.42), "Baishan");
        assertTrue(Jilin.contains(40.8, 121.6), "corner, edges included");
        assertTrue(Jilin.contains(46.3, 131.3), "corner, edges included");
        assertFalse(Jilin.contains(39.9042, 116.4074), "Beijing");
        assertFalse(Jilin.contains(0.0, 0.0), "null island: a receiver without a fix");
        assertFalse(Jilin.contains(125.3245, 43.8868), "lat/lon swapped");
        assertFalse(Jilin.contains(Double.NaN, 125.0));
        assertFalse(Jilin.contains(43.0, Double.NaN));
        assertFalse(Jilin.contains(40.79, 125.0));
        assertFalse(Jilin.contains(43.0, 131.31));
    }
}
