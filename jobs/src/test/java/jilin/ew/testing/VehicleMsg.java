package jilin.ew.testing;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import jilin.ew.geo.Geo;
import jilin.ew.vehicle.RoadSection;
import jilin.ew.vehicle.RoadSections;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.linearref.LengthIndexedLine;

/** Builds vehicle messages for tests: registrations, positions at local times, points on or beside sections. */
public final class VehicleMsg {
    /** Central 长春, far from every dangerous section. */
    public static final double[] OFF_SECTION = {43.88, 125.32};
    private static final Map<String, RoadSection> SECTIONS = new HashMap<>();

    static {
        for (RoadSection s : RoadSections.defaults()) {
            SECTIONS.put(s.sectionId(), s);
        }
    }

    private VehicleMsg() {}

    /** The messages in event-time order (stable), as a recording would hold them: the job takes late ones as late. */
    public static java.util.List<String> byTime(java.util.List<String> messages) {
        java.util.regex.Pattern ts = java.util.regex.Pattern.compile("\"ts\":\"([^\"]+)\"");
        java.util.List<String> out = new java.util.ArrayList<>(messages);
        out.sort(java.util.Comparator.comparingLong(m -> {
            java.util.regex.Matcher x = ts.matcher(m);
            return x.find() ? OffsetDateTime.parse(x.group(1)).toInstant().toEpochMilli() : Long.MIN_VALUE;
        }));
        return out;
    }

    public static RoadSection section(String id) {
        return SECTIONS.get(id);
    }

    /** A local (+08:00) date-time, e.g. "2026-06-10T02:00:00". */
    public static OffsetDateTime at(String local) {
        return OffsetDateTime.parse(local + "+08:00");
    }

    public static String registration(String vehicleId, String vehicleClass, Double tripKm) {
        return String.format(Locale.ROOT, "{\"type\":\"vehicle.registration\",\"ts\":\"2026-06-01T00:00:00+08:00\","
                        + "\"vehicleId\":\"%s\",\"vehicleClass\":\"%s\",\"plate\":\"吉T·%s\",\"operatorId\":\"TC-CC-01\","
                        + "\"prefecture\":\"220100\"%s}", vehicleId, vehicleClass, vehicleId.replaceAll("[^0-9]", ""),
                tripKm == null ? "" : ",\"tripKm\":" + tripKm);
    }

    public static String position(String vehicleId, OffsetDateTime ts, double[] latLon, double speed) {
        return position(vehicleId, ts, latLon, speed, 0);
    }

    public static String position(String vehicleId, OffsetDateTime ts, double[] latLon, double speed, long alarmFlags) {
        return String.format(Locale.ROOT, "{\"type\":\"vehicle.position\",\"ts\":\"%s\",\"vehicleId\":\"%s\","
                        + "\"lat\":%.6f,\"lon\":%.6f,\"speedKmh\":%s%s}", ts.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                vehicleId, latLon[0], latLon[1], speed, alarmFlags == 0 ? "" : ",\"alarmFlags\":" + alarmFlags);
    }

    /** The point at the fraction of the section's length (as lat, lon). */
    public static double[] on(String sectionId, double fraction) {
        return beside(sectionId, fraction, 0);
    }

    /** A point {@code offsetM} metres to the left of the section's line at the fraction (as lat, lon). */
    public static double[] beside(String sectionId, double fraction, double offsetM) {
        RoadSection s = SECTIONS.get(sectionId);
        LengthIndexedLine line = new LengthIndexedLine(s.line());
        double len = s.line().getLength();
        Coordinate c = line.extractPoint(fraction * len);
        if (offsetM == 0) {
            return new double[] {c.y, c.x};
        }
        Coordinate a = line.extractPoint(Math.max(0, fraction * len - len * 0.001));
        Coordinate b = line.extractPoint(Math.min(len, fraction * len + len * 0.001));
        double mx = Geo.metersPerDegreeLon(c.y);
        double dx = (b.x - a.x) * mx;
        double dy = (b.y - a.y) * Geo.METERS_PER_DEGREE;
        double n = Math.hypot(dx, dy);
        // left normal (-dy, dx), scaled to offsetM metres
        return new double[] {c.y + dx / n * offsetM / Geo.METERS_PER_DEGREE, c.x - dy / n * offsetM / mx};
    }
}
