package jilin.ew.gateway.jt808;

/** A frame or message body the gateway refuses; carries the dead letter's reason code and the offending field. */
public final class BadFrameException extends Exception {
    private static final long serialVersionUID = 1L;
    public final String reason;
    public final String field;

    public BadFrameException(String reason, String field, String detail) {
        super(detail);
        this.reason = reason;
        this.field = field;
    }
}
