package jilin.ew.testing;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Builds wire-contract messages for tests, at times relative to a fixed local start. */
public final class Msg {
    /** 2026-06-10 08:00 local: outside every key period. */
    public static final OffsetDateTime T0 = OffsetDateTime.parse("2026-06-10T08:00:00+08:00");

    private Msg() {}

    public static String ts(long secondsFromT0) {
        return T0.plusSeconds(secondsFromT0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    public static long epochMs(long secondsFromT0) {
        return T0.plusSeconds(secondsFromT0).toInstant().toEpochMilli();
    }

    public static String reading(String sensorId, long sec, double value) {
        return String.format(Locale.ROOT, "{\"type\":\"mine.reading\",\"ts\":\"%s\",\"sensorId\":\"%s\",\"value\":%s}",
                ts(sec), sensorId, value);
    }

    public static String reading(String sensorId, long sec, double value, String status) {
        return String.format(Locale.ROOT,
                "{\"type\":\"mine.reading\",\"ts\":\"%s\",\"sensorId\":\"%s\",\"value\":%s,\"status\":\"%s\"}",
                ts(sec), sensorId, value, status);
    }

    public static String sensorDef(String mineId, String sensorId, String kind, String location, String district) {
        return String.format(Locale.ROOT, "{\"type\":\"mine.sensor\",\"ts\":\"%s\",\"mineId\":\"%s\",\"sensorId\":\"%s\","
                + "\"kind\":\"%s\",\"location\":\"%s\",\"district\":\"%s\"}", ts(0), mineId, sensorId, kind, location,
                district);
    }
}
