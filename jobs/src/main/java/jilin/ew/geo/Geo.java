package jilin.ew.geo;

/** Great-circle distances and degree/metre conversions on a spherical Earth (WGS-84 positions). */
public final class Geo {
    /** IUGG mean Earth radius; the sphere is within 0.5 % of the ellipsoid, plenty for 40-60 m buffers. */
    public static final double EARTH_RADIUS_M = 6_371_008.8;
    /** Metres in one degree of latitude (and of longitude at the equator) on that sphere, about 111,195 m. */
    public static final double METERS_PER_DEGREE = EARTH_RADIUS_M * Math.PI / 180.0;

    private Geo() {}

    /** Haversine distance in metres between two positions given in decimal degrees. */
    public static double haversineMeters(double lat1, double lon1, double lat2, double lon2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double s = Math.sin(dPhi / 2);
        double t = Math.sin(dLambda / 2);
        double a = s * s + Math.cos(phi1) * Math.cos(phi2) * t * t;
        // min() guards asin against rounding just above 1 for antipodal points
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }

    /** Metres per degree of longitude at the given latitude. */
    public static double metersPerDegreeLon(double lat) {
        return METERS_PER_DEGREE * Math.cos(Math.toRadians(lat));
    }
}
