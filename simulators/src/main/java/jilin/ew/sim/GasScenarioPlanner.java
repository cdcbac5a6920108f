package jilin.ew.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import jilin.ew.seeds.GasPoint;

/**
 * Places the gas and report scenarios (G1..G4, R1, R2; see {@link GasSimulator}), each in its own slot after a
 * 30 min settling time and on its own stations: adds their effects to the series and their hazard reports.
 */
final class GasScenarioPlanner {
    private static final long SETTLE_SEC = 30 * 60;
    private static final long SLOT_MIN_SEC = 50 * 60;
    private static final double NEAR_M = 450;

    /** A hazard report line at its event time. */
    record Report(long ts, String line) {
    }

    private final List<GasSeries> series;
    private final long startSec;
    private final long endSec;
    final List<ScenarioLabel> labels = new ArrayList<>();
    final List<Report> reports = new ArrayList<>();

    GasScenarioPlanner(List<GasSeries> series, long startSec, long endSec) {
        this.series = series;
        this.startSec = startSec;
        this.endSec = endSec;
    }

    private GasSeries series(String stationId, String measure) {
        for (GasSeries s : series) {
            if (s.point.stationId().equals(stationId) && s.measure.equals(measure)) {
                return s;
            }
        }
        throw new IllegalStateException("no " + measure + " series for " + stationId);
    }

