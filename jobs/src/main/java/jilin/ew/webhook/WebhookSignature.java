package jilin.ew.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The headers that let a receiver trust a webhook delivery (docs/webhooks.md): an HMAC-SHA256 over the timestamp,
 * the delivery id and the body, so a receiver can check who sent it, refuse a replay outside its time window and
 * drop a redelivery by its id. The JDK's {@code javax.crypto} has all it takes; no library is needed.
 */
public final class WebhookSignature {
    /** {@code v1=} and the lower-case hex HMAC-SHA256 of {@link #signed}. */
    public static final String SIGNATURE = "X-EW-Signature";
    /** Seconds since 1970 (UTC) when this attempt was signed; part of what is signed. */
    public static final String TIMESTAMP = "X-EW-Timestamp";
    /** The route, a slash, the alert id: the same on every attempt and after a restart; part of what is signed. */
    public static final String DELIVERY = "X-EW-Delivery";
    /** Which attempt this is, from 1 (informational, not signed). */
    public static final String ATTEMPT = "X-EW-Attempt";
    /** The route (informational, not signed: it is in the delivery id). */
    public static final String ROUTE = "X-EW-Route";
    static final String VERSION = "v1=";

    private WebhookSignature() {}

    /** The delivery id of an alert on a route: route names have no slash, so the first slash splits the two. */
    public static String deliveryId(String route, String alertId) {
        return route + "/" + alertId;
    }

    /** What is signed: the timestamp, a dot, the delivery id, a dot, the body's bytes. */
    static byte[] signed(long timestampSec, String deliveryId, byte[] body) {
        byte[] head = (timestampSec + "." + deliveryId + ".").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /** The {@link #SIGNATURE} header's value. */
    public static String sign(byte[] secret, long timestampSec, String deliveryId, byte[] body) {
        return VERSION + HexFormat.of().formatHex(hmac(secret, signed(timestampSec, deliveryId, body)));
    }

    /**
     * What a receiver does: true when {@code signature} is the HMAC of this timestamp, delivery id and body under
     * {@code secret} and the timestamp is within {@code toleranceSec} of {@code nowSec}. Compares in constant time.
     */
    public static boolean verify(byte[] secret, String signature, String timestamp, String deliveryId, byte[] body,
                                 long nowSec, long toleranceSec) {
        if (signature == null || timestamp == null || deliveryId == null || !signature.startsWith(VERSION)) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(nowSec - ts) > toleranceSec) {
            return false;
        }
        byte[] expected = sign(secret, ts, deliveryId, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] hmac(byte[] secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }
}
