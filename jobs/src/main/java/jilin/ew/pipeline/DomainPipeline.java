package jilin.ew.pipeline;

import jilin.ew.alert.Detection;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.EventType;
import jilin.ew.rules.RuleSet;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;

/** One domain's part of the job: which messages it takes, and the detections and dead letters it makes of them. */
public interface DomainPipeline extends java.io.Serializable {
    /** Whether this domain handles messages of the type. */
    boolean accepts(EventType type);

    /**
     * Wires the domain's operators onto its (event-timed) messages. Functions that read thresholds connect
     * to {@code ruleUpdates} (see {@link jilin.ew.rules.RuleAwareFunction}) so rule changes apply live.
     */
    Result build(DataStream<Envelope> events, BroadcastStream<RuleSet> ruleUpdates, JobSettings settings);

    /** What a domain hands back to the shared stages. */
    final class Result {
        public final DataStream<Detection> detections;
        public final DataStream<DeadLetter> deadLetters;

        public Result(DataStream<Detection> detections, DataStream<DeadLetter> deadLetters) {
            this.detections = detections;
            this.deadLetters = deadLetters;
        }
    }
}
