package jilin.ew.gateway.minefiles;

/** A monitoring file that cannot be read as its layout says; the whole file goes to quarantine with this reason. */
public final class MalformedFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedFileException(String message) {
        super(message);
    }
}
