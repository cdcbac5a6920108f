package jilin.ew.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import jilin.ew.seeds.GasClass;
import jilin.ew.seeds.Mine;
import jilin.ew.seeds.MineStatus;
import jilin.ew.seeds.SensorKind;
import jilin.ew.seeds.SensorLocation;

/**
 * Places the mine scenarios: one time slot each after the settling half hour (slots shuffled), on a mine that fits
 * (an unused one when there is one, never two at once on a mine), and adds their effects to the sensors.
 */
final class MineScenarioPlanner {
    private static final long SETTLE_SEC = 30 * 60;

    private final SplittableRandom rnd;
    private final Set<Scenario> scenarios;
    private final List<Mine> mines;
    private final List<MineSensorModel> models;
    private final Map<String, MineSensorModel> modelById;
    private final long startSec;
    private final long endSec;
    private final long period;
    private final Map<String, List<long[]>> busy = new HashMap<>();
    private final Set<String> used = new LinkedHashSet<>();

    MineScenarioPlanner(SplittableRandom rnd, Set<Scenario> scenarios, List<Mine> mines, List<MineSensorModel> models,
                        Map<String, MineSensorModel> modelById, long startSec, long endSec, long period) {
        this.rnd = rnd;
        this.scenarios = scenarios;
        this.mines = mines;
        this.models = models;
        this.modelById = modelById;
        this.startSec = startSec;
        this.endSec = endSec;
        this.period = period;
    }

