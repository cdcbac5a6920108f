package jilin.ew.sim;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import jilin.ew.sim.SimRoads.Hit;
import jilin.ew.sim.SimRoads.Section;
import jilin.ew.sim.VehicleRun.Ov;
import jilin.ew.sim.VehicleRun.Report;

/**
 * Places the vehicle scenarios, each on its own vehicle: runs a candidate vehicle's baseline ahead to find a
 * moment where the scenario fits (e.g. entering a long downhill, downhill), then checks the run with the
 * scenario's overrides did what the label will claim.
 */
final class VehicleScenarioPlanner {
    private final SplittableRandom rnd;
    private final VehicleSimConfig config;
    private final List<VehicleModel> models;
    private final SimRoads roads;
    private final long startSec;
    private final long endSec;
    private final Set<String> used = new HashSet<>();
    private final Map<String, List<Report>> baselines = new HashMap<>();
    /** What the placed scenarios change, by vehicle id. */
    final Map<String, List<Ov>> overrides = new HashMap<>();
    /** The labels of the placed scenarios, in scenario order. */
    final List<ScenarioLabel> labels = new ArrayList<>();

    VehicleScenarioPlanner(SplittableRandom rnd, VehicleSimConfig config, List<VehicleModel> models, SimRoads roads) {
        this.rnd = rnd;
        this.config = config;
        this.models = models;
        this.roads = roads;
        this.startSec = config.start().getEpochSecond();
        this.endSec = startSec + config.duration().getSeconds();
    }

    /** One vehicle's reports over the whole run with the given overrides. */
    List<Report> simulate(VehicleModel m, List<Ov> ovs) {
        VehicleRun r = new VehicleRun(m, ovs, startSec, config, roads);
        List<Report> out = new ArrayList<>();
        while (r.nextTs < endSec) {
            out.add(r.next());
        }
        return out;
    }

    void plan() {
        List<Scenario> kinds = new ArrayList<>(config.scenarios().isEmpty()
                ? Set.of() : EnumSet.copyOf(config.scenarios()));
        kinds.sort(Comparator.naturalOrder());
        for (Scenario k : kinds) {
            place(k);
        }
    }

    private List<VehicleModel> candidates(String... classes) {
        List<VehicleModel> out = new ArrayList<>();
        for (String c : classes) {
            List<VehicleModel> of = new ArrayList<>();
            for (VehicleModel m : models) {
                if (m.v.seeded() && m.v.cls().equals(c) && !used.contains(m.v.id())) {
                    of.add(m);
                }
            }
            Randoms.shuffle(of, rnd);
            out.addAll(of);
        }
        return out;
    }

    private List<Report> baseline(VehicleModel m) {
        return baselines.computeIfAbsent(m.v.id(), k -> simulate(m, List.of()));
    }

    private void place(Scenario k) {
        long ws = startSec + 20 * 60;
        long we = endSec - 15 * 60;
        String[] classes = switch (k) {
            case NIGHT_BAN -> new String[] {"LONG_DISTANCE_BUS"};
            case NIGHT_SPEEDING -> new String[] {"TOURIST_COACH", "LONG_DISTANCE_BUS"};
            case TERMINAL_ALARM -> new String[] {"TOURIST_COACH", "LONG_DISTANCE_BUS", "HAZMAT_TRUCK"};
            case DOWNHILL_RUNAWAY, SUDDEN_STOP -> new String[] {"HAZMAT_TRUCK", "TOURIST_COACH", "LONG_DISTANCE_BUS"};
            default -> new String[] {"HAZMAT_TRUCK"};
        };
        for (VehicleModel m : candidates(classes)) {
            if (k == Scenario.NIGHT_BAN && !m.v.bannedAtNight()) {
                continue;
            }
            List<Report> b = baseline(m);
            int tries = 0;
            int from = rnd.nextInt(Math.max(1, b.size() / 2));
            for (int n = 0; n < b.size() && tries < 40; n++) {
                int i = (from + n) % b.size();
                Report r = b.get(i);
                if (r.ts() < ws || r.ts() > we || i == 0 || i + 1 >= b.size()) {
                    continue;
                }
                List<Ov> ovs = propose(k, m, b, i);
                if (ovs == null) {
                    continue;
                }
                tries++;
                ScenarioLabel label = verify(k, m, ovs, simulate(m, ovs));
                if (label != null) {
                    used.add(m.v.id());
                    overrides.put(m.v.id(), ovs);
                    labels.add(label);
                    return;
                }
                if (k == Scenario.NIGHT_BAN) {
                    break;
                }
            }
        }
    }

