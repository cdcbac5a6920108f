package jilin.ew.sim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The mine, gas network (with its hazard reports) and key vehicle simulators run over one period and seed, their
 * lines merged lazily in event-time order, with every domain's labels in one file.
 *
 * <p>The merge takes the simulators' own (lazy, time-ordered) iterators on each line's {@code ts}; lines with the
 * same second keep the domain order mine, gas, vehicle. Same config, same bytes.
 */
public final class MixedSimulator implements Simulator {
    private final MixedSimConfig config;
    private final MineSimulator mine;
    private final GasSimulator gas;
    private final VehicleSimulator vehicle;
    private final List<ScenarioLabel> labels;

    public MixedSimulator(MixedSimConfig config) {
        this.config = config;
        this.mine = config.domains().contains(SimDomain.MINE) ? new MineSimulator(config.mine()) : null;
        this.gas = config.domains().contains(SimDomain.GAS) ? new GasSimulator(config.gas()) : null;
        this.vehicle = config.domains().contains(SimDomain.VEHICLE) ? new VehicleSimulator(config.vehicle()) : null;
        List<ScenarioLabel> all = new ArrayList<>();
        if (mine != null) {
            // the mixed file has always named a mine scenario's sensors in sensorIds alone
            mine.labels().forEach(l -> all.add(l.withoutSensorId()));
        }
        if (gas != null) {
            all.addAll(gas.labels());
        }
        if (vehicle != null) {
            all.addAll(vehicle.labels());
        }
        this.labels = List.copyOf(all);
    }

    public MixedSimConfig config() {
        return config;
    }

    /** The mine simulator of this run, or null when mines are not simulated. */
    public MineSimulator mine() {
        return mine;
    }

    /** The gas network simulator of this run, or null when gas is not simulated. */
    public GasSimulator gas() {
        return gas;
    }

    /** The vehicle simulator of this run, or null when vehicles are not simulated. */
    public VehicleSimulator vehicle() {
        return vehicle;
    }

    /** Every domain's ground-truth labels: mine, then gas and reports, then vehicles, each in scenario-id order. */
    @Override
    public List<ScenarioLabel> labels() {
        return labels;
    }

    /** A fresh lazy iterator over the merged message lines (no trailing newline); each call starts over. */
    @Override
    public Iterator<String> lines() {
        List<Iterator<String>> sources = new ArrayList<>(3);
        if (mine != null) {
            sources.add(mine.lines());
        }
        if (gas != null) {
            sources.add(gas.lines());
        }
        if (vehicle != null) {
            sources.add(vehicle.lines());
        }
        if (sources.size() == 1) {
            return sources.get(0);
        }
        List<TimeMerge.Timeline> timelines = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            timelines.add(TimeMerge.of(sources.get(i), i));
        }
        return new TimeMerge(timelines);
    }
}
