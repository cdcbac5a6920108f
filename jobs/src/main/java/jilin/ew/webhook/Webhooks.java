package jilin.ew.webhook;

import jilin.ew.job.EarlyWarningJob;
import jilin.ew.reference.Routing;
import jilin.ew.schema.Alert;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.WireCodec;
import jilin.ew.serde.StringKeySerializer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.util.Collector;

/** Wires the webhook output onto the job's outputs (docs/webhooks.md): every notified alert to each of its routes
 * that has a webhook; the deliveries that fail for good come back as dead letters. */
public final class Webhooks {
    private Webhooks() {}

    /**
     * The alerts people are told about: the job's notifications (not inhibited, not silenced, escalations included;
     * without commands, every alert not inhibited).
     */
    public static DataStream<Alert> notified(EarlyWarningJob.JobOutputs out) {
        return out.notifications();
    }

    /**
     * Delivers the notified alerts of {@code out} to the webhooks of {@code routing}; returns the dead letters of
     * deliveries that failed for good, or null when no route has a webhook (then nothing is added to the job).
     */
    public static DataStream<DeadLetter> deliver(EarlyWarningJob.JobOutputs out, Routing routing) {
        if (routing.webhooks().isEmpty()) {
            return null;
        }
        return notified(out)
                .flatMap(new ToDeliveries(routing), TypeInformation.of(WebhookDelivery.class))
                .name("webhooks: one delivery per route").uid("webhook-deliveries")
                .keyBy(d -> d.route, StringKeySerializer.TYPE)
                .transform("webhooks: deliver", TypeInformation.of(DeadLetter.class),
                        new WebhookSender(routing.webhooks()))
                .uid("webhook-sender");
    }

    /** A notified alert as one delivery per route of it that has a webhook, encoded once. */
    static final class ToDeliveries extends RichFlatMapFunction<Alert, WebhookDelivery> {
        private static final long serialVersionUID = 1L;
        private final Routing routing;
        private transient WireCodec codec;

        ToDeliveries(Routing routing) {
            this.routing = routing;
        }

        @Override
        public void open(OpenContext ctx) {
            codec = new WireCodec();
        }

        @Override
        public void flatMap(Alert a, Collector<WebhookDelivery> out) {
            String json = null;
            for (String route : routing.routes(a)) {
                if (routing.webhooks().containsKey(route)) {
                    json = json == null ? codec.encode(a) : json;
                    out.collect(new WebhookDelivery(route, a.alertId, json, a.lastEventTs));
                }
            }
        }
    }
}