    /** The labels of the scenarios placed, in scenario-id order. */
    List<ScenarioLabel> plan() {
        List<Scenario> kinds = new ArrayList<>(scenarios);
        kinds.sort(Comparator.naturalOrder());
        if (kinds.isEmpty()) {
            return List.of();
        }
        // Times: the run after the settling half hour is cut into one slot per scenario, slots shuffled.
        List<Scenario> order = new ArrayList<>(kinds);
        Randoms.shuffle(order, rnd);
        long wStart = startSec + SETTLE_SEC;
        long wEnd = endSec - 2 * period;
        long slot = Math.max(0, (wEnd - wStart) / order.size());
        Map<Scenario, Long> when = new EnumMap<>(Scenario.class);
        for (int j = 0; j < order.size(); j++) {
            Scenario k = order.get(j);
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
        List<Scenario> assign = new ArrayList<>();
        for (Scenario k : List.of(Scenario.SHUTDOWN_ACTIVITY, Scenario.OUTBURST_PRECURSOR)) {
            if (when.containsKey(k)) {
                assign.add(k);
            }
        }
        for (Scenario k : kinds) {
            if (when.containsKey(k) && !assign.contains(k)) {
                assign.add(k);
            }
        }
        Map<Scenario, ScenarioLabel> out = new EnumMap<>(Scenario.class);
        for (Scenario k : assign) {
            long s = when.get(k);
            Mine m = pickMine(k, s, s + nominal(k));
            if (m == null) {
                continue;
            }
            ScenarioLabel l = build(k, m, s);
            if (l != null) {
                out.put(k, l);
                used.add(m.mineId());
                busy.computeIfAbsent(m.mineId(), x -> new ArrayList<>()).add(new long[] {s, s + nominal(k)});
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Upper bound of the scenario's length in seconds, for scheduling. */
    private long nominal(Scenario k) {
        return switch (k) {
            case VENTILATION_FAILURE -> 2000 + period;
            case OUTBURST_PRECURSOR -> 20 * period + 660;
            case DISTRICT_EVENT -> 900 + period;
            case SILENT_SENSOR -> 1200 + 2 * period;
            case STUCK_SENSOR -> 2400 + 3 * period;
            case CALIBRATION -> 300 + 2 * period;
            case CO_WITH_TEMP -> 1980 + 2 * period;
            case SHUTDOWN_ACTIVITY -> 3000 + 2 * period;
            default -> throw new IllegalArgumentException("not a mine scenario: " + k);
        };
    }

    private Mine pickMine(Scenario k, long from, long to) {
        List<List<Mine>> tiers = new ArrayList<>();
        List<Predicate<Mine>> prefs = k == Scenario.OUTBURST_PRECURSOR
                ? List.of(m -> m.gasClass() == GasClass.OUTBURST, m -> m.gasClass() == GasClass.HIGH_GAS, m -> true)
                : List.of(m -> true);
        for (boolean fresh : new boolean[] {true, false}) {
            for (var pref : prefs) {
                List<Mine> tier = new ArrayList<>();
                for (Mine m : mines) {
                    boolean fits = k == Scenario.SHUTDOWN_ACTIVITY
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

    private boolean hasSensors(Scenario k, Mine m) {
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

    private List<MineSensorModel> t2Candidates(Mine m) {
        return models.stream().filter(s -> s.mine == m && s.point.kind() == SensorKind.CH4
                && s.id().endsWith("-T2")).toList();
    }

    private List<MineSensorModel> calibrationCandidates(Mine m) {
        return models.stream().filter(s -> s.mine == m && s.point.kind() == SensorKind.CH4
                && s.point.location() != SensorLocation.INTAKE).toList();
    }

    private <T> T pick(List<T> list) {
        return list.get(rnd.nextInt(list.size()));
    }

    private ScenarioLabel build(Scenario k, Mine m, long at) {
        String mineId = m.mineId();
        switch (k) {
            case VENTILATION_FAILURE -> {
                MineSensorModel s = modelById.get(mineId + "-" + pick(wfDistricts(m)) + "-T1");
                // 0.12 %/min: far below the 0.5 %/min rapid-rise rate, yet 1.0 -> 1.5 takes ~4 min.
                long t0 = s.alignUp(at);
                double v0 = s.baseMean(t0);
                long t1 = t0 + Math.round((1.8 - v0) / 0.12 * 60);
                long t2 = t1 + 300;
                long t3 = t2 + 600;
                long t4 = t3 + 120;
                MineEffect.Profile p = profile(s, new long[] {t0, t1, t2, t3, t4},
                        new double[] {Double.NaN, 1.8, 1.8, 0.45, Double.NaN}, 0.5);
                return label(k, m, s.id(), s.id(), null, List.of(s.id()), t0, s.alignDown(p.to));
            }
            case OUTBURST_PRECURSOR -> {
                MineSensorModel s = modelById.get(mineId + "-HD1-T1");
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
                MineEffect.Profile p = profile(s, times, targets, 0.2);
                return label(k, m, s.id(), s.id(), null, List.of(s.id()), t0, s.alignDown(p.to));
            }
            case DISTRICT_EVENT -> {
                String d = pick(wfDistricts(m));
                List<String> ids = new ArrayList<>();
                long first = Long.MAX_VALUE;
                long last = Long.MIN_VALUE;
                for (String code : List.of("T0", "T1", "T2")) {
                    MineSensorModel s = modelById.get(mineId + "-" + d + "-" + code);
                    // Starts within 90 s of each other: the 1.0 crossings land well inside 2 min.
                    long t0 = s.alignUp(at + rnd.nextInt(91));
                    MineEffect.Profile p = profile(s, new long[] {t0, t0 + 180, t0 + 540, t0 + 780},
                            new double[] {Double.NaN, 1.2, 1.2, Double.NaN}, 0.5);
                    ids.add(s.id());
                    first = Math.min(first, t0);
                    last = Math.max(last, s.alignDown(p.to));
                }
                return label(k, m, mineId + "/" + d, null, d, ids, first, last);
            }
            case SILENT_SENSOR -> {
                MineSensorModel s = pick(t2Candidates(m));
                long g = s.alignUp(at + period);
                long resume = s.alignUp(g + 1200);
                s.effects.add(new MineEffect.Silence(g, resume - 1));
                return label(k, m, s.id(), s.id(), null, List.of(s.id()), g - period, resume);
            }
            case STUCK_SENSOR -> {
                String d = pick(wfDistricts(m));
                MineSensorModel s = modelById.get(mineId + "-" + d + "-" + (rnd.nextBoolean() ? "T0" : "T1"));
                long t0 = s.alignUp(at + period);
                long t1 = s.alignDown(t0 + 2400);
                s.effects.add(new MineEffect.Stuck(t0, t1, s.round(s.baseMean(t0)), period));
                return label(k, m, s.id(), s.id(), null, List.of(s.id()), t0, t1);
            }
            case CALIBRATION -> {
                MineSensorModel s = pick(calibrationCandidates(m));
                long t0 = s.alignUp(at);
                long t1 = s.alignDown(t0 + 300);
                s.effects.add(new MineEffect.Calibration(t0, t1));
                return label(k, m, s.id(), s.id(), null, List.of(s.id()), t0, t1);
            }
            case CO_WITH_TEMP -> {
                String d = pick(wfDistricts(m));
                MineSensorModel co = modelById.get(mineId + "-" + d + "-CO");
                MineSensorModel temp = modelById.get(mineId + "-" + d + "-TEMP");
                long c0 = co.alignUp(at);
                MineEffect.Profile pc = profile(co, new long[] {c0, c0 + 900, c0 + 1080, c0 + 1980},
                        new double[] {Double.NaN, 40.0, 40.0, Double.NaN}, 1.0);
                long h0 = temp.alignUp(at);
                MineEffect.Profile pt = new MineEffect.Profile(new long[] {h0, h0 + 900, h0 + 1080, h0 + 1980},
                        new double[] {0, 3.0, 3.0, 0}, 1.0);
                temp.effects.add(pt);
                return label(k, m, co.id(), co.id(), d, List.of(co.id(), temp.id()), Math.min(c0, h0),
                        Math.max(co.alignDown(pc.to), temp.alignDown(pt.to)));
            }
            case SHUTDOWN_ACTIVITY -> {
                MineSensorModel s = modelById.get(mineId + "-WF1-T1");
                long t0 = s.alignUp(at);
                MineEffect.Profile p = profile(s, new long[] {t0, t0 + 1200, t0 + 2400, t0 + 3000},
                        new double[] {Double.NaN, 0.6, 0.6, Double.NaN}, 1.0);
                return label(k, m, s.id(), s.id(), null, List.of(s.id()), t0, s.alignDown(p.to));
            }
            default -> {
                return null;
            }
        }
    }

    /** A profile reaching absolute targets (NaN = the baseline itself) at the given times. */
    private static MineEffect.Profile profile(MineSensorModel s, long[] times, double[] targets, double noiseScale) {
        double[] deltas = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            deltas[i] = Double.isNaN(targets[i]) ? 0 : targets[i] - s.baseMean(times[i]);
        }
        MineEffect.Profile p = new MineEffect.Profile(times, deltas, noiseScale);
        s.effects.add(p);
        return p;
    }

    private static ScenarioLabel label(Scenario k, Mine m, String subject, String sensor, String district,
                                       List<String> ids, long from, long to) {
        return ScenarioLabel.of(k, m.mineId(), subject, sensor, district, List.copyOf(ids), from, to);
    }
}
