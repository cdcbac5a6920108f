package jilin.ew.sim;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Event time as the simulators write and read it: whole seconds, Jilin local time (UTC+8). */
final class SimTime {
    static final ZoneOffset JILIN = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private SimTime() {}

    /** {@code yyyy-MM-ddTHH:mm:ss+08:00}. */
    static String format(long epochSec) {
        return TS.format(OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSec), JILIN));
    }

    /** Local time of day in Jilin. */
    static LocalTime local(long epochSec) {
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSec), JILIN).toLocalTime();
    }

    /**
     * The event time of a simulator line in epoch seconds, read straight from its {@code "ts":"yyyy-MM-ddTHH:mm:ss+hh:mm"}
     * without a general parser (the simulators all write that form); anything else goes through OffsetDateTime.
     */
    static long epochSecond(String line) {
        int i = line.indexOf("\"ts\":\"");
        if (i < 0) {
            throw new IllegalArgumentException("no ts in simulator line: " + line);
        }
        i += 6;
        if (line.length() >= i + 26 && line.charAt(i + 4) == '-' && line.charAt(i + 10) == 'T'
                && line.charAt(i + 19) != '.' && line.charAt(i + 25) == '"') {
            long day = LocalDate.of(num(line, i, 4), num(line, i + 5, 2), num(line, i + 8, 2)).toEpochDay();
            long sec = day * 86_400 + num(line, i + 11, 2) * 3600L + num(line, i + 14, 2) * 60L + num(line, i + 17, 2);
            int offset = num(line, i + 20, 2) * 3600 + num(line, i + 23, 2) * 60;
            return line.charAt(i + 19) == '-' ? sec + offset : sec - offset;
        }
        int end = line.indexOf('"', i);
        return OffsetDateTime.parse(line.substring(i, end)).toEpochSecond();
    }

    private static int num(String s, int from, int len) {
        int v = 0;
        for (int k = from; k < from + len; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("bad ts digits in " + s);
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
