package jilin.ew.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import jilin.ew.seeds.GasPoint;
import jilin.ew.seeds.GasPoints;

/**
 * Deterministic generator of {@code gas.reading} (and a few {@code hazard.report}) messages for the seed gas
 * points of 长春 and 吉林, with injected, labelled scenarios. Regulator stations and pipe points report
 * pressure (nominal with about 1 % noise); every point reports %LEL (0-3 % baseline). Lines come lazily in
 * event-time order; the same seed and settings give the same output.
 *
 * <p>Scenarios (each in its own slot after a 30 min settling time, on its own stations; placed by
 * {@link GasScenarioPlanner}): G1 leak near a regulator station (pressure -15 %, gas rising to 30 % LEL at a
 * point within 500 m): GAS_LEAK_SUSPECTED ORANGE; G2 a detector drifting slowly up to 28 % LEL over 40 min:
 * GAS_LEL_LEVEL1 YELLOW; G3 a pressure-class breach (12 % over the class maximum for 10 min):
 * GAS_PRESSURE_ABNORMAL YELLOW; G4 a single 18 % LEL spike near a station and, 20 min later, a single pressure
 * dip of 14 % at the station: no leak (expectNoAlert, ruleId GAS_LEAK_SUSPECTED: nothing at all may fire on its
 * points); R1 a MAJOR report: REPORT_MAJOR_HAZARD ORANGE; R2 a GENERAL report on G3's station 20 min before its
 * breach, which raises G3's alert to ORANGE (REPORT_CORROBORATED). Labels: {@code subjectId} the alert subject
 * and {@code sensorIds} every station the scenario changes.
 */
public final class GasSimulator implements Simulator {
    /** Settings of one run. */
    public record Config(long seed, Instant start, Duration duration, Duration pollingCycle, boolean scenarios) {
        public static final Instant DEFAULT_START = OffsetDateTime.parse("2026-03-20T08:00:00+08:00").toInstant();

        /** Seed 42, 2026-03-20T08:00+08:00, 6 h, 30 s polling, all scenarios. */
        public static Config defaults() {
            return new Config(42, DEFAULT_START, Duration.ofHours(6), Duration.ofSeconds(30), true);
        }

        public Config withSeed(long s) {
            return new Config(s, start, duration, pollingCycle, scenarios);
        }

        public Config withStart(Instant s) {
            return new Config(seed, s, duration, pollingCycle, scenarios);
        }

        public Config withDuration(Duration d) {
            return new Config(seed, start, d, pollingCycle, scenarios);
        }

        public Config withScenarios(boolean on) {
            return new Config(seed, start, duration, pollingCycle, on);
        }
    }

    private final List<GasSeries> series = new ArrayList<>();
    private final List<GasScenarioPlanner.Report> reports;
    private final List<ScenarioLabel> labels;
    private final long startSec;
    private final long endSec;
    private final long period;

    public GasSimulator(Config config) {
        this(GasPoints.defaults(), config);
    }

    public GasSimulator(List<GasPoint> points, Config config) {
        this.startSec = config.start().getEpochSecond();
        this.endSec = startSec + config.duration().getSeconds();
        this.period = config.pollingCycle().getSeconds();
        if (period < 1) {
            throw new IllegalArgumentException("pollingCycle must be at least 1 s");
        }
        SplittableRandom master = new SplittableRandom(config.seed());
        for (GasPoint p : points) {
            if (p.isRegulatorStation() || "PIPE_POINT".equals(p.kind())) {
                if (p.nominalPressureMPa() != null) {
                    series.add(new GasSeries(p, GasSeries.PRESSURE, series.size(), master.nextInt((int) period),
                            p.nominalPressureMPa(), master.nextLong(), startSec, period));
                }
            }
            series.add(new GasSeries(p, GasSeries.LEL, series.size(), master.nextInt((int) period),
                    0.5 + master.nextDouble(), master.nextLong(), startSec, period));
        }
        GasScenarioPlanner planner = new GasScenarioPlanner(series, startSec, endSec);
        if (config.scenarios()) {
            planner.plan(points, new SplittableRandom(config.seed() ^ 0x6A5_0000_0001L));
        }
        this.reports = List.copyOf(planner.reports);
        this.labels = List.copyOf(planner.labels);
    }

    /** Ground-truth labels, in scenario-id order. */
    @Override
    public List<ScenarioLabel> labels() {
        return labels;
    }

    /** A fresh lazy iterator over the message lines (no trailing newline); each call starts over. */
    @Override
    public Iterator<String> lines() {
        List<TimeMerge.Timeline> all = new ArrayList<>(series.size() + 1);
        all.add(new Reports()); // rank -1: a report goes before a reading of the same second
        for (GasSeries s : series) {
            all.add(new Readings(s));
        }
        return new TimeMerge(all);
    }

    /** The hazard reports, in time order. */
    private final class Reports implements TimeMerge.Timeline {
        private int i;

        @Override
        public long nextTs() {
            return i < reports.size() && reports.get(i).ts() < endSec ? reports.get(i).ts() : TimeMerge.DONE;
        }

        @Override
        public int rank() {
            return -1;
        }

        @Override
        public String take() {
            return reports.get(i++).line();
        }
    }

    /** One series' readings, one per polling cycle at its phase. */
    private final class Readings implements TimeMerge.Timeline {
        private final GasSeries s;
        private final SplittableRandom rng;
        private long next;

        Readings(GasSeries s) {
            this.s = s;
            this.rng = new SplittableRandom(s.noiseSeed);
            this.next = startSec + s.phase;
        }

        @Override
        public long nextTs() {
            return next < endSec ? next : TimeMerge.DONE;
        }

        @Override
        public int rank() {
            return s.index;
        }

        @Override
        public String take() {
            long t = next;
            next += period;
            double v = s.value(t, Randoms.gaussian(rng)); // drawn every cycle, so scenarios never shift later noise
            String value = s.pressure() ? String.format(Locale.ROOT, "%.4f", v)
                    : String.format(Locale.ROOT, "%.1f", Math.min(100, v));
            return "{\"type\":\"gas.reading\",\"ts\":\"" + SimTime.format(t) + "\",\"stationId\":\""
                    + s.point.stationId() + "\",\"measure\":\"" + s.measure + "\",\"value\":" + value + "}";
        }
    }
}
