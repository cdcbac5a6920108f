package jilin.ew;

import java.util.List;
import jilin.ew.io.Outputs;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.EventType;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends each message to the one domain that handles its type (a side output per domain), and dead-letters
 * valid messages no deployed domain handles. One router instead of a filter per domain: chained operators
 * copy every record they receive, so a filter per domain cost a copy of every message per domain.
 */
final class DomainRouter extends ProcessFunction<Envelope, Envelope> {
    private static final long serialVersionUID = 1L;
    private final List<DomainPipeline> domains;
    private final OutputTag<Envelope>[] tags;
    /** Domain index by event type ordinal, -1 for none: computed once, not per message. */
    private final int[] byType;

    @SuppressWarnings("unchecked")
    DomainRouter(List<DomainPipeline> domains) {
        this.domains = domains;
        this.tags = new OutputTag[domains.size()];
        for (int i = 0; i < domains.size(); i++) {
            tags[i] = tag(domains.get(i));
        }
        byType = new int[EventType.values().length];
        for (EventType t : EventType.values()) {
            byType[t.ordinal()] = -1;
            for (int i = domains.size() - 1; i >= 0; i--) {
                if (domains.get(i).accepts(t)) {
                    byType[t.ordinal()] = i;
                }
            }
        }
    }

    static OutputTag<Envelope> tag(DomainPipeline d) {
        return new OutputTag<>("domain-" + d.getClass().getSimpleName()) {};
    }

    OutputTag<Envelope> tagOf(int domain) {
        return tags[domain];
    }

    @Override
    public void processElement(Envelope e, Context ctx, Collector<Envelope> out) {
        int d = byType[e.type.ordinal()];
        if (d >= 0) {
            ctx.output(tags[d], e);
        } else {
            ctx.output(Outputs.DEAD_LETTERS, DeadLetter.of("no-domain", "type", "no domain of this deployment handles '"
                    + e.type.wireName() + "' messages", e.raw, e.ts));
        }
    }
}
