package jilin.ew.gas;

import java.util.Locale;
import jilin.ew.geo.Geo;
import jilin.ew.testing.Msg;

/** Gas and report messages for tests, at seconds from {@link Msg#T0}. */
public final class GasMsg {
    private GasMsg() {}

    public static String lel(String stationId, long sec, double pct) {
        return reading(stationId, sec, "LEL_PCT", pct);
    }

    public static String pressure(String stationId, long sec, double mpa) {
        return reading(stationId, sec, "PRESSURE_MPA", mpa);
    }

    public static String reading(String stationId, long sec, String measure, double value) {
        return String.format(Locale.ROOT, "{\"type\":\"gas.reading\",\"ts\":\"%s\",\"stationId\":\"%s\","
                + "\"measure\":\"%s\",\"value\":%s}", Msg.ts(sec), stationId, measure, value);
    }

    public static String station(String stationId, String kind, double lat, double lon, String pressureClass,
                                 double nominal, boolean crowd) {
        return String.format(Locale.ROOT, "{\"type\":\"gas.station\",\"ts\":\"%s\",\"stationId\":\"%s\","
                        + "\"kind\":\"%s\",\"prefecture\":\"220100\",\"lat\":%s,\"lon\":%s,\"pressureClass\":\"%s\","
                        + "\"nominalPressureMPa\":%s,\"nearCrowdPlace\":%s}", Msg.ts(0), stationId, kind, lat, lon,
                pressureClass, nominal, crowd);
    }

    /** A point {@code metres} due north of the given position. */
    public static double north(double lat, double metres) {
        return lat + metres / Geo.METERS_PER_DEGREE;
    }

    public static String report(String reportId, String subjectId, String severity, long sec) {
        return String.format(Locale.ROOT, "{\"type\":\"hazard.report\",\"ts\":\"%s\",\"reportId\":\"%s\","
                + "\"source\":\"INSPECTOR\",\"subjectId\":\"%s\",\"severity\":\"%s\",\"category\":\"pipe-corrosion\","
                + "\"text\":\"corroded valve body\"}", Msg.ts(sec), reportId, subjectId, severity);
    }

    public static String report(String reportId, String subjectId, String severity, long sec, double lat, double lon) {
        return String.format(Locale.ROOT, "{\"type\":\"hazard.report\",\"ts\":\"%s\",\"reportId\":\"%s\","
                + "\"source\":\"PUBLIC\",\"subjectId\":\"%s\",\"severity\":\"%s\",\"lat\":%s,\"lon\":%s}",
                Msg.ts(sec), reportId, subjectId, severity, lat, lon);
    }
}
