package jilin.ew.schema;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Event-time conversions; Jilin local time is UTC+8 (Asia/Shanghai) whatever the machine's zone. */
public final class Times {
    public static final ZoneId LOCAL_ZONE = ZoneId.of("Asia/Shanghai");
    public static final ZoneOffset LOCAL_OFFSET = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private Times() {}

    /** The last timestamp parsed: messages of one second share it, and parsing costs more than the rest. */
    private static final class Last {
        final String text;
        final long millis;

        Last(String text, long millis) {
            this.text = text;
            this.millis = millis;
        }
    }

    private static volatile Last last = new Last("", 0);

    /** Parses an ISO-8601 timestamp that carries an offset; throws DateTimeParseException otherwise. */
    public static long parse(String iso) {
        Last l = last;
        if (l.text.equals(iso)) {
            return l.millis;
        }
        long ms = OffsetDateTime.parse(iso, ISO).toInstant().toEpochMilli();
        last = new Last(iso, ms);
        return ms;
    }

    /** Formats epoch millis as ISO-8601 in Jilin local time, e.g. 2026-03-20T08:00:25+08:00. */
    public static String format(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), LOCAL_OFFSET).format(ISO);
    }
}
