package jilin.ew.gas;

import jilin.ew.DomainPipeline;
import jilin.ew.JobSettings;
import jilin.ew.alert.Detection;
import jilin.ew.gas.rule.LeakSuspected;
import jilin.ew.io.Outputs;
import jilin.ew.io.OwnEventTime;
import jilin.ew.io.StringKeySerializer;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.EventType;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/** The city gas network domain: per-point classification, the leak pattern across a station and points near it. */
public class GasPipeline implements DomainPipeline {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean accepts(EventType type) {
        return type == EventType.GAS_STATION || type == EventType.GAS_READING;
    }

    @Override
    public Result build(DataStream<Envelope> events, BroadcastStream<RuleSet> ruleUpdates, JobSettings settings) {
        RuleSet rules = settings.rules;
        SingleOutputStreamOperator<Detection> points = events
                .keyBy(Envelope::subjectId, StringKeySerializer.TYPE)
                .connect(ruleUpdates)
                .process(new GasStationFunction(rules))
                .name("gas: points").uid("gas-points");
        Cells cells = new Cells(LeakSuspected.distanceM(rules));
        DataStream<GasSignal> located = points.getSideOutput(GasStationFunction.SIGNALS)
                .flatMap(new ToCells(cells)).name("gas: signals to cells").uid("gas-signal-cells")
                .transform("gas: signal event time", TypeInformation.of(GasSignal.class), new OwnEventTime<>())
                .uid("gas-signal-time");
        DataStream<Detection> leaks = CEP.pattern(located.keyBy(s -> s.cell, StringKeySerializer.TYPE),
                        LeakSuspected.pattern(rules), new GasSignal.SameTimeOrder())
                .process(new LeakSuspected.ToDetection(rules))
                .name("gas: CEP " + LeakSuspected.ID).uid("gas-leak-suspected-cep");
        return new Result(points.union(leaks), points.getSideOutput(Outputs.DEAD_LETTERS));
    }

    /** A drop goes to its station's cell and the eight around it; gas to its point's cell only. */
    static final class ToCells implements FlatMapFunction<GasSignal, GasSignal> {
        private static final long serialVersionUID = 1L;
        private final Cells cells;

        ToCells(Cells cells) {
            this.cells = cells;
        }

        @Override
        public void flatMap(GasSignal s, Collector<GasSignal> out) {
            if (GasSignal.PRESSURE_DROP.equals(s.kind)) {
                for (String c : cells.around(s.point.lat, s.point.lon)) {
                    out.collect(s.inCell(c));
                }
            } else {
                out.collect(s.inCell(cells.cell(s.point.lat, s.point.lon)));
            }
        }
    }
}
