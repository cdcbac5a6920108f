package jilin.ew.sim;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Settings of one {@link MineSimulator} run; build with {@link #builder()}.
 *
 * @param mineIds   mines to simulate; empty means the first {@code mineCount} mines of the catalog
 *                  (adjusted to include a SHUTDOWN_LONG_TERM mine and a disaster mine)
 * @param jitter    when positive, each message's output position moves by up to this much event time
 */
public record MineSimConfig(long seed, Instant start, Duration duration, List<String> mineIds, int mineCount,
                            Duration pollingCycle, Set<Scenario> scenarios, Duration jitter) {
    public static final Instant DEFAULT_START = OffsetDateTime.parse("2026-03-20T08:00:00+08:00").toInstant();

    public MineSimConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(pollingCycle, "pollingCycle");
        Objects.requireNonNull(jitter, "jitter");
        mineIds = List.copyOf(mineIds == null ? List.of() : mineIds);
        scenarios = scenarios == null || scenarios.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(scenarios));
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive");
        }
        if (pollingCycle.getSeconds() < 1 || pollingCycle.getNano() != 0) {
            throw new IllegalArgumentException("pollingCycle must be a whole number of seconds >= 1");
        }
        if (jitter.isNegative()) {
            throw new IllegalArgumentException("jitter must not be negative");
        }
        if (scenarios.stream().anyMatch(k -> k.simulator() != SimDomain.MINE)) {
            throw new IllegalArgumentException("not a mine scenario: " + scenarios);
        }
        if (mineCount < 1) {
            throw new IllegalArgumentException("mineCount must be >= 1");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Fluent builder with the defaults: seed 42, 2026-03-20T08:00+08:00, 6 h, 10 mines, 25 s, all scenarios, no jitter. */
    public static final class Builder {
        private long seed = 42;
        private Instant start = DEFAULT_START;
        private Duration duration = Duration.ofHours(6);
        private List<String> mineIds = List.of();
        private int mineCount = 10;
        private Duration pollingCycle = Duration.ofSeconds(25);
        private Set<Scenario> scenarios = EnumSet.copyOf(Scenario.of(SimDomain.MINE));
        private Duration jitter = Duration.ZERO;

        public Builder seed(long v) { seed = v; return this; }
        public Builder start(Instant v) { start = v; return this; }
        public Builder duration(Duration v) { duration = v; return this; }
        public Builder mineIds(List<String> v) { mineIds = v; return this; }
        public Builder mineCount(int v) { mineCount = v; return this; }
        public Builder pollingCycle(Duration v) { pollingCycle = v; return this; }
        public Builder scenarios(Set<Scenario> v) { scenarios = v; return this; }
        /** Convenience: all scenarios on, or none. */
        public Builder scenarios(boolean on) {
            scenarios = on ? EnumSet.copyOf(Scenario.of(SimDomain.MINE)) : Set.of();
            return this;
        }
        public Builder jitter(Duration v) { jitter = v; return this; }

        public MineSimConfig build() {
            return new MineSimConfig(seed, start, duration, mineIds, mineCount, pollingCycle, scenarios, jitter);
        }
    }
}
