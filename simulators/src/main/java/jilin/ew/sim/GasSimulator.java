package jilin.ew.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import jilin.ew.seeds.GasPoint;
import jilin.ew.seeds.GasPoints;

/**
 * Deterministic generator of {@code gas.reading} (and a few {@code hazard.report}) messages for the seed gas
 * points of 长春 and 吉林, with injected, labelled scenarios. Regulator stations and pipe points report
 * pressure (nominal with about 1 % noise); every point reports %LEL (0-3 % baseline). Lines come lazily in
 * event-time order; the same seed and settings give the same output.
 *
 * <p>Scenarios (each in its own slot after a 30 min settling time, on its own stations):
 * G1 leak near a regulator station (pressure -15 %, gas rising to 30 % LEL at a point within 500 m):
 * GAS_LEAK_SUSPECTED ORANGE; G2 a detector drifting slowly up to 28 % LEL over 40 min: GAS_LEL_LEVEL1
 * YELLOW; G3 a pressure-class breach (12 % over the class maximum for 10 min): GAS_PRESSURE_ABNORMAL YELLOW;
 * G4 a single 18 % LEL spike near a station and, 20 min later, a single pressure dip of 14 % at the station:
 * no leak (expectNoAlert, ruleId GAS_LEAK_SUSPECTED: nothing at all may fire on its points); R1 a MAJOR
 * report: REPORT_MAJOR_HAZARD ORANGE; R2 a GENERAL report on G3's station 20 min before its breach, which
 * raises G3's alert to ORANGE (REPORT_CORROBORATED). Labels use {@link Label} with {@code scenario} and
 * {@code mineId} null, {@code subjectId} the alert subject and {@code sensorIds} every station the scenario
 * changes.
 */
public final class GasSimulator {
    private static final long SETTLE_SEC = 30 * 60;
    private static final long SLOT_MIN_SEC = 50 * 60;
    private static final double NEAR_M = 450;

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

    private final Config config;
    private final List<Stream> streams = new ArrayList<>();
    private final List<Event> reports = new ArrayList<>();
    private final List<Label> labels = new ArrayList<>();
    private final long startSec;
    private final long endSec;
    private final long period;

    public GasSimulator(Config config) {
        this(GasPoints.defaults(), config);
    }