    /** Overrides for the scenario at report i of the baseline, or null when the moment does not fit. */
    private List<Ov> propose(Scenario k, VehicleModel m, List<Report> b, int i) {
        Report r = b.get(i);
        Report prev = b.get(i - 1);
        Report next = b.get(i + 1);
        Section on = r.on();
        boolean off = r.hit() == null && roads.near(r.lat(), r.lon(), 100) == null;
        switch (k) {
            case SECTION_SPEEDING: {
                if (!r.driving() || on == null || on.downhill != 0 || prev.on() == on || next.on() != on) {
                    return null;
                }
                Ov o = new Ov("SPEED", r.ts(), r.ts() + 15 * 60);
                o.sectionId = on.id;
                o.speeds = new double[] {Math.round(on.limit * 1.3)};
                return List.of(o);
            }
            case CLASS_SPEEDING:
            case AT_CLASS_LIMIT:
            case NIGHT_SPEEDING: {
                if (!r.driving() || !off || (k == Scenario.NIGHT_SPEEDING
                        && !(VehicleRun.isNight(r.ts()) && VehicleRun.isNight(r.ts() + 150)))) {
                    return null;
                }
                Ov o = new Ov("SPEED", r.ts(), r.ts() + 150);
                o.offSection = true;
                o.speeds = new double[] {k == Scenario.CLASS_SPEEDING ? 92
                        : k == Scenario.AT_CLASS_LIMIT ? 80 : 88};
                Ov keep = new Ov("NO_REST", r.ts(), r.ts() + 150);
                return List.of(o, keep);
            }
            case NIGHT_BAN: {
                return List.of(new Ov("NO_BAN", startSec, endSec));
            }
            case FATIGUE: {
                long need = (VehicleRun.isNight(r.ts()) ? 2 : 4) * 3600L;
                if (!r.driving() || prev.driving() || VehicleRun.isNight(r.ts()) != VehicleRun.isNight(r.ts() + need + 20 * 60)
                        || r.ts() + need + 40 * 60 > endSec) {
                    return null;
                }
                return List.of(new Ov("NO_REST", r.ts(), r.ts() + need + 40 * 60));
            }
            case DOWNHILL_RUNAWAY: {
                if (!r.driving() || on == null || on.downhill == 0 || on.limit > (m.v.isBus() ? 70 : 50) || prev.on() == on
                        || next.on() != on || !downhill(on, r, next)) {
                    return null;
                }
                Ov o = new Ov("SPEED", next.ts(), next.ts() + 10 * 60);
                o.sectionId = on.id;
                o.speeds = new double[] {on.limit + 5, on.limit + 11, on.limit + 18, on.limit + 26,
                        on.limit * m.sectionFactor};
                return List.of(o, new Ov("NO_REST", r.ts(), r.ts() + 10 * 60));
            }
            case SUDDEN_STOP: {
                if (!r.driving() || on == null || on.limit < 50 || next.on() != on
                        || (m.v.isBus() && VehicleRun.isNight(r.ts()))) {
                    return null;
                }
                return List.of(new Ov("BURST", r.ts(), r.ts() + 8 * 60));
            }
            case TERMINAL_ALARM: {
                if (!r.driving() || !off) {
                    return null;
                }
                return List.of(new Ov("ALARM", r.ts(), r.ts() + 10 * 60));
            }
            default:
                return null;
        }
    }

