package jilin.ew.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jilin.ew.seeds.Mine;
import jilin.ew.seeds.SensorKind;
import jilin.ew.seeds.SensorLocation;
import jilin.ew.seeds.SensorPoint;

/** Baseline parameters of one simulated mine sensor (values = mean + amp * shiftShape(t) + noise) and its scenario effects. */
final class MineSensorModel {
    private static final long SHIFT_SEC = 8 * 3600;

    final SensorPoint point;
    final Mine mine;
    final int index;
    final long phase;
    final long noiseSeed;
    final double mean;
    final double amp;
    final double sd;
    final int decimals;
    final long startSec;
    final long period;
    /** Sorted by start once planning is done. */
    final List<MineEffect> effects = new ArrayList<>();

    MineSensorModel(SensorPoint point, Mine mine, int index, int phase, long noiseSeed, SplittableRandom r,
                    long startSec, long period) {
        this.point = point;
        this.mine = mine;
        this.index = index;
        this.phase = phase;
        this.noiseSeed = noiseSeed;
        this.startSec = startSec;
        this.period = period;
        boolean idle = mine.status().isIdle();
        double lo;
        double hi;
        double a;
        switch (point.kind()) {
            case CH4 -> {
                decimals = 2;
                if (idle) {
                    // Shut-down mines: low, flat gas with noise; no shift cycle.
                    lo = 0.02; hi = 0.10; sd = 0.008; a = 0;
                } else {
                    double[] b = ch4Band(point.location());
                    lo = b[0]; hi = b[1]; sd = b[2];
                    a = b[3] + r.nextDouble() * (b[4] - b[3]);
                }
                double clip = 2.5 * sd;
                mean = lo + clip + r.nextDouble() * Math.max(0, hi - a - clip - (lo + clip));
            }
            case CO -> {
                decimals = 1; sd = 0.3;
                a = idle ? 0 : 0.5 + r.nextDouble();
                mean = idle ? 2.5 + r.nextDouble() * 1.5 : 3.0 + r.nextDouble() * 2.5;
            }
            case TEMP -> {
                decimals = 1; sd = 0.04;
                a = idle ? 0 : 0.3 + r.nextDouble() * 0.5;
                mean = idle ? 20.5 + r.nextDouble() * 1.5 : 21.0 + r.nextDouble() * 2.5;
            }
            case WIND_SPEED -> {
                decimals = 2; sd = 0.05;
                a = idle ? 0 : r.nextDouble() * 0.15;
                mean = 1.5 + r.nextDouble() * 0.9;
            }
            default -> {
                decimals = 2; sd = 0.01; a = 0;
                mean = point.kind() == SensorKind.O2 ? 20.8 : 0.1;
            }
        }
        this.amp = a;
    }

    /** {lo, hi, sd, ampMin, ampMax} of the CH4 baseline by location (% CH4). */
    private static double[] ch4Band(SensorLocation loc) {
        return switch (loc) {
            case UPPER_CORNER -> new double[] {0.25, 0.45, 0.015, 0.04, 0.08};
            case WORKING_FACE -> new double[] {0.15, 0.35, 0.012, 0.04, 0.08};
            case WORKING_FACE_RETURN -> new double[] {0.10, 0.30, 0.012, 0.03, 0.07};
            case HEADING_FACE -> new double[] {0.20, 0.40, 0.012, 0.04, 0.08};
            case HEADING_RETURN -> new double[] {0.10, 0.30, 0.012, 0.03, 0.06};
            case MINE_RETURN -> new double[] {0.10, 0.25, 0.010, 0.02, 0.04};
            case INTAKE -> new double[] {0.02, 0.06, 0.005, 0.0, 0.0};
            default -> new double[] {0.10, 0.30, 0.012, 0.02, 0.05};
        };
    }

    /** Deterministic part of the baseline: higher mid-shift while cutting, lowest at shift change. */
    double baseMean(long t) {
        if (amp == 0) {
            return mean;
        }
        double into = Math.floorMod(t, SHIFT_SEC) / (double) SHIFT_SEC;
        return mean + amp * StrictMath.sin(StrictMath.PI * into);
    }

    double unit() {
        return decimals == 1 ? 0.1 : 0.01;
    }

    double round(double v) {
        double f = decimals == 1 ? 10 : 100;
        return Math.round(v * f) / f;
    }

    long firstReading() {
        return startSec + phase;
    }

    /** First reading time at or after t. */
    long alignUp(long t) {
        long first = firstReading();
        if (t <= first) {
            return first;
        }
        return first + Math.floorDiv(t - first + period - 1, period) * period;
    }

    /** Last reading time at or before t. */
    long alignDown(long t) {
        return firstReading() + Math.floorDiv(t - firstReading(), period) * period;
    }

    String id() {
        return point.sensorId();
    }
}
