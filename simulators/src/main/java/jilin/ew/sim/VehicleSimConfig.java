package jilin.ew.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of one {@link VehicleSimulator} run; build with {@link #builder()}.
 *
 * @param extraVehicles synthetic vehicles beyond the seeds (registered on the stream at the start), for load
 * @param gpsNoiseM     standard deviation of the position noise, metres
 */
public record VehicleSimConfig(long seed, Instant start, Duration duration, Duration reportInterval,
                               Set<Scenario> scenarios, int extraVehicles, double gpsNoiseM) {
    /** 23:00 local: a 6 h run covers the bus night (22:00-06:00) and the 02:00-05:00 stop window. */
    public static final Instant DEFAULT_START = OffsetDateTime.parse("2026-03-20T23:00:00+08:00").toInstant();

    public VehicleSimConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(reportInterval, "reportInterval");
        scenarios = scenarios == null || scenarios.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scenarios));
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
        if (reportInterval.getSeconds() < 5 || reportInterval.getNano() != 0) {
            throw new IllegalArgumentException("reportInterval must be a whole number of seconds >= 5");
        }
        if (scenarios.stream().anyMatch(k -> k.simulator() != SimDomain.VEHICLE)) {
            throw new IllegalArgumentException("not a vehicle scenario: " + scenarios);
        }
        if (extraVehicles < 0) {
            throw new IllegalArgumentException("extraVehicles must be >= 0");
        }
        if (!(gpsNoiseM >= 0)) {
            throw new IllegalArgumentException("gpsNoiseM must be >= 0");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Defaults: seed 42, 2026-03-20T23:00+08:00, 6 h, 30 s reports, all scenarios, no extra vehicles, 4 m noise. */
    public static final class Builder {
        private long seed = 42;
        private Instant start = DEFAULT_START;
        private Duration duration = Duration.ofHours(6);
        private Duration reportInterval = Duration.ofSeconds(30);
        private Set<Scenario> scenarios = EnumSet.copyOf(Scenario.of(SimDomain.VEHICLE));
        private int extraVehicles;
        private double gpsNoiseM = 4;

        public Builder seed(long v) { seed = v; return this; }
        public Builder start(Instant v) { start = v; return this; }
        public Builder duration(Duration v) { duration = v; return this; }
        public Builder reportInterval(Duration v) { reportInterval = v; return this; }
        public Builder scenarios(Set<Scenario> v) { scenarios = v; return this; }
        /** Convenience: all scenarios on, or none. */
        public Builder scenarios(boolean on) {
            scenarios = on ? EnumSet.copyOf(Scenario.of(SimDomain.VEHICLE)) : Set.of();
            return this;
        }
        public Builder extraVehicles(int v) { extraVehicles = v; return this; }
        public Builder gpsNoiseM(double v) { gpsNoiseM = v; return this; }

        public VehicleSimConfig build() {
            return new VehicleSimConfig(seed, start, duration, reportInterval, scenarios, extraVehicles, gpsNoiseM);
        }
    }
}
