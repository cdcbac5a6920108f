package jilin.ew.kafka;

import jilin.ew.ingest.StreamAhead;
import jilin.ew.schema.Times;

/**
 * The event time of a raw message, read from its {@code "ts"} field without decoding the rest, so the Kafka source
 * can make watermarks per partition. Anything unusable, or more than {@link StreamAhead#MAX_AHEAD_MS} ahead of the
 * wall clock (the live guard decode applies too), gives Long.MIN_VALUE (no progress); decode dead-letters it.
 */
public final class RawEventTime {
    private RawEventTime() {}

    public static long of(String raw) {
        int i = raw.indexOf("\"ts\"");
        if (i < 0) {
            return Long.MIN_VALUE;
        }
        i += 4;
        int n = raw.length();
        while (i < n && (raw.charAt(i) == ' ' || raw.charAt(i) == ':' || raw.charAt(i) == '\t')) {
            i++;
        }
        if (i >= n || raw.charAt(i) != '"') {
            return Long.MIN_VALUE;
        }
        int end = raw.indexOf('"', i + 1);
        if (end < 0) {
            return Long.MIN_VALUE;
        }
        try {
            long ts = Times.parse(raw.substring(i + 1, end));
            return ts > System.currentTimeMillis() + StreamAhead.MAX_AHEAD_MS ? Long.MIN_VALUE : ts;
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }
}
