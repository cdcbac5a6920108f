package jilin.ew.sim;

/** What a mine scenario does to one sensor's readings between {@code from} and {@code to} (inclusive). */
abstract class MineEffect {
    final long from;
    final long to;

    MineEffect(long from, long to) {
        this.from = from;
        this.to = to;
    }

    /**
     * @param base  the deterministic baseline at t; {@code noise} the sensor's noise draw at t
     * @return the reading, or null to skip it
     */
    abstract Sample apply(MineSensorModel m, long t, double base, double noise);

    /** A reading: its value (rounded by the sensor unless exact) and status. */
    record Sample(double value, String status, boolean exact) {
    }

    /** Piecewise-linear offset over the baseline, with damped noise. */
    static final class Profile extends MineEffect {
        final long[] times;
        final double[] deltas;
        final double noiseScale;

        Profile(long[] times, double[] deltas, double noiseScale) {
            super(times[0], times[times.length - 1]);
            this.times = times;
            this.deltas = deltas;
            this.noiseScale = noiseScale;
        }

        double delta(long t) {
            for (int i = 1; i < times.length; i++) {
                if (t <= times[i]) {
                    double f = (t - times[i - 1]) / (double) (times[i] - times[i - 1]);
                    return deltas[i - 1] + f * (deltas[i] - deltas[i - 1]);
                }
            }
            return deltas[deltas.length - 1];
        }

        @Override
        Sample apply(MineSensorModel m, long t, double base, double noise) {
            return new Sample(base + delta(t) + noise * noiseScale, "OK", false);
        }
    }

    /** No readings at all between from and to. */
    static final class Silence extends MineEffect {
        Silence(long from, long to) {
            super(from, to);
        }

        @Override
        Sample apply(MineSensorModel m, long t, double base, double noise) {
            return null;
        }
    }

    /** The same value from {@code from} to {@code to}; the readings just outside are kept different. */
    static final class Stuck extends MineEffect {
        final double value;
        final long period;

        Stuck(long from, long to, double value, long period) {
            super(from - period, to + period);
            this.value = value;
            this.period = period;
        }

        @Override
        Sample apply(MineSensorModel m, long t, double base, double noise) {
            if (t > from && t < to) {
                return new Sample(value, "OK", true);
            }
            double v = m.round(Math.max(0, base + noise));
            if (Math.abs(v - value) < 1e-9) {
                v = m.round(value + m.unit());
            }
            return new Sample(v, "OK", true);
        }
    }

    /** Calibration gas: 1.5-2.0 % flagged CALIBRATING. */
    static final class Calibration extends MineEffect {
        Calibration(long from, long to) {
            super(from, to);
        }

        @Override
        Sample apply(MineSensorModel m, long t, double base, double noise) {
            double f = Math.min(1.0, (t - from) / 60.0);
            double v = Math.max(1.5, Math.min(2.0, 1.55 + 0.37 * f + noise));
            return new Sample(v, "CALIBRATING", false);
        }
    }
}