    private boolean downhill(Section s, Report a, Report b) {
        Hit ha = roads.near(a.lat(), a.lon(), 0);
        Hit hb = roads.near(b.lat(), b.lon(), 0);
        if (ha == null || hb == null || ha.section() != s || hb.section() != s) {
            return false;
        }
        return s.downhill > 0 ? hb.fraction() > ha.fraction() : hb.fraction() < ha.fraction();
    }

    /** Checks the scenario happened as intended in the run with overrides; its label, or null. */
    private ScenarioLabel verify(Scenario k, VehicleModel m, List<Ov> ovs, List<Report> run) {
        Ov o = ovs.get(0);
        List<Report> in = new ArrayList<>();
        for (Report r : run) {
            if (r.ts() >= o.from && r.ts() <= o.to) {
                in.add(r);
            }
        }
        long start;
        long end;
        switch (k) {
            case SECTION_SPEEDING: {
                List<Report> hits = in.stream().filter(r -> r.on() != null && r.on().id.equals(o.sectionId)
                        && r.speed() == o.speeds[0]).toList();
                if (hits.size() < 3) {
                    return null;
                }
                start = hits.get(0).ts();
                end = hits.get(hits.size() - 1).ts();
                break;
            }
            case CLASS_SPEEDING:
            case AT_CLASS_LIMIT:
            case NIGHT_SPEEDING: {
                if (in.size() < 5 || in.stream().anyMatch(r -> r.speed() != o.speeds[0]
                        || roads.near(r.lat(), r.lon(), 60) != null)) {
                    return null;
                }
                start = in.get(0).ts();
                end = in.get(in.size() - 1).ts();
                break;
            }
            case NIGHT_BAN: {
                List<Report> moving = run.stream().filter(r -> VehicleRun.isBanWindow(r.ts()) && r.speed() > 10).toList();
                if (moving.size() < 3) {
                    return null;
                }
                start = moving.get(0).ts();
                end = moving.get(moving.size() - 1).ts();
                break;
            }
            case FATIGUE: {
                if (in.isEmpty() || in.stream().filter(r -> !r.driving()).count() > 0) {
                    return null;
                }
                start = in.get(0).ts();
                end = in.get(in.size() - 1).ts();
                break;
            }
            case DOWNHILL_RUNAWAY: {
                if (in.size() < 4) {
                    return null;
                }
                for (int i = 0; i < 4; i++) {
                    Report r = in.get(i);
                    if (r.on() == null || !r.on().id.equals(o.sectionId) || r.speed() != o.speeds[i]) {
                        return null;
                    }
                }
                int pi = run.indexOf(in.get(0)) - 1;
                if (pi < 0 || !downhill(in.get(0).on(), run.get(pi), in.get(0))
                        || !downhill(in.get(0).on(), in.get(0), in.get(1))
                        || !downhill(in.get(0).on(), in.get(1), in.get(2))
                        || !downhill(in.get(0).on(), in.get(2), in.get(3))) {
                    return null;
                }
                start = in.get(0).ts();
                end = in.get(3).ts();
                break;
            }
            case SUDDEN_STOP: {
                if (in.size() < VehicleRun.BURST.length) {
                    return null;
                }
                Section s0 = in.get(0).on();
                for (int i = 0; i < VehicleRun.BURST.length; i++) {
                    if (in.get(i).on() == null || in.get(i).on() != s0) {
                        return null;
                    }
                }
                start = in.get(0).ts();
                end = in.get(VehicleRun.BURST.length - 1).ts();
                break;
            }
            case TERMINAL_ALARM: {
                if (in.isEmpty() || !in.get(0).line().contains("alarmFlags")) {
                    return null;
                }
                start = in.get(0).ts();
                end = start;
                break;
            }
            default:
                return null;
        }
        return ScenarioLabel.of(k, null, m.v.id(), null, null, List.of(m.v.id()), start, end);
    }
}
