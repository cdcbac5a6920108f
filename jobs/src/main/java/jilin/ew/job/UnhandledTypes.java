package jilin.ew.job;

import java.util.List;
import jilin.ew.ingest.Outputs;
import jilin.ew.pipeline.DomainPipeline;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Envelope;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** Dead-letters valid messages that no deployed domain handles, so nothing disappears silently. */
final class UnhandledTypes extends ProcessFunction<Envelope, Envelope> {
    private static final long serialVersionUID = 1L;
    private final List<DomainPipeline> domains;

    UnhandledTypes(List<DomainPipeline> domains) {
        this.domains = domains;
    }

    @Override
    public void processElement(Envelope e, Context ctx, Collector<Envelope> out) {
        for (DomainPipeline d : domains) {
            if (d.accepts(e.type)) {
                return;
            }
        }
        ctx.output(Outputs.DEAD_LETTERS, DeadLetter.of("no-domain", "type", "no domain of this deployment handles '"
                + e.type.wireName() + "' messages", e.raw, e.ts));
    }
}
