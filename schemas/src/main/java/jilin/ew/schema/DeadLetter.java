package jilin.ew.schema;

/** A message the pipeline could not use, with the reason; dead letters are data and are never dropped. */
public class DeadLetter {
    /** Short machine-readable code, e.g. malformed-json, schema, unknown-subject. */
    public String reason;
    /** A sentence naming the field and what is wrong with it. */
    public String detail;
    /** The offending field, when one can be named. */
    public String field;
    /** The original message, cut to {@link #MAX_RAW_CHARS}. */
    public String raw;
    public int rawLength;
    /** Event time when it could be read, else null. */
    public Long ts;

    public static final int MAX_RAW_CHARS = 8192;

    public DeadLetter() {}

    public static DeadLetter of(String reason, String field, String detail, String raw, Long ts) {
        DeadLetter d = new DeadLetter();
        d.reason = reason;
        d.field = field;
        d.detail = detail;
        d.rawLength = raw == null ? 0 : raw.length();
        d.raw = raw == null ? "" : raw.length() > MAX_RAW_CHARS ? raw.substring(0, MAX_RAW_CHARS) : raw;
        d.ts = ts;
        return d;
    }

    @Override
    public String toString() {
        return reason + (field == null ? "" : "(" + field + ")") + ": " + detail;
    }
}
