package jilin.ew.webhook;

/** One notified alert for one route's webhook, already encoded: what the webhook operator queues per route. */
public class WebhookDelivery {
    public String route;
    public String alertId;
    /** The alert in the wire contract's JSON ({@code WireCodec.encode}): the request body. */
    public String json;
    /** The alert's last event time, kept for the dead letter when delivery fails. */
    public long ts;

    public WebhookDelivery() {}

    public WebhookDelivery(String route, String alertId, String json, long ts) {
        this.route = route;
        this.alertId = alertId;
        this.json = json;
        this.ts = ts;
    }
}
