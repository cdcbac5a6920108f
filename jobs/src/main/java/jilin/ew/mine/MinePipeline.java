package jilin.ew.mine;

import java.util.Set;
import jilin.ew.pipeline.DomainPipeline;
import jilin.ew.pipeline.DueKeysOperator;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.alert.Detection;
import jilin.ew.ingest.Outputs;
import jilin.ew.ingest.OwnEventTime;
import jilin.ew.serde.StringKeySerializer;
import jilin.ew.mine.rule.Ch4Escalation;
import jilin.ew.mine.rule.Ch4RapidRise;
import jilin.ew.mine.rule.CoAlarm;
import jilin.ew.mine.rule.MineCepRule;
import jilin.ew.mine.rule.MultiSensor;
import jilin.ew.mine.rule.SensorStuck;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.EventType;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** The coal-mine domain: per-sensor classification, CEP sequence patterns, stuck sensors. */
public class MinePipeline implements DomainPipeline {
    @Override
    public boolean accepts(EventType type) {
        return type == EventType.MINE_SENSOR || type == EventType.MINE_READING;
    }

    @Override
    public Result build(DataStream<Envelope> events, BroadcastStream<RuleSet> ruleUpdates, JobSettings settings) {
        RuleSet rules = settings.rules();
        SingleOutputStreamOperator<Detection> sensors = DueKeysOperator.process(
                        events.keyBy(Envelope::subjectId, StringKeySerializer.TYPE), ruleUpdates,
                        new MineSensorFunction(rules, settings.reference()), TypeInformation.of(Detection.class))
                .name("mine: sensors").uid("mine-sensors");
        DataStream<MineSignal> signals = sensors.getSideOutput(MineSensorFunction.SIGNALS)
                .transform("mine: signal event time", TypeInformation.of(MineSignal.class), new OwnEventTime<>())
                .uid("mine-signal-time");

        DataStream<Detection> escalation = cep(signals, Ch4Escalation.ID, settings);
        DataStream<Detection> rapidRise = cep(signals, Ch4RapidRise.ID, settings);
        DataStream<Detection> multi = cep(signals, MultiSensor.ID, settings);
        DataStream<Detection> coTemp = cep(signals, CoAlarm.ID, settings);
        Set<MineSignal.Kind> stuckInputs = SensorStuck.INPUTS;
        DataStream<Detection> stuck = signals
                .filter(s -> stuckInputs.contains(s.kind()))
                .name("mine: stuck/vary signals").uid("mine-stuck-signals")
                .keyBy(s -> s.districtKey, StringKeySerializer.TYPE)
                .process(new StuckDetector(rules, settings.reference()))
                .name("mine: stuck sensors").uid("mine-stuck");

        DataStream<Detection> all = sensors.union(escalation, rapidRise, multi, coTemp, stuck);
        return new Result(all, sensors.getSideOutput(Outputs.DEAD_LETTERS));
    }

    /** The CEP operators of a rule: its signals keyed as it says, its pattern, its detections. */
    private static DataStream<Detection> cep(DataStream<MineSignal> signals, String ruleId, JobSettings settings) {
        MineCepRule rule = MineCepRule.of(ruleId);
        Set<MineSignal.Kind> kinds = rule.inputs();
        String id = ruleId.toLowerCase().replace('_', '-');
        DataStream<MineSignal> input = signals.filter(s -> kinds.contains(s.kind()))
                .name("mine: signals for " + ruleId).uid(id + "-signals");
        KeyedStream<MineSignal, String> keyed = rule.byDistrict()
                ? input.keyBy(s -> s.districtKey, StringKeySerializer.TYPE)
                : input.keyBy(s -> s.sensorId, StringKeySerializer.TYPE);
        return CEP.pattern(keyed, rule.pattern(settings.rules()), new MineSignal.SameTimeOrder())
                .process(new MinePatterns.ToDetection(ruleId, settings.rules(), settings.reference()))
                .name("mine: CEP " + ruleId).uid(id + "-cep");
    }
}
