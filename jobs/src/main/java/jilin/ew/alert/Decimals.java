package jilin.ew.alert;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Numbers in alert texts with a fixed number of decimals, exactly as {@code String.format(Locale.ROOT, "%.Nf", v)}
 * writes them. The formatter parses its pattern on every call; on a dense recording the rapid-rise wording alone
 * took an eighth of its CEP task's time there.
 */
public final class Decimals {
    private Decimals() {}

    /** {@code v} with {@code digits} decimals, rounded half up from its shortest decimal form (as the formatter). */
    public static String fixed(double v, int digits) {
        if (!(v > 0) || Double.isInfinite(v)) {
            // zero, negatives (the formatter keeps a minus on what rounds to zero), NaN and infinities: rare here
            return String.format(Locale.ROOT, "%." + digits + "f", v);
        }
        return BigDecimal.valueOf(v).setScale(digits, RoundingMode.HALF_UP).toPlainString();
    }
}
