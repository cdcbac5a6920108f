package jilin.ew.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of one {@link MixedSimulator} run: one period and seed for every domain; build with {@link #builder()}.
 *
 * @param mineCount     mines to simulate (as {@link MineSimConfig#mineCount()})
 * @param mineJitter    as {@link MineSimConfig#jitter()}, for the mine stream only
 * @param gasPolling    the gas points' polling cycle (the gas simulator's only size setting besides duration)
 * @param extraVehicles synthetic vehicles beyond the seeds (as {@link VehicleSimConfig#extraVehicles()})
 */
public record MixedSimConfig(long seed, Instant start, Duration duration, Set<SimDomain> domains, boolean scenarios,
                             int mineCount, Duration minePolling, Duration mineJitter, Duration gasPolling,
                             int extraVehicles) {
    /**
     * 23:00 local, the vehicle simulator's own default: a 6 h run covers 02:00-05:00 (the long-bus stop) and
     * every domain places all its scenarios. (From 22:00 the vehicle simulator cannot place its night-ban
     * scenario: its buses stay parked at a route terminus through the window.)
     */
    public static final Instant DEFAULT_START = VehicleSimConfig.DEFAULT_START;

    public MixedSimConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(minePolling, "minePolling");
        Objects.requireNonNull(mineJitter, "mineJitter");
        Objects.requireNonNull(gasPolling, "gasPolling");
        if (domains == null || domains.isEmpty()) {
            throw new IllegalArgumentException("at least one domain");
        }
        domains = Set.copyOf(EnumSet.copyOf(domains));
    }

    public MineSimConfig mine() {
        return MineSimConfig.builder().seed(seed).start(start).duration(duration).mineCount(mineCount)
                .pollingCycle(minePolling).jitter(mineJitter).scenarios(scenarios).build();
    }

    public GasSimulator.Config gas() {
        return new GasSimulator.Config(seed, start, duration, gasPolling, scenarios);
    }

    public VehicleSimConfig vehicle() {
        return VehicleSimConfig.builder().seed(seed).start(start).duration(duration).scenarios(scenarios)
                .extraVehicles(extraVehicles).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: seed 42, 2026-03-20T23:00+08:00, 6 h, all domains, scenarios on, 10 mines at 25 s, gas at 30 s, no extra vehicles. */
    public static final class Builder {
        private long seed = 42;
        private Instant start = DEFAULT_START;
        private Duration duration = Duration.ofHours(6);
        private Set<SimDomain> domains = EnumSet.allOf(SimDomain.class);
        private boolean scenarios = true;
        private int mineCount = 10;
        private Duration minePolling = Duration.ofSeconds(25);
        private Duration mineJitter = Duration.ZERO;
        private Duration gasPolling = Duration.ofSeconds(30);
        private int extraVehicles;

        public Builder seed(long v) { seed = v; return this; }
        public Builder start(Instant v) { start = v; return this; }
        public Builder duration(Duration v) { duration = v; return this; }
        public Builder domains(Set<SimDomain> v) { domains = v; return this; }
        public Builder scenarios(boolean v) { scenarios = v; return this; }
        public Builder mineCount(int v) { mineCount = v; return this; }
        public Builder minePolling(Duration v) { minePolling = v; return this; }
        public Builder mineJitter(Duration v) { mineJitter = v; return this; }
        public Builder gasPolling(Duration v) { gasPolling = v; return this; }
        public Builder extraVehicles(int v) { extraVehicles = v; return this; }

        public MixedSimConfig build() {
            return new MixedSimConfig(seed, start, duration, domains, scenarios, mineCount, minePolling, mineJitter,
                    gasPolling, extraVehicles);
        }
    }
}
