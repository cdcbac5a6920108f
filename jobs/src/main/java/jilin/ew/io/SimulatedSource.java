package jilin.ew.io;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import jilin.ew.sim.MineSimConfig;
import jilin.ew.sim.MineSimulator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The mine simulator as a rate-limited Flink source, for the live demo. */
public final class SimulatedSource {
    private SimulatedSource() {}

    /** Simulator settings that travel with the job (the simulator's own config is not serializable). */
    public static final class Spec implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        public long seed = 42;
        public long startEpochMs = MineSimConfig.DEFAULT_START.toEpochMilli();
        public long durationSec = 6 * 3600;
        public int mines = 10;
        public boolean scenarios = true;

        public MineSimConfig config() {
            return MineSimConfig.builder().seed(seed).start(Instant.ofEpochMilli(startEpochMs))
                    .duration(Duration.ofSeconds(durationSec)).mineCount(mines).scenarios(scenarios).build();
        }

        /** How many messages the run produces (the simulator is lazy, so counting is cheap). */
        public long count() {
            long n = 0;
            for (Iterator<String> it = new MineSimulator(config()).lines(); it.hasNext(); it.next()) {
                n++;
            }
            return n;
        }
    }

    public static DataStream<String> of(StreamExecutionEnvironment env, Spec spec, double messagesPerSecond) {
        DataGeneratorSource<String> src = new DataGeneratorSource<>(new Lines(spec), spec.count(),
                RateLimiterStrategy.perSecond(messagesPerSecond), Types.STRING);
        return env.fromSource(src, WatermarkStrategy.noWatermarks(), "mine simulator").uid("simulator")
                .setParallelism(1);
    }

    /** Hands out the simulator's lines in order; parallelism 1, so indexes arrive in sequence. */
    static final class Lines implements GeneratorFunction<Long, String> {
        private static final long serialVersionUID = 1L;
        private final Spec spec;
        private transient Iterator<String> it;

        Lines(Spec spec) {
            this.spec = spec;
        }

        @Override
        public void open(SourceReaderContext ctx) {
            it = new MineSimulator(spec.config()).lines();
        }

        @Override
        public String map(Long index) {
            return it.next();
        }
    }
}
