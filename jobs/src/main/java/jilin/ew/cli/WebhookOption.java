package jilin.ew.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;
import jilin.ew.job.EarlyWarningJob;
import jilin.ew.reference.Routing;
import jilin.ew.reference.Webhook;
import jilin.ew.schema.DeadLetter;
import jilin.ew.webhook.Webhooks;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The {@code --webhooks} choice of the local commands (replay, demo): off unless asked for (docs/webhooks.md). */
final class WebhookOption {
    private WebhookOption() {}

    /**
     * The webhook wiring for a local run, or null for none. Asked for: the table must have webhooks whose secrets
     * are found here, else an IllegalArgumentException says what is wrong. Not asked for while the table has
     * webhooks: a line says they are left out.
     */
    static Function<EarlyWarningJob.JobOutputs, DataStream<DeadLetter>> wire(String command, boolean on,
                                                                             Routing routing, PrintStream out) {
        if (!on) {
            if (!routing.webhooks().isEmpty()) {
                out.println(command + ": the routing table has " + routing.webhooks().size()
                        + " webhooks; not delivered (--webhooks delivers them)");
            }
            return null;
        }
        if (routing.webhooks().isEmpty()) {
            throw new IllegalArgumentException("--webhooks: no route of the routing table has a webhook "
                    + "(give --seeds DIR with a routing.json that has some; see docs/webhooks.md)");
        }
        check(routing);
        out.println("webhooks: " + routing.webhooks().values());
        return o -> Webhooks.deliver(o, routing);
    }

    /** Refuses to start when a webhook's secret cannot be found here (a job would fail on every start). */
    static void check(Routing routing) {
        List<String> problems = Webhook.secretProblems(routing.webhooks().values());
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
