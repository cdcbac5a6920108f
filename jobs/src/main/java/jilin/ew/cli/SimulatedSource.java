package jilin.ew.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Set;
import jilin.ew.kafka.RawEventTime;
import jilin.ew.schema.Command;
import jilin.ew.schema.WireCodec;
import jilin.ew.sim.MineSimConfig;
import jilin.ew.sim.MixedSimConfig;
import jilin.ew.sim.MixedSimulator;
import jilin.ew.sim.SimDomain;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The simulators (mines, gas networks with reports, key vehicles; merged in event time) as a rate-limited Flink
 * source, for the live demo. It lives with the command line: the job itself knows nothing of simulated input.
 */
final class SimulatedSource {
    private SimulatedSource() {}

    /** Simulator settings that travel with the job (the simulators' own configs are not serializable). */
    static final class Spec implements java.io.Serializable {
        private static final long serialVersionUID = 2L;
        public long seed = 42;
        /** First event time; negative: the default for the domains (08:00 for mines alone, else 23:00). */
        public long startEpochMs = -1;
        public long durationSec = 6 * 3600;
        public int mines = 10;
        public boolean scenarios = true;
        public EnumSet<SimDomain> domains = EnumSet.allOf(SimDomain.class);
        /** The demo's command inbox ({@link DemoCommands}), or null: no commands. */
        public String commandInbox;

        public MixedSimConfig config() {
            Instant start = startEpochMs >= 0 ? Instant.ofEpochMilli(startEpochMs)
                    : domains.equals(EnumSet.of(SimDomain.MINE)) ? MineSimConfig.DEFAULT_START
                    : MixedSimConfig.DEFAULT_START;
            return MixedSimConfig.builder().seed(seed).start(start).duration(Duration.ofSeconds(durationSec))
                    .domains(Set.copyOf(domains)).mineCount(mines).scenarios(scenarios).build();
        }

        /** How many messages the run produces (the simulators are lazy, so counting is cheap). */
        public long count() {
            long n = 0;
            for (Iterator<String> it = new MixedSimulator(config()).lines(); it.hasNext(); it.next()) {
                n++;
            }
            return n;
        }
    }

    static DataStream<String> of(StreamExecutionEnvironment env, Spec spec, double messagesPerSecond) {
        DataGeneratorSource<String> src = new DataGeneratorSource<>(new Lines(spec), spec.count(),
                RateLimiterStrategy.perSecond(messagesPerSecond), Types.STRING);
        return env.fromSource(src, WatermarkStrategy.noWatermarks(), "simulator").uid("simulator")
                .setParallelism(1);
    }

    /** Hands out the simulators' merged lines in order; parallelism 1, so indexes arrive in sequence. */
    static final class Lines implements GeneratorFunction<Long, String> {
        private static final long serialVersionUID = 1L;
        private final Spec spec;
        private transient Iterator<String> it;
        private transient WireCodec codec;

        Lines(Spec spec) {
            this.spec = spec;
        }

        @Override
        public void open(SourceReaderContext ctx) {
            it = new MixedSimulator(spec.config()).lines();
            codec = new WireCodec();
        }

        /**
         * The next simulated line, followed (one per line) by the commands given since the last one, stamped with its
         * event time: the moment of the simulation the person acted in.
         */
        @Override
        public String map(Long index) {
            String line = it.next();
            Command c = DemoCommands.poll(spec.commandInbox);
            if (c == null) {
                return line;
            }
            long ts = RawEventTime.of(line);
            StringBuilder b = new StringBuilder(line);
            for (; c != null; c = DemoCommands.poll(spec.commandInbox)) {
                // a silence keeps its start and end relative to when it was given
                long shift = ts - c.ts;
                c.startsAt = c.startsAt == null ? null : c.startsAt + shift;
                c.endsAt = c.endsAt == null ? null : c.endsAt + shift;
                c.ts = ts;
                b.append('\n').append(codec.encode(c));
            }
            return b.toString();
        }
    }
}