    public GasSimulator(List<GasPoint> points, Config config) {
        this.config = config;
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
                    streams.add(new Stream(p, "PRESSURE_MPA", streams.size(), master.nextInt((int) period),
                            p.nominalPressureMPa(), master.nextLong()));
                }
            }
            streams.add(new Stream(p, "LEL_PCT", streams.size(), master.nextInt((int) period),
                    0.5 + master.nextDouble(), master.nextLong()));
        }
        if (config.scenarios()) {
            plan(points, new SplittableRandom(config.seed() ^ 0x6A5_0000_0001L));
        }
        reports.sort(Comparator.comparingLong(e -> e.ts));
    }

    /** Ground-truth labels, in scenario-id order. */
    public List<Label> labels() {
        return List.copyOf(labels);
    }

    // ------------------------------------------------------------------ model

    /** One measured series of one point. */
    private final class Stream {
        final GasPoint point;
        final String measure;
        final int index;
        final long phase;
        final double mean;
        final long noiseSeed;
        final List<Effect> effects = new ArrayList<>();

        Stream(GasPoint point, String measure, int index, int phase, double mean, long noiseSeed) {
            this.point = point;
            this.measure = measure;
            this.index = index;
            this.phase = phase;
            this.mean = mean;
            this.noiseSeed = noiseSeed;
        }

        boolean pressure() {
            return "PRESSURE_MPA".equals(measure);
        }

        double baseline(double g) {
            return pressure() ? mean * (1 + 0.01 * g) : Math.max(0, Math.min(3, mean + 0.5 * g));
        }

        long alignUp(long t) {
            long first = startSec + phase;
            return t <= first ? first : first + Math.floorDiv(t - first + period - 1, period) * period;
        }
    }

    /** A change of one stream's values over [from, to]: piecewise-linear absolute targets (NaN: baseline). */
    private record Effect(long[] times, double[] targets, double noiseScale) {
        long from() {
            return times[0];
        }

        long to() {
            return times[times.length - 1];
        }

        double apply(long t, double base, double g, Stream s) {
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

    private record Event(long ts, String line) {
    }

    // ------------------------------------------------------------------ planning

    private Stream stream(String stationId, String measure) {
        for (Stream s : streams) {
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

    private void plan(List<GasPoint> points, SplittableRandom rnd) {
        List<GasPoint> stations = new ArrayList<>();
        for (GasPoint p : points) {
            if (p.isRegulatorStation() && p.nominalPressureMPa() != null && nearest(p, points) != null) {
                stations.add(p);
            }
        }
        shuffle(stations, rnd);
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
        shuffle(order, rnd);
        long[] at = new long[5];
        for (int i = 0; i < 5; i++) {
            at[order.get(i)] = startSec + SETTLE_SEC + i * slot + 300;
        }
        labels.add(leak(leak, nearest(leak, points), at[0]));
        labels.add(drift(drift, at[1]));
        labels.addAll(breach(breach, at[2]));
        labels.add(spike(spike, nearest(spike, points), at[3]));
        labels.add(major(major, at[4]));
        labels.sort(Comparator.comparing(Label::scenarioId));
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rnd) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            T t = list.get(i);
            list.set(i, list.get(j));
            list.set(j, t);
        }
    }

    private Label leak(GasPoint station, GasPoint point, long at) {
        Stream p = stream(station.stationId(), "PRESSURE_MPA");
        long t0 = p.alignUp(at);
        double low = 0.85 * station.nominalPressureMPa();
        p.effects.add(new Effect(new long[] {t0, t0 + 180, t0 + 1500, t0 + 1800},
                new double[] {Double.NaN, low, low, Double.NaN}, 1));
        Stream g = stream(point.stationId(), "LEL_PCT");
        long g0 = g.alignUp(t0 + 120);
        g.effects.add(new Effect(new long[] {g0, g0 + 600, t0 + 1500, t0 + 1800},
                new double[] {Double.NaN, 30, 30, Double.NaN}, 1));
        return label("G1", station.stationId(), List.of(station.stationId(), point.stationId()), t0, t0 + 1800,
                "GAS_LEAK_SUSPECTED", "ORANGE", null);
    }

    private Label drift(GasPoint point, long at) {
        Stream g = stream(point.stationId(), "LEL_PCT");
        long t0 = g.alignUp(at);
        // recalibrated after the alarm: straight back to the baseline
        g.effects.add(new Effect(new long[] {t0, t0 + 2400, t0 + 2700, t0 + 2701},
                new double[] {Double.NaN, 28, 28, Double.NaN}, 0.5));
        return label("G2", point.stationId(), List.of(point.stationId()), t0, t0 + 2700, "GAS_LEL_LEVEL1",
                "YELLOW", null);
    }

    private List<Label> breach(GasPoint station, long at) {
        Stream p = stream(station.stationId(), "PRESSURE_MPA");
        long t0 = p.alignUp(at + 1200);
        double high = 1.12 * classMax(station.pressureClass());
        p.effects.add(new Effect(new long[] {t0, t0 + 120, t0 + 720, t0 + 840},
                new double[] {Double.NaN, high, high, Double.NaN}, 1));
        long r = at;
        reports.add(new Event(r, report("SIM-R2", station.stationId(), "GENERAL", r, "ENTERPRISE",
                "regulator-fault", "调压器指挥器膜片老化，出口压力波动")));
        List<String> ids = List.of(station.stationId());
        return List.of(
                label("G3", station.stationId(), ids, t0, t0 + 840, "GAS_PRESSURE_ABNORMAL", "YELLOW", null),
                label("R2", station.stationId(), ids, r, t0 + 840, "GAS_PRESSURE_ABNORMAL", "ORANGE", null));
    }

    private Label spike(GasPoint station, GasPoint point, long at) {
        Stream g = stream(point.stationId(), "LEL_PCT");
        long t0 = g.alignUp(at);
        g.effects.add(new Effect(new long[] {t0, t0}, new double[] {18, 18}, 0));
        Stream p = stream(station.stationId(), "PRESSURE_MPA");
        long t1 = p.alignUp(t0 + 1200);
        double dip = 0.86 * station.nominalPressureMPa();
        p.effects.add(new Effect(new long[] {t1, t1}, new double[] {dip, dip}, 0));
        return label("G4", station.stationId(), List.of(station.stationId(), point.stationId()), t0, t1,
                "GAS_LEAK_SUSPECTED", null, Boolean.TRUE);
    }

    private Label major(GasPoint station, long at) {
        reports.add(new Event(at, report("SIM-R1", station.stationId(), "MAJOR", at, "INSPECTOR",
                "pipe-corrosion", "进站管道严重腐蚀，壁厚减薄超过设计余量")));
        return label("R1", station.stationId(), List.of(station.stationId()), at, at, "REPORT_MAJOR_HAZARD",
                "ORANGE", null);
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

    private static Label label(String id, String subject, List<String> ids, long from, long to, String rule,
                               String minLevel, Boolean expectNoAlert) {
        return new Label(id, null, null, subject, null, null, List.copyOf(ids), MineSimulator.formatTs(from),
                MineSimulator.formatTs(to), rule, minLevel, expectNoAlert);
    }

    private static String report(String id, String subject, String severity, long ts, String source,
                                 String category, String text) {
        return "{\"type\":\"hazard.report\",\"ts\":\"" + MineSimulator.formatTs(ts) + "\",\"reportId\":\"" + id
                + "\",\"source\":\"" + source + "\",\"subjectId\":\"" + subject + "\",\"severity\":\"" + severity
                + "\",\"category\":\"" + category + "\",\"text\":\"" + text + "\"}";
    }

    // ------------------------------------------------------------------ generation

    /** A fresh lazy iterator over the message lines (no trailing newline); each call starts over. */
    public Iterator<String> lines() {
        return new Generator();
    }

    /** Writes every message line, each ending in '\n'; returns the number written. */
    public long write(Writer out) throws IOException {
        long n = 0;
        for (Iterator<String> it = lines(); it.hasNext(); n++) {
            out.write(it.next());
            out.write('\n');
        }
        out.flush();
        return n;
    }

    /** Writes the labels, one JSON object per line. */
    public void writeLabels(Writer out) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        for (Label l : labels) {
            out.write(mapper.writeValueAsString(l));
            out.write('\n');
        }
        out.flush();
    }

    private static final class Cursor {
        final Stream s;
        final SplittableRandom rng;
        long next;

        Cursor(Stream s, long first) {
            this.s = s;
            this.rng = new SplittableRandom(s.noiseSeed);
            this.next = first;
        }

        /** Clipped standard normal (Box-Muller with StrictMath: the same numbers on every JVM). */
        double gaussian() {
            double u1 = 1.0 - rng.nextDouble();
            double u2 = rng.nextDouble();
            double g = StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
            return Math.max(-2.5, Math.min(2.5, g));
        }
    }

    private final class Generator implements Iterator<String> {
        private final PriorityQueue<Cursor> queue = new PriorityQueue<>(
                Comparator.<Cursor>comparingLong(c -> c.next).thenComparingInt(c -> c.s.index));
        private int report;
        private String ready;

        Generator() {
            for (Stream s : streams) {
                queue.add(new Cursor(s, startSec + s.phase));
            }
        }

        @Override
        public boolean hasNext() {
            if (ready != null) {
                return true;
            }
            Cursor c = queue.peek();
            boolean more = c != null && c.next < endSec;
            if (report < reports.size() && reports.get(report).ts < endSec
                    && (!more || reports.get(report).ts <= c.next)) {
                ready = reports.get(report++).line();
                return true;
            }
            if (!more) {
                return false;
            }
            queue.poll();
            ready = reading(c, c.next);
            c.next += period;
            queue.add(c);
            return true;
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String r = ready;
            ready = null;
            return r;
        }

        private String reading(Cursor c, long t) {
            Stream s = c.s;
            double g = c.gaussian(); // drawn every cycle, so scenarios never shift later noise
            double v = s.baseline(g);
            for (Effect e : s.effects) {
                if (t >= e.from() && t <= e.to()) {
                    v = e.apply(t, s.pressure() ? s.mean : v, g, s);
                }
            }
            v = Math.max(0, v);
            String value = s.pressure() ? String.format(Locale.ROOT, "%.4f", v)
                    : String.format(Locale.ROOT, "%.1f", Math.min(100, v));
            return "{\"type\":\"gas.reading\",\"ts\":\"" + MineSimulator.formatTs(t) + "\",\"stationId\":\""
                    + s.point.stationId() + "\",\"measure\":\"" + s.measure + "\",\"value\":" + value + "}";
        }
    }
}
