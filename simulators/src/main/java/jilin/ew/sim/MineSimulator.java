package jilin.ew.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import jilin.ew.seeds.GasClass;
import jilin.ew.seeds.Mine;
import jilin.ew.seeds.MineStatus;
import jilin.ew.seeds.SeedCatalog;
import jilin.ew.seeds.SensorKind;
import jilin.ew.seeds.SensorLocation;
import jilin.ew.seeds.SensorPoint;

/**
 * Deterministic generator of {@code mine.reading} messages (JSON lines) with injected, labelled scenarios.
 *
 * <p>Same catalog and config give byte-identical output. Every sensor reports once per polling cycle at its
 * own phase offset; lines come lazily in event-time order (then, with jitter, locally shuffled).
 */
public final class MineSimulator {
    static final ZoneOffset JILIN = ZoneOffset.ofHours(8);
    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final long SHIFT_SEC = 8 * 3600;
    private static final long SETTLE_SEC = 30 * 60;
    private static final long JITTER_SALT = 0x6A17_7E55_0F0F_1234L;
    private static final long PLAN_SALT = 0x5CE4_A410_0000_0001L;

    private final MineSimConfig config;
    private final List<Mine> mines;
    private final List<SensorModel> models = new ArrayList<>();
    private final Map<String, SensorModel> modelById = new HashMap<>();
    private final List<Label> labels;
    private final long startSec;
    private final long endSec;
    private final long period;

    /** A simulator over the seeds shipped on the classpath. */
    public MineSimulator(MineSimConfig config) {
        this(SeedCatalog.fromClasspath(), config);
    }

    public MineSimulator(SeedCatalog catalog, MineSimConfig config) {
        this.config = config;
        this.startSec = config.start().getEpochSecond();
        this.endSec = startSec + config.duration().getSeconds();
        this.period = config.pollingCycle().getSeconds();
        this.mines = selectMines(catalog, config);
        SplittableRandom master = new SplittableRandom(config.seed());
        for (Mine m : mines) {
            for (SensorPoint p : catalog.sensorsOfMine(m.mineId())) {
                // Per-sensor streams: a scenario on one sensor never shifts another sensor's noise.
                SensorModel sm = new SensorModel(p, m, models.size(), master.nextInt((int) period),
                        master.nextLong(), new SplittableRandom(master.nextLong()));
                models.add(sm);
                modelById.put(p.sensorId(), sm);
            }
        }
        this.labels = List.copyOf(new Planner(new SplittableRandom(config.seed() ^ PLAN_SALT)).plan());
        for (SensorModel sm : models) {
            sm.effects.sort(Comparator.comparingLong(e -> e.from));
        }
    }

    /** The mines simulated, in output order. */
    public List<String> mineIds() {
        return mines.stream().map(Mine::mineId).toList();
    }

    /** Number of sensors reporting. */
    public int sensorCount() {
        return models.size();
    }

    /** Ground-truth labels of the injected scenarios, in scenario-id order. */
    public List<Label> labels() {
        return labels;
    }

