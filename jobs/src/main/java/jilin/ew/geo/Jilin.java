package jilin.ew.geo;

/**
 * Jilin province's bounding box (lon 121.6-131.3 E, lat 40.8-46.3 N): a box around the province, not its
 * border, so it also takes in strips of Liaoning, Inner Mongolia, Heilongjiang, North Korea and Russia.
 * It refuses impossible positions (zeros, swapped lat/lon, other provinces far away), nothing finer.
 */
public final class Jilin {
    public static final double MIN_LON = 121.6;
    public static final double MAX_LON = 131.3;
    public static final double MIN_LAT = 40.8;
    public static final double MAX_LAT = 46.3;

    private Jilin() {}

    /** True if the position lies in the bounding box (edges included); false for NaN. */
    public static boolean contains(double lat, double lon) {
        // written so that NaN compares false and is refused
        return lat >= MIN_LAT && lat <= MAX_LAT && lon >= MIN_LON && lon <= MAX_LON;
    }
}
