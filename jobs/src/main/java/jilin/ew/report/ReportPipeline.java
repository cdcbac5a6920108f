package jilin.ew.report;

import jilin.ew.pipeline.DomainPipeline;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.alert.Detection;
import jilin.ew.ingest.Outputs;
import jilin.ew.serde.StringKeySerializer;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.EventType;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/** The hazard report domain: major-hazard alerts, and notices that let reports corroborate other alerts. */
public class ReportPipeline implements DomainPipeline {
    private static final long serialVersionUID = 1L;

    /** Reports, and the definitions that tell what a report's subject is (seed or stream defined). */
    @Override
    public boolean accepts(EventType type) {
        return type == EventType.HAZARD_REPORT || type == EventType.MINE_SENSOR || type == EventType.GAS_STATION
                || type == EventType.VEHICLE_REGISTRATION;
    }

    @Override
    public Result build(DataStream<Envelope> events, BroadcastStream<RuleSet> ruleUpdates, JobSettings settings) {
        SingleOutputStreamOperator<Detection> reports = events
                .flatMap(ReportFunction::keys, ReportFunction.INPUT).name("report: subjects").uid("report-subjects")
                .keyBy(t -> t.f0, StringKeySerializer.TYPE)
                .connect(ruleUpdates)
                .process(new ReportFunction(settings.rules(), settings.reference()))
                .name("report: reports").uid("report-reports");
        return new Result(reports, reports.getSideOutput(Outputs.DEAD_LETTERS));
    }
}
