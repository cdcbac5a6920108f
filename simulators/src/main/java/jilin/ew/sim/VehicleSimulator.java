package jilin.ew.sim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import jilin.ew.sim.VehicleModel.Vehicle;

/**
 * Deterministic generator of {@code vehicle.position} messages (JSON lines) for the key vehicles of the seeds
 * (and optional synthetic ones, registered on the stream), with injected, labelled scenarios.
 *
 * <p>Each vehicle drives out and back along a route through three dangerous road sections of its region
 * (the sections' own geometry, joined by straight connecting roads), in cycles of 80-95 min driving and
 * 25-35 min rest; long-distance buses on trips over 100 km park from before 02:00 until after 05:00. Speed
 * follows the place: about 60-70 % of a section's limit on a section, a class cruise speed elsewhere, with
 * speed noise; positions carry GPS noise. Reports every 30 s by default. The baseline keeps every rule.
 * Scenarios change one vehicle each (never the same one twice); {@link VehicleScenarioPlanner} places them.
 * Same seeds and config give byte-identical output; lines come lazily in event-time order.
 */
public final class VehicleSimulator implements Simulator {
    private static final long PLAN_SALT = 0x7EC1_0000_5EED_0001L;

    private final VehicleSimConfig config;
    private final long startSec;
    private final long endSec;
    private final SimRoads roads;
    private final List<VehicleModel> models = new ArrayList<>();
    private final List<ScenarioLabel> labels;
    private final Map<String, List<VehicleRun.Ov>> overrides;

    /** A simulator over the seeds shipped on the classpath. */
    public VehicleSimulator(VehicleSimConfig config) {
        this.config = config;
        this.startSec = config.start().getEpochSecond();
        this.endSec = startSec + config.duration().getSeconds();
        this.roads = new SimRoads();
        SplittableRandom master = new SplittableRandom(config.seed());
        List<Vehicle> vehicles = VehicleModel.readVehicles(SimRoads.resource("vehicles.json"));
        int seeded = vehicles.size();
        for (int i = 0; i < config.extraVehicles(); i++) {
            Vehicle v = vehicles.get(i % seeded);
            vehicles.add(new Vehicle(String.format(Locale.ROOT, "SIM-%s-%04d", v.cls().substring(0, 3), i + 1),
                    v.cls(), null, v.operatorId(), v.prefecture(), v.tripKm(), false));
        }
        long interval = config.reportInterval().getSeconds();
        for (int i = 0; i < vehicles.size(); i++) {
            models.add(new VehicleModel(i, vehicles.get(i), master.nextLong(), roads.sections, interval));
        }
        VehicleScenarioPlanner planner = new VehicleScenarioPlanner(
                new SplittableRandom(config.seed() ^ PLAN_SALT), config, models, roads);
        planner.plan();
        this.labels = List.copyOf(planner.labels);
        this.overrides = Map.copyOf(planner.overrides);
    }

    /** Ground-truth labels of the injected scenarios, in scenario order. */
    @Override
    public List<ScenarioLabel> labels() {
        return labels;
    }

    /** Ids of the vehicles simulated (seeded ones first). */
    public List<String> vehicleIds() {
        return models.stream().map(m -> m.v.id()).toList();
    }

    /** A fresh lazy iterator over the message lines (registrations of non-seed vehicles first); each call starts over. */
    @Override
    public Iterator<String> lines() {
        List<TimeMerge.Timeline> all = new ArrayList<>(models.size() + 1);
        List<String> registrations = new ArrayList<>();
        for (VehicleModel m : models) {
            if (!m.v.seeded()) {
                registrations.add(registration(m.v));
            }
            all.add(new Positions(new VehicleRun(m, overrides.getOrDefault(m.v.id(), List.of()), startSec, config,
                    roads)));
        }
        // rank -1 at the start time: every registration before the first position
        all.add(TimeMerge.of(registrations.iterator(), -1));
        return new TimeMerge(all);
    }

    private String registration(Vehicle v) {
        return String.format(Locale.ROOT, "{\"type\":\"vehicle.registration\",\"ts\":\"%s\",\"vehicleId\":\"%s\","
                        + "\"vehicleClass\":\"%s\",\"operatorId\":\"%s\",\"prefecture\":\"%s\"%s}",
                SimTime.format(startSec), v.id(), v.cls(), v.operatorId(), v.prefecture(),
                v.tripKm() == null ? "" : ",\"tripKm\":" + v.tripKm());
    }

    /** One vehicle's positions as a timeline of the merge. */
    private final class Positions implements TimeMerge.Timeline {
        private final VehicleRun run;

        Positions(VehicleRun run) {
            this.run = run;
        }

        @Override
        public long nextTs() {
            return run.nextTs < endSec ? run.nextTs : TimeMerge.DONE;
        }

        @Override
        public int rank() {
            return run.m.index;
        }

        @Override
        public String take() {
            return run.next().line();
        }
    }
}