    private static double distance(GasPoint a, GasPoint b) {
        // haversine (the job's jilin.ew.geo.Geo is not a dependency of the simulators)
        double p1 = Math.toRadians(a.lat());
        double p2 = Math.toRadians(b.lat());
        double s = Math.sin((p2 - p1) / 2);
        double t = Math.sin(Math.toRadians(b.lon() - a.lon()) / 2);
        return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(s * s + Math.cos(p1) * Math.cos(p2) * t * t)));
    }

    private static GasPoint nearest(GasPoint station, List<GasPoint> points) {
        GasPoint best = null;
        for (GasPoint p : points) {
            if (!p.isRegulatorStation() && distance(p, station) <= NEAR_M
                    && (best == null || distance(p, station) < distance(best, station))) {
                best = p;
            }
        }
        return best;
    }

    void plan(List<GasPoint> points, SplittableRandom rnd) {
        List<GasPoint> stations = new ArrayList<>();
        for (GasPoint p : points) {
            if (p.isRegulatorStation() && p.nominalPressureMPa() != null && nearest(p, points) != null) {
                stations.add(p);
            }
        }
        Randoms.shuffle(stations, rnd);
        long slot = (endSec - startSec - SETTLE_SEC) / 5;
        if (slot < SLOT_MIN_SEC || stations.size() < 4) {
            throw new IllegalArgumentException("the gas scenarios need a run of at least "
                    + (SETTLE_SEC + 5 * SLOT_MIN_SEC) / 3600.0 + " h and 4 regulator stations with a point near");
        }
        GasPoint leak = stations.get(0);
        GasPoint breach = stations.stream().filter(s -> !s.nearCrowdPlace() && s != leak).findFirst()
                .orElse(stations.get(1));
        List<GasPoint> rest = new ArrayList<>(stations);
        rest.remove(leak);
        rest.remove(breach);
        GasPoint spike = rest.get(0);
        GasPoint major = rest.get(1);
        List<GasPoint> used = List.of(leak, breach, spike, major);
        GasPoint drift = null;
        for (GasPoint p : points) {
            boolean nearUsed = false;
            for (GasPoint u : used) {
                nearUsed |= distance(p, u) <= 600;
            }
            if (!p.isRegulatorStation() && !nearUsed && (drift == null || rnd.nextInt(4) == 0)) {
                drift = p;
            }
        }
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2, 3, 4));
        Randoms.shuffle(order, rnd);
        long[] at = new long[5];
        for (int i = 0; i < 5; i++) {
            at[order.get(i)] = startSec + SETTLE_SEC + i * slot + 300;
        }
        labels.add(leak(leak, nearest(leak, points), at[0]));
        labels.add(drift(drift, at[1]));
        labels.addAll(breach(breach, at[2]));
        labels.add(spike(spike, nearest(spike, points), at[3]));
        labels.add(major(major, at[4]));
        labels.sort(Comparator.comparing(ScenarioLabel::scenarioId));
        reports.sort(Comparator.comparingLong(Report::ts));
    }

    private ScenarioLabel leak(GasPoint station, GasPoint point, long at) {
        GasSeries p = series(station.stationId(), GasSeries.PRESSURE);
        long t0 = p.alignUp(at);
        double low = 0.85 * station.nominalPressureMPa();
        p.effects.add(new GasSeries.Effect(new long[] {t0, t0 + 180, t0 + 1500, t0 + 1800},
                new double[] {Double.NaN, low, low, Double.NaN}, 1));
        GasSeries g = series(point.stationId(), GasSeries.LEL);
        long g0 = g.alignUp(t0 + 120);
        g.effects.add(new GasSeries.Effect(new long[] {g0, g0 + 600, t0 + 1500, t0 + 1800},
                new double[] {Double.NaN, 30, 30, Double.NaN}, 1));
        return label(Scenario.LEAK_NEAR_STATION, station, List.of(station.stationId(), point.stationId()), t0,
                t0 + 1800);
    }

    private ScenarioLabel drift(GasPoint point, long at) {
        GasSeries g = series(point.stationId(), GasSeries.LEL);
        long t0 = g.alignUp(at);
        // recalibrated after the alarm: straight back to the baseline
        g.effects.add(new GasSeries.Effect(new long[] {t0, t0 + 2400, t0 + 2700, t0 + 2701},
                new double[] {Double.NaN, 28, 28, Double.NaN}, 0.5));
        return label(Scenario.DETECTOR_DRIFT, point, List.of(point.stationId()), t0, t0 + 2700);
    }

    private List<ScenarioLabel> breach(GasPoint station, long at) {
        GasSeries p = series(station.stationId(), GasSeries.PRESSURE);
        long t0 = p.alignUp(at + 1200);
        double high = 1.12 * classMax(station.pressureClass());
        p.effects.add(new GasSeries.Effect(new long[] {t0, t0 + 120, t0 + 720, t0 + 840},
                new double[] {Double.NaN, high, high, Double.NaN}, 1));
        long r = at;
        reports.add(new Report(r, report("SIM-R2", station.stationId(), "GENERAL", r, "ENTERPRISE",
                "regulator-fault", "调压器指挥器膜片老化，出口压力波动")));
        List<String> ids = List.of(station.stationId());
        return List.of(label(Scenario.PRESSURE_CLASS_BREACH, station, ids, t0, t0 + 840),
                label(Scenario.CORROBORATING_REPORT, station, ids, r, t0 + 840));
    }

    private ScenarioLabel spike(GasPoint station, GasPoint point, long at) {
        GasSeries g = series(point.stationId(), GasSeries.LEL);
        long t0 = g.alignUp(at);
        g.effects.add(new GasSeries.Effect(new long[] {t0, t0}, new double[] {18, 18}, 0));
        GasSeries p = series(station.stationId(), GasSeries.PRESSURE);
        long t1 = p.alignUp(t0 + 1200);
        double dip = 0.86 * station.nominalPressureMPa();
        p.effects.add(new GasSeries.Effect(new long[] {t1, t1}, new double[] {dip, dip}, 0));
        return label(Scenario.SPIKE_AND_DIP_APART, station, List.of(station.stationId(), point.stationId()), t0, t1);
    }

    private ScenarioLabel major(GasPoint station, long at) {
        reports.add(new Report(at, report("SIM-R1", station.stationId(), "MAJOR", at, "INSPECTOR",
                "pipe-corrosion", "进站管道严重腐蚀，壁厚减薄超过设计余量")));
        return label(Scenario.MAJOR_REPORT, station, List.of(station.stationId()), at, at);
    }

    private static double classMax(String pressureClass) {
        return switch (pressureClass) {
            case "LOW" -> 0.01;
            case "MEDIUM_B" -> 0.2;
            case "MEDIUM_A" -> 0.4;
            case "SUB_HIGH_B" -> 0.8;
            case "SUB_HIGH_A" -> 1.6;
            case "HIGH_B" -> 2.5;
            default -> 4.0;
        };
    }

    private static ScenarioLabel label(Scenario k, GasPoint subject, List<String> ids, long from, long to) {
        return ScenarioLabel.of(k, null, subject.stationId(), null, null, List.copyOf(ids), from, to);
    }

    private static String report(String id, String subject, String severity, long ts, String source,
                                 String category, String text) {
        return "{\"type\":\"hazard.report\",\"ts\":\"" + SimTime.format(ts) + "\",\"reportId\":\"" + id
                + "\",\"source\":\"" + source + "\",\"subjectId\":\"" + subject + "\",\"severity\":\"" + severity
                + "\",\"category\":\"" + category + "\",\"text\":\"" + text + "\"}";
    }
}
