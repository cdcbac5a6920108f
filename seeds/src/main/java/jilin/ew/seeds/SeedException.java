package jilin.ew.seeds;

/** A seed file that cannot be read or does not make sense; the message names the file (and line). */
public class SeedException extends RuntimeException {
    public SeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