    /** A fresh lazy iterator over the message lines (no trailing newline); each call starts over. */
    public Iterator<String> lines() {
        Iterator<Pending> raw = new Generator();
        long jitterSec = config.jitter().getSeconds();
        return jitterSec > 0 ? new Jitter(raw, jitterSec, new SplittableRandom(config.seed() ^ JITTER_SALT))
                : new Iterator<>() {
                    public boolean hasNext() { return raw.hasNext(); }
                    public String next() { return raw.next().line(); }
                };
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

    static String formatTs(long epochSec) {
        return TS.format(OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSec), JILIN));
    }

    private static List<Mine> selectMines(SeedCatalog catalog, MineSimConfig config) {
        if (!config.mineIds().isEmpty()) {
            List<Mine> out = new ArrayList<>();
            for (String id : new LinkedHashSet<>(config.mineIds())) {
                out.add(catalog.mine(id).orElseThrow(() -> new IllegalArgumentException("unknown mine " + id)));
            }
            return out;
        }
        List<Mine> all = catalog.mines();
        List<Mine> out = new ArrayList<>(all.subList(0, Math.min(config.mineCount(), all.size())));
        // The default run must exercise shutdown-mine and disaster-mine handling.
        ensure(out, all, m -> m.status() == MineStatus.SHUTDOWN_LONG_TERM, m -> false);
        ensure(out, all, Mine::disasterMine, m -> m.status() == MineStatus.SHUTDOWN_LONG_TERM);
        return out;
    }

    private static void ensure(List<Mine> out, List<Mine> all, java.util.function.Predicate<Mine> want,
                               java.util.function.Predicate<Mine> keep) {
        if (out.stream().anyMatch(want) || out.size() < 2) {
            return;
        }
        all.stream().filter(want).filter(m -> !out.contains(m)).findFirst().ifPresent(m -> {
            for (int i = out.size() - 1; i >= 0; i--) {
                if (!keep.test(out.get(i))) {
                    out.set(i, m);
                    return;
                }
            }
        });
    }

    // ---------------------------------------------------------------- sensor model

    /** Baseline parameters of one sensor; values = mean + amp * shiftShape(t) + noise. */
    final class SensorModel {
        final SensorPoint point;
        final Mine mine;
        final int index;
        final long phase;
        final long noiseSeed;
        final double mean;
        final double amp;
        final double sd;
        final int decimals;
        final List<Effect> effects = new ArrayList<>();

        SensorModel(SensorPoint point, Mine mine, int index, int phase, long noiseSeed, SplittableRandom r) {
            this.point = point;
            this.mine = mine;
            this.index = index;
            this.phase = phase;
            this.noiseSeed = noiseSeed;
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

    // ---------------------------------------------------------------- effects

    /** What a scenario does to one sensor's readings between {@code from} and {@code to} (inclusive). */
    abstract static class Effect {
        final long from;
        final long to;

        Effect(long from, long to) {
            this.from = from;
            this.to = to;
        }

        /**
         * @param base  the deterministic baseline at t; {@code noise} the sensor's noise draw at t
         * @return the reading, or null to skip it
         */
        abstract Sample apply(SensorModel m, long t, double base, double noise);
    }

    record Sample(double value, String status, boolean exact) {
    }

    /** Piecewise-linear offset over the baseline, with damped noise. */
    static final class Profile extends Effect {
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
        Sample apply(SensorModel m, long t, double base, double noise) {
            return new Sample(base + delta(t) + noise * noiseScale, "OK", false);
        }
    }

    /** No readings at all between from and to. */
    static final class Silence extends Effect {
        Silence(long from, long to) {
            super(from, to);
        }

        @Override
        Sample apply(SensorModel m, long t, double base, double noise) {
            return null;
        }
    }

    /** The same value from {@code from} to {@code to}; the readings just outside are kept different. */
    static final class Stuck extends Effect {
        final double value;
        final long period;

        Stuck(long from, long to, double value, long period) {
            super(from - period, to + period);
            this.value = value;
            this.period = period;
        }

        @Override
        Sample apply(SensorModel m, long t, double base, double noise) {
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
    static final class Calibration extends Effect {
        Calibration(long from, long to) {
            super(from, to);
        }

        @Override
        Sample apply(SensorModel m, long t, double base, double noise) {
            double f = Math.min(1.0, (t - from) / 60.0);
            double v = Math.max(1.5, Math.min(2.0, 1.55 + 0.37 * f + noise));
            return new Sample(v, "CALIBRATING", false);
        }
    }

    // ---------------------------------------------------------------- planning

    private final class Planner {
        private final SplittableRandom rnd;
        private final Map<String, List<long[]>> busy = new HashMap<>();
        private final Set<String> used = new LinkedHashSet<>();

        Planner(SplittableRandom rnd) {
            this.rnd = rnd;
        }

        List<Label> plan() {
            List<ScenarioKind> kinds = new ArrayList<>(config.scenarios());
            kinds.sort(Comparator.naturalOrder());
            if (kinds.isEmpty()) {
                return List.of();
            }
            // Times: the run after the settling half hour is cut into one slot per scenario, slots shuffled.
            List<ScenarioKind> order = new ArrayList<>(kinds);
            for (int i = order.size() - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                ScenarioKind tmp = order.get(i);
                order.set(i, order.get(j));
                order.set(j, tmp);
            }
            long wStart = startSec + SETTLE_SEC;
            long wEnd = endSec - 2 * period;
            long slot = Math.max(0, (wEnd - wStart) / order.size());
            Map<ScenarioKind, Long> when = new EnumMap<>(ScenarioKind.class);
            for (int j = 0; j < order.size(); j++) {
                ScenarioKind k = order.get(j);
                long dur = nominal(k);
                long s = wStart + j * slot + (long) (rnd.nextDouble() * Math.max(0, slot - dur));
                if (s + dur > wEnd) {
                    s = wEnd - dur;
                }
                if (s >= wStart) {
                    when.put(k, s);
                }
            }
            // Mines: most constrained first; an unused mine when there is one, never overlapping on a mine.
            List<ScenarioKind> assign = new ArrayList<>();
            for (ScenarioKind k : List.of(ScenarioKind.SHUTDOWN_ACTIVITY, ScenarioKind.OUTBURST_PRECURSOR)) {
                if (when.containsKey(k)) {
                    assign.add(k);
                }
            }
            for (ScenarioKind k : kinds) {
                if (when.containsKey(k) && !assign.contains(k)) {
                    assign.add(k);
                }
            }
            Map<ScenarioKind, Label> out = new EnumMap<>(ScenarioKind.class);
            for (ScenarioKind k : assign) {
                long s = when.get(k);
                Mine m = pickMine(k, s, s + nominal(k));
                if (m == null) {
                    continue;
                }
                Label l = build(k, m, s);
                if (l != null) {
                    out.put(k, l);
                    used.add(m.mineId());
                    busy.computeIfAbsent(m.mineId(), x -> new ArrayList<>())
                            .add(new long[] {s, s + nominal(k)});
                }
            }
            return new ArrayList<>(out.values());
        }

        /** Upper bound of the scenario's length in seconds, for scheduling. */
        private long nominal(ScenarioKind k) {
            return switch (k) {
                case VENTILATION_FAILURE -> 2000 + period;
                case OUTBURST_PRECURSOR -> 20 * period + 660;
                case DISTRICT_EVENT -> 900 + period;
                case SILENT_SENSOR -> 1200 + 2 * period;
                case STUCK_SENSOR -> 2400 + 3 * period;
                case CALIBRATION -> 300 + 2 * period;
                case CO_WITH_TEMP -> 1980 + 2 * period;
                case SHUTDOWN_ACTIVITY -> 3000 + 2 * period;
            };
        }

        private Mine pickMine(ScenarioKind k, long from, long to) {
            List<List<Mine>> tiers = new ArrayList<>();
            List<java.util.function.Predicate<Mine>> prefs = k == ScenarioKind.OUTBURST_PRECURSOR
                    ? List.of(m -> m.gasClass() == GasClass.OUTBURST, m -> m.gasClass() == GasClass.HIGH_GAS, m -> true)
                    : List.of(m -> true);
            for (boolean fresh : new boolean[] {true, false}) {
                for (var pref : prefs) {
                    List<Mine> tier = new ArrayList<>();
                    for (Mine m : mines) {
                        boolean fits = k == ScenarioKind.SHUTDOWN_ACTIVITY
                                ? m.status() == MineStatus.SHUTDOWN_LONG_TERM : !m.status().isIdle();
                        if (fits && pref.test(m) && used.contains(m.mineId()) != fresh && free(m, from, to)
                                && hasSensors(k, m)) {
                            tier.add(m);
                        }
                    }
                    tiers.add(tier);
                }
            }
            for (List<Mine> tier : tiers) {
                if (!tier.isEmpty()) {
                    return tier.get(rnd.nextInt(tier.size()));
                }
            }
            return null;
        }

        private boolean free(Mine m, long from, long to) {
            for (long[] w : busy.getOrDefault(m.mineId(), List.of())) {
                if (from < w[1] + 600 && w[0] < to + 600) {
                    return false;
                }
            }
            return true;
        }

        private boolean hasSensors(ScenarioKind k, Mine m) {
            String p = m.mineId() + "-";
            return switch (k) {
                case OUTBURST_PRECURSOR -> modelById.containsKey(p + "HD1-T1");
                case SHUTDOWN_ACTIVITY -> modelById.containsKey(p + "WF1-T1");
                case CALIBRATION -> !calibrationCandidates(m).isEmpty();
                case SILENT_SENSOR -> !t2Candidates(m).isEmpty();
                default -> !wfDistricts(m).isEmpty();
            };
        }

        /** Working-face districts that have the full set of six sensors. */
        private List<String> wfDistricts(Mine m) {
            List<String> out = new ArrayList<>();
            for (String d : List.of("WF1", "WF2", "WF3")) {
                String p = m.mineId() + "-" + d + "-";
                if (modelById.containsKey(p + "T0") && modelById.containsKey(p + "T1") && modelById.containsKey(p + "T2")
                        && modelById.containsKey(p + "CO") && modelById.containsKey(p + "TEMP")) {
                    out.add(d);
                }
            }
            return out;
        }

        private List<SensorModel> t2Candidates(Mine m) {
            return models.stream().filter(s -> s.mine == m && s.point.kind() == SensorKind.CH4
                    && s.id().endsWith("-T2")).toList();
        }

        private List<SensorModel> calibrationCandidates(Mine m) {
            return models.stream().filter(s -> s.mine == m && s.point.kind() == SensorKind.CH4
                    && s.point.location() != SensorLocation.INTAKE).toList();
        }

        private <T> T pick(List<T> list) {
            return list.get(rnd.nextInt(list.size()));
        }

        private Label build(ScenarioKind k, Mine m, long at) {
            String mineId = m.mineId();
            switch (k) {
                case VENTILATION_FAILURE -> {
                    SensorModel s = modelById.get(mineId + "-" + pick(wfDistricts(m)) + "-T1");
                    // 0.12 %/min: far below the 0.5 %/min rapid-rise rate, yet 1.0 -> 1.5 takes ~4 min.
                    long t0 = s.alignUp(at);
                    double v0 = s.baseMean(t0);
                    long t1 = t0 + Math.round((1.8 - v0) / 0.12 * 60);
                    long t2 = t1 + 300;
                    long t3 = t2 + 600;
                    long t4 = t3 + 120;
                    Profile p = profile(s, new long[] {t0, t1, t2, t3, t4},
                            new double[] {Double.NaN, 1.8, 1.8, 0.45, Double.NaN}, 0.5);
                    return label(k, m, s.id(), s.id(), null, List.of(s.id()), t0, s.alignDown(p.to));
                }
                case OUTBURST_PRECURSOR -> {
                    SensorModel s = modelById.get(mineId + "-HD1-T1");
                    long t0 = s.alignUp(at);
                    double v0 = s.baseMean(t0);
                    // ~0.7 %/min for >= 4 rises, stopping at 1.40: past the alarm, short of the 1.5 power cut.
                    int n = (int) Math.max(4, Math.round((1.40 - v0) / (0.7 * period / 60.0)));
                    long[] times = new long[n + 2];
                    double[] targets = new double[n + 2];
                    for (int i = 0; i <= n; i++) {
                        times[i] = t0 + i * period;
                        targets[i] = i == 0 ? Double.NaN : v0 + (1.40 - v0) * i / n;
                    }
                    times[n + 1] = times[n] + 600;
                    targets[n + 1] = Double.NaN;
                    Profile p = profile(s, times, targets, 0.2);
                    return label(k, m, s.id(), s.id(), null, List.of(s.id()), t0, s.alignDown(p.to));
                }
                case DISTRICT_EVENT -> {
                    String d = pick(wfDistricts(m));
                    List<String> ids = new ArrayList<>();
                    long first = Long.MAX_VALUE;
                    long last = Long.MIN_VALUE;
                    for (String code : List.of("T0", "T1", "T2")) {
                        SensorModel s = modelById.get(mineId + "-" + d + "-" + code);
                        // Starts within 90 s of each other: the 1.0 crossings land well inside 2 min.
                        long t0 = s.alignUp(at + rnd.nextInt(91));
                        Profile p = profile(s, new long[] {t0, t0 + 180, t0 + 540, t0 + 780},
                                new double[] {Double.NaN, 1.2, 1.2, Double.NaN}, 0.5);
                        ids.add(s.id());
                        first = Math.min(first, t0);
                        last = Math.max(last, s.alignDown(p.to));
                    }
                    return label(k, m, mineId + "/" + d, null, d, ids, first, last);
                }
                case SILENT_SENSOR -> {
                    SensorModel s = pick(t2Candidates(m));
                    long g = s.alignUp(at + period);
                    long resume = s.alignUp(g + 1200);
                    s.effects.add(new Silence(g, resume - 1));
                    return label(k, m, s.id(), s.id(), null, List.of(s.id()), g - period, resume);
                }
                case STUCK_SENSOR -> {
                    String d = pick(wfDistricts(m));
                    SensorModel s = modelById.get(mineId + "-" + d + "-" + (rnd.nextBoolean() ? "T0" : "T1"));
                    long t0 = s.alignUp(at + period);
                    long t1 = s.alignDown(t0 + 2400);
                    s.effects.add(new Stuck(t0, t1, s.round(s.baseMean(t0)), period));
                    return label(k, m, s.id(), s.id(), null, List.of(s.id()), t0, t1);
                }
                case CALIBRATION -> {
                    SensorModel s = pick(calibrationCandidates(m));
                    long t0 = s.alignUp(at);
                    long t1 = s.alignDown(t0 + 300);
                    s.effects.add(new Calibration(t0, t1));
                    return label(k, m, s.id(), s.id(), null, List.of(s.id()), t0, t1);
                }
                case CO_WITH_TEMP -> {
                    String d = pick(wfDistricts(m));
                    SensorModel co = modelById.get(mineId + "-" + d + "-CO");
                    SensorModel temp = modelById.get(mineId + "-" + d + "-TEMP");
                    long c0 = co.alignUp(at);
                    Profile pc = profile(co, new long[] {c0, c0 + 900, c0 + 1080, c0 + 1980},
                            new double[] {Double.NaN, 40.0, 40.0, Double.NaN}, 1.0);
                    long h0 = temp.alignUp(at);
                    Profile pt = new Profile(new long[] {h0, h0 + 900, h0 + 1080, h0 + 1980},
                            new double[] {0, 3.0, 3.0, 0}, 1.0);
                    temp.effects.add(pt);
                    return label(k, m, co.id(), co.id(), d, List.of(co.id(), temp.id()), Math.min(c0, h0),
                            Math.max(co.alignDown(pc.to), temp.alignDown(pt.to)));
                }
                case SHUTDOWN_ACTIVITY -> {
                    SensorModel s = modelById.get(mineId + "-WF1-T1");
                    long t0 = s.alignUp(at);
                    Profile p = profile(s, new long[] {t0, t0 + 1200, t0 + 2400, t0 + 3000},
                            new double[] {Double.NaN, 0.6, 0.6, Double.NaN}, 1.0);
                    return label(k, m, s.id(), s.id(), null, List.of(s.id()), t0, s.alignDown(p.to));
                }
                default -> {
                    return null;
                }
            }
        }

        /** A profile reaching absolute targets (NaN = the baseline itself) at the given times. */
        private Profile profile(SensorModel s, long[] times, double[] targets, double noiseScale) {
            double[] deltas = new double[times.length];
            for (int i = 0; i < times.length; i++) {
                deltas[i] = Double.isNaN(targets[i]) ? 0 : targets[i] - s.baseMean(times[i]);
            }
            Profile p = new Profile(times, deltas, noiseScale);
            s.effects.add(p);
            return p;
        }

        private Label label(ScenarioKind k, Mine m, String subject, String sensor, String district,
                            List<String> ids, long from, long to) {
            return new Label(k.scenarioId(), k, m.mineId(), subject, sensor, district, List.copyOf(ids),
                    formatTs(from), formatTs(to), k.ruleId(), k.minLevel(),
                    k == ScenarioKind.CALIBRATION ? Boolean.TRUE : null);
        }
    }

    // ---------------------------------------------------------------- generation

    record Pending(long ts, double key, long seq, String line) {
    }

    /** Per-run state of one sensor. */
    private static final class SensorState {
        final SensorModel m;
        final SplittableRandom rng;
        long next;
        int effect;
        double last = Double.NaN;
        int same;

        SensorState(SensorModel m) {
            this.m = m;
            this.rng = new SplittableRandom(m.noiseSeed);
            this.next = m.firstReading();
        }

        /** Clipped standard normal (Box-Muller with StrictMath, so every JVM gives the same numbers). */
        double gaussian() {
            double u1 = 1.0 - rng.nextDouble();
            double u2 = rng.nextDouble();
            double g = StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
            return Math.max(-2.5, Math.min(2.5, g));
        }
    }

    private final class Generator implements Iterator<Pending> {
        private final PriorityQueue<SensorState> queue = new PriorityQueue<>(
                Comparator.<SensorState>comparingLong(s -> s.next).thenComparingInt(s -> s.m.index));
        private final StringBuilder sb = new StringBuilder(128);
        private Pending ready;
        private long seq;
        private long cachedSec = Long.MIN_VALUE;
        private String cachedTs;

        Generator() {
            for (SensorModel m : models) {
                queue.add(new SensorState(m));
            }
        }

        @Override
        public boolean hasNext() {
            while (ready == null) {
                SensorState s = queue.peek();
                if (s == null || s.next >= endSec) {
                    return false;
                }
                queue.poll();
                ready = reading(s, s.next);
                s.next += period;
                queue.add(s);
            }
            return true;
        }

        @Override
        public Pending next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Pending p = ready;
            ready = null;
            return p;
        }

        private Pending reading(SensorState s, long t) {
            SensorModel m = s.m;
            double noise = m.sd * s.gaussian(); // drawn every cycle, so scenarios never shift later noise
            double base = m.baseMean(t);
            while (s.effect < m.effects.size() && m.effects.get(s.effect).to < t) {
                s.effect++;
            }
            Effect e = s.effect < m.effects.size() && m.effects.get(s.effect).from <= t
                    ? m.effects.get(s.effect) : null;
            double value;
            String status = "OK";
            if (e == null) {
                value = m.round(Math.max(0, base + noise));
                if (value == s.last && ++s.same >= 20) {
                    // Noise alone may repeat a rounded value; a real sensor never holds for long, so nudge.
                    value = m.round(value + (value > base ? -m.unit() : m.unit()));
                    s.same = 0;
                }
            } else {
                Sample smp = e.apply(m, t, base, noise);
                if (smp == null) {
                    return null;
                }
                value = smp.exact() ? smp.value() : m.round(Math.max(0, smp.value()));
                status = smp.status();
            }
            if (value != s.last) {
                s.same = 0;
            }
            s.last = value;
            return new Pending(t, t, seq++, line(t, m.id(), value, status));
        }

        private String line(long t, String sensorId, double value, String status) {
            if (t != cachedSec) {
                cachedSec = t;
                cachedTs = formatTs(t);
            }
            sb.setLength(0);
            sb.append("{\"type\":\"mine.reading\",\"ts\":\"").append(cachedTs)
                    .append("\",\"sensorId\":\"").append(sensorId)
                    .append("\",\"value\":").append(value)
                    .append(",\"status\":\"").append(status).append("\"}");
            return sb.toString();
        }
    }

    /** Moves each message up to {@code jitter} seconds of event time later in the output. */
    private static final class Jitter implements Iterator<String> {
        private final Iterator<Pending> in;
        private final long jitter;
        private final SplittableRandom rnd;
        private final PriorityQueue<Pending> buffer = new PriorityQueue<>(
                Comparator.comparingDouble(Pending::key).thenComparingLong(Pending::seq));

        Jitter(Iterator<Pending> in, long jitter, SplittableRandom rnd) {
            this.in = in;
            this.jitter = jitter;
            this.rnd = rnd;
        }

        @Override
        public boolean hasNext() {
            // Keys are ts + U(0, jitter) >= ts, so nothing still to come can sort before a key <= the newest ts.
            while (in.hasNext()) {
                Pending head = buffer.peek();
                if (head != null && head.key() <= lastTs) {
                    return true;
                }
                Pending p = in.next();
                lastTs = p.ts();
                buffer.add(new Pending(p.ts(), p.ts() + rnd.nextDouble() * jitter, p.seq(), p.line()));
            }
            return !buffer.isEmpty();
        }

        private long lastTs = Long.MIN_VALUE;

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.poll().line();
        }
    }
}
