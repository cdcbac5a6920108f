package jilin.ew.job;

import java.util.ArrayList;
import java.util.List;
import jilin.ew.ingest.Outputs;
import jilin.ew.pipeline.DomainPipeline;
import jilin.ew.rules.RuleBroadcast;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.EventType;
import jilin.ew.serde.EnvelopeType;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Hands each message to the domains that take its type, each on its own side output ({@link #domain}), and
 * dead-letters a valid message no deployed domain handles, so nothing disappears silently. It also carries the
 * job's empty rules stream ({@link RuleBroadcast#NONE}) when no rule updates come.
 *
 * <p>One operator, not a filter per domain: on a dense recording every message went through each domain's filter,
 * an unhandled-type check and the empty rules stream's operator, six calls in the chain of the task that decodes,
 * which is the busiest thread of a replay (docs/performance.md, one operator routes to the domains).
 */
final class DomainRouter extends ProcessFunction<Envelope, Envelope> {
    private static final long serialVersionUID = 1L;

    private final List<OutputTag<Envelope>> tags;
    /** The side outputs of each event type, by its ordinal: a table, so a message costs one lookup. */
    private final OutputTag<Envelope>[][] byType;

    @SuppressWarnings("unchecked")
    DomainRouter(List<DomainPipeline> domains) {
        this.tags = new ArrayList<>();
        for (DomainPipeline d : domains) {
            tags.add(new OutputTag<>(name(d) + "-in", EnvelopeType.INSTANCE));
        }
        EventType[] types = EventType.values();
        this.byType = new OutputTag[types.length][];
        for (EventType t : types) {
            List<OutputTag<Envelope>> to = new ArrayList<>();
            for (int i = 0; i < domains.size(); i++) {
                if (domains.get(i).accepts(t)) {
                    to.add(tags.get(i));
                }
            }
            byType[t.ordinal()] = to.toArray(new OutputTag[0]);
        }
    }

    /** The side output of the {@code i}th domain given to the constructor. */
    OutputTag<Envelope> domain(int i) {
        return tags.get(i);
    }

    /** A domain's short name, as its operators are named: "mine" for the {@code MinePipeline}. */
    static String name(DomainPipeline d) {
        return d.getClass().getSimpleName().replace("Pipeline", "").toLowerCase();
    }

    @Override
    public void processElement(Envelope e, Context ctx, Collector<Envelope> out) {
        OutputTag<Envelope>[] to = byType[e.type.ordinal()];
        if (to.length == 0) {
            ctx.output(Outputs.DEAD_LETTERS, DeadLetter.of("no-domain", "type", "no domain of this deployment handles '"
                    + e.type.wireName() + "' messages", e.raw, e.ts));
            return;
        }
        for (OutputTag<Envelope> tag : to) {
            ctx.output(tag, e);
        }
    }
}
