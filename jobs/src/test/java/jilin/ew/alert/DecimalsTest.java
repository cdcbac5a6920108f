package jilin.ew.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecimalsTest {
    private static void same(double v, int digits) {
        assertEquals(String.format(Locale.ROOT, "%." + digits + "f", v), Decimals.fixed(v, digits),
                "value " + v + " with " + digits + " decimals");
    }

    @Test
    void writesWhatTheFormatterWrites() {
        double[] edges = {0, -0.0, 0.005, 0.015, 0.125, 0.135, 1.005, 2.675, 0.994999, 0.995, 9.995, 99.995,
                -0.001, -1.235, 1e-9, 4.35, 0.45, 1.45, 1e7, 123456789.125, 1e20, 3.0E-5,
                Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : edges) {
            for (int d = 0; d <= 3; d++) {
                same(v, d);
            }
        }
        // readings and rates as the rules see them: noisy CH4 percentages and rates per minute
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double v = i % 2 == 0 ? r.nextDouble() * 5 : Math.round(r.nextDouble() * 100_000) / 1000.0;
            same(v, 1 + i % 3);
        }
    }

    @Test
    void roundsHalfUpOnTheShortestDecimalForm() {
        // 2.675 is 2.67499999... in binary; the formatter, and so this, round its shortest form 2.675 up
        assertEquals("2.68", Decimals.fixed(2.675, 2));
        assertEquals("0.13", Decimals.fixed(0.125, 2));
        assertEquals("-0.00", Decimals.fixed(-0.001, 2));
    }
}
