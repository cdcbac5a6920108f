package jilin.ew.schema;

/** Either a decoded event or the dead letter that explains why there is none. */
public final class DecodeResult {
    public final Envelope event;
    public final DeadLetter deadLetter;

    private DecodeResult(Envelope event, DeadLetter deadLetter) {
        this.event = event;
        this.deadLetter = deadLetter;
    }

    public static DecodeResult ok(Envelope e) {
        return new DecodeResult(e, null);
    }

    public static DecodeResult dead(DeadLetter d) {
        return new DecodeResult(null, d);
    }

    public boolean isOk() {
        return event != null;
    }
}
