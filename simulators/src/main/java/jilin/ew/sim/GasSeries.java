package jilin.ew.sim;

import java.util.ArrayList;
import java.util.List;
import jilin.ew.seeds.GasPoint;

/** One measured series (pressure or %LEL) of one simulated gas point, and what the scenarios do to it. */
final class GasSeries {
    static final String PRESSURE = "PRESSURE_MPA";
    static final String LEL = "LEL_PCT";

    final GasPoint point;
    final String measure;
    final int index;
    final long phase;
    final double mean;
    final long noiseSeed;
    final long startSec;
    final long period;
    final List<Effect> effects = new ArrayList<>();

    GasSeries(GasPoint point, String measure, int index, int phase, double mean, long noiseSeed, long startSec,
              long period) {
        this.point = point;
        this.measure = measure;
        this.index = index;
        this.phase = phase;
        this.mean = mean;
        this.noiseSeed = noiseSeed;
        this.startSec = startSec;
        this.period = period;
    }

    boolean pressure() {
        return PRESSURE.equals(measure);
    }

    double baseline(double g) {
        return pressure() ? mean * (1 + 0.01 * g) : Math.max(0, Math.min(3, mean + 0.5 * g));
    }

    long alignUp(long t) {
        long first = startSec + phase;
        return t <= first ? first : first + Math.floorDiv(t - first + period - 1, period) * period;
    }

    /** The value at t for noise draw g: the baseline changed by every effect covering t. */
    double value(long t, double g) {
        double v = baseline(g);
        for (Effect e : effects) {
            if (t >= e.from() && t <= e.to()) {
                v = e.apply(t, pressure() ? mean : v, g, this);
            }
        }
        return Math.max(0, v);
    }

    /** A change of one series' values over [from, to]: piecewise-linear absolute targets (NaN: baseline). */
    record Effect(long[] times, double[] targets, double noiseScale) {
        long from() {
            return times[0];
        }

        long to() {
            return times[times.length - 1];
        }

        double apply(long t, double base, double g, GasSeries s) {
            for (int i = 1; i < times.length; i++) {
                if (t <= times[i]) {
                    double a = Double.isNaN(targets[i - 1]) ? base : targets[i - 1];
                    double b = Double.isNaN(targets[i]) ? base : targets[i];
                    double f = times[i] == times[i - 1] ? 1 : (t - times[i - 1]) / (double) (times[i] - times[i - 1]);
                    double v = a + f * (b - a);
                    return v + noiseScale * (s.pressure() ? 0.005 * s.mean : 0.3) * g;
                }
            }
            return base;
        }
    }
}
