package jilin.ew.sim;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import jilin.ew.seeds.Mine;
import jilin.ew.seeds.MineStatus;
import jilin.ew.seeds.SeedCatalog;
import jilin.ew.seeds.SensorPoint;

/**
 * Deterministic generator of {@code mine.reading} messages (JSON lines) with injected, labelled scenarios
 * (planned by {@link MineScenarioPlanner}).
 *
 * <p>Same catalog and config give byte-identical output. Every sensor reports once per polling cycle at its
 * own phase offset; lines come lazily in event-time order (then, with jitter, locally shuffled).
 */
public final class MineSimulator implements Simulator {
    private static final long JITTER_SALT = 0x6A17_7E55_0F0F_1234L;
    private static final long PLAN_SALT = 0x5CE4_A410_0000_0001L;

    private final MineSimConfig config;
    private final List<Mine> mines;
    private final List<MineSensorModel> models = new ArrayList<>();
    private final List<ScenarioLabel> labels;
    private final long endSec;
    private final long period;

    /** A simulator over the seeds shipped on the classpath. */
    public MineSimulator(MineSimConfig config) {
        this(SeedCatalog.fromClasspath(), config);
    }

    public MineSimulator(SeedCatalog catalog, MineSimConfig config) {
        this.config = config;
        long startSec = config.start().getEpochSecond();
        this.endSec = startSec + config.duration().getSeconds();
        this.period = config.pollingCycle().getSeconds();
        this.mines = selectMines(catalog, config);
        Map<String, MineSensorModel> modelById = new HashMap<>();
        SplittableRandom master = new SplittableRandom(config.seed());
        for (Mine m : mines) {
            for (SensorPoint p : catalog.sensorsOfMine(m.mineId())) {
                // Per-sensor streams: a scenario on one sensor never shifts another sensor's noise.
                MineSensorModel sm = new MineSensorModel(p, m, models.size(), master.nextInt((int) period),
                        master.nextLong(), new SplittableRandom(master.nextLong()), startSec, period);
                models.add(sm);
                modelById.put(p.sensorId(), sm);
            }
        }
        this.labels = List.copyOf(new MineScenarioPlanner(new SplittableRandom(config.seed() ^ PLAN_SALT),
                config.scenarios(), mines, models, modelById, startSec, endSec, period).plan());
        for (MineSensorModel sm : models) {
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
    @Override
    public List<ScenarioLabel> labels() {
        return labels;
    }

    /** A fresh lazy iterator over the message lines (no trailing newline); each call starts over. */
    @Override
    public Iterator<String> lines() {
        List<Reader> readers = new ArrayList<>(models.size());
        TsCache ts = new TsCache();
        for (MineSensorModel m : models) {
            readers.add(new Reader(m, ts));
        }
        Iterator<String> merged = new TimeMerge(readers);
        long jitterSec = config.jitter().getSeconds();
        return jitterSec > 0 ? new Jitter(merged, jitterSec, new SplittableRandom(config.seed() ^ JITTER_SALT))
                : merged;
    }

    /** Writes the labels, one JSON object per line, without the domain: the form this file has always had. */
    @Override
    public void writeLabels(Writer out) throws IOException {
        Simulator.writeLabels(labels, LabelJson.WITHOUT_DOMAIN, out);
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

    private static void ensure(List<Mine> out, List<Mine> all, Predicate<Mine> want, Predicate<Mine> keep) {
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

    /** The formatted time of the second being written, shared by every sensor of one iterator. */
    private static final class TsCache {
        long sec = Long.MIN_VALUE;
        String text;
        final StringBuilder sb = new StringBuilder(128);

        String format(long t) {
            if (t != sec) {
                sec = t;
                text = SimTime.format(t);
            }
            return text;
        }
    }

    /** One sensor's readings over the run, as a timeline of the merge. */
    private final class Reader implements TimeMerge.Timeline {
        private final MineSensorModel m;
        private final SplittableRandom rng;
        private final TsCache ts;
        private long next;
        private int effect;
        private double last = Double.NaN;
        private int same;

        Reader(MineSensorModel m, TsCache ts) {
            this.m = m;
            this.rng = new SplittableRandom(m.noiseSeed);
            this.ts = ts;
            this.next = m.firstReading();
        }

        @Override
        public long nextTs() {
            return next < endSec ? next : TimeMerge.DONE;
        }

        @Override
        public int rank() {
            return m.index;
        }

        @Override
        public String take() {
            String line = reading(next);
            next += period;
            return line;
        }

        private String reading(long t) {
            double noise = m.sd * Randoms.gaussian(rng); // drawn every cycle, so scenarios never shift later noise
            double base = m.baseMean(t);
            while (effect < m.effects.size() && m.effects.get(effect).to < t) {
                effect++;
            }
            MineEffect e = effect < m.effects.size() && m.effects.get(effect).from <= t ? m.effects.get(effect) : null;
            double value;
            String status = "OK";
            if (e == null) {
                value = m.round(Math.max(0, base + noise));
                if (value == last && ++same >= 20) {
                    // Noise alone may repeat a rounded value; a real sensor never holds for long, so nudge.
                    value = m.round(value + (value > base ? -m.unit() : m.unit()));
                    same = 0;
                }
            } else {
                MineEffect.Sample smp = e.apply(m, t, base, noise);
                if (smp == null) {
                    return null;
                }
                value = smp.exact() ? smp.value() : m.round(Math.max(0, smp.value()));
                status = smp.status();
            }
            if (value != last) {
                same = 0;
            }
            last = value;
            StringBuilder sb = ts.sb;
            sb.setLength(0);
            sb.append("{\"type\":\"mine.reading\",\"ts\":\"").append(ts.format(t))
                    .append("\",\"sensorId\":\"").append(m.id())
                    .append("\",\"value\":").append(value)
                    .append(",\"status\":\"").append(status).append("\"}");
            return sb.toString();
        }
    }
}
