package jilin.ew.vehicle;

import jilin.ew.pipeline.DomainPipeline;
import jilin.ew.pipeline.DueKeysOperator;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.alert.Detection;
import jilin.ew.ingest.Outputs;
import jilin.ew.serde.StringKeySerializer;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.EventType;
import jilin.ew.vehicle.rule.DownhillRunaway;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.cep.CEP;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** The key-vehicle domain (两客一危): per-vehicle rules on positions matched to dangerous road sections, runaway CEP. */
public class VehiclePipeline implements DomainPipeline {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean accepts(EventType type) {
        return type == EventType.VEHICLE_REGISTRATION || type == EventType.VEHICLE_POSITION;
    }

    @Override
    public Result build(DataStream<Envelope> events, BroadcastStream<RuleSet> ruleUpdates, JobSettings settings) {
        RuleSet rules = settings.rules();
        SingleOutputStreamOperator<Detection> vehicles = DueKeysOperator.process(
                        events.keyBy(Envelope::subjectId, StringKeySerializer.TYPE), ruleUpdates,
                        new VehicleFunction(rules, settings.reference()), TypeInformation.of(Detection.class))
                .name("vehicle: positions").uid("vehicle-positions");
        DataStream<VehicleSignal> signals = vehicles.getSideOutput(VehicleFunction.SIGNALS);
        DataStream<Detection> all = vehicles;
        if (rules.rules().containsKey(DownhillRunaway.ID)) {
            DataStream<Detection> runaway = CEP.pattern(signals.keyBy(s -> s.vehicleId, StringKeySerializer.TYPE),
                            DownhillRunaway.pattern(rules))
                    .process(new DownhillRunaway.ToDetection(rules, settings.reference()))
                    .name("vehicle: CEP " + DownhillRunaway.ID).uid("veh-downhill-runaway-cep");
            all = vehicles.union(runaway);
        }
        return new Result(all, vehicles.getSideOutput(Outputs.DEAD_LETTERS));
    }
}
