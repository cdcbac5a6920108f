package jilin.ew.gas;

import java.util.ArrayList;
import java.util.List;
import jilin.ew.geo.Geo;
import jilin.ew.geo.Jilin;

/**
 * A grid over the province whose cells are at least {@code distanceM} wide: two points within that distance
 * lie in the same or neighbouring cells. A station's pressure drop goes to its cell and the eight around it,
 * a point's gas reading to its own cell only, so each pair near enough meets in exactly one keyed CEP
 * operator without a hand-made list of neighbours, and a station defined on the stream joins at once.
 */
public final class Cells implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final double dLat;
    private final double dLon;

    public Cells(double distanceM) {
        // 1 % margin for the sphere-versus-grid approximation; longitude degrees sized at the province's
        // northern edge, where a degree is shortest, so cells are wide enough everywhere south of it
        double d = distanceM * 1.01;
        this.dLat = d / Geo.METERS_PER_DEGREE;
        this.dLon = d / Geo.metersPerDegreeLon(Jilin.MAX_LAT);
    }

    public String cell(double lat, double lon) {
        return key((long) Math.floor(lat / dLat), (long) Math.floor(lon / dLon));
    }

    /** The cell of the position and the eight around it. */
    public List<String> around(double lat, double lon) {
        long r = (long) Math.floor(lat / dLat);
        long c = (long) Math.floor(lon / dLon);
        List<String> out = new ArrayList<>(9);
        for (long i = -1; i <= 1; i++) {
            for (long j = -1; j <= 1; j++) {
                out.add(key(r + i, c + j));
            }
        }
        return out;
    }

    private static String key(long r, long c) {
        return r + ":" + c;
    }
}
