package jilin.ew.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** What a receiver checks: the signature of timestamp, delivery id and body under its secret, and the time window. */
class WebhookSignatureTest {
    private static final byte[] SECRET = "s3cret".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"alertId\":\"A/1/1\"}".getBytes(StandardCharsets.UTF_8);
    private static final String ID = WebhookSignature.deliveryId("province", "A/1/1");

    @Test
    void theSignatureIsAPlainHmacSha256ThatAnyReceiverCanRecompute() throws Exception {
        // as docs/webhooks.md tells a receiver to compute it, independently of WebhookSignature
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
        byte[] expected = mac.doFinal(("1781049700.province/A/1/1." + new String(BODY, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        assertEquals("province/A/1/1", ID);
        assertEquals("v1=" + java.util.HexFormat.of().formatHex(expected),
                WebhookSignature.sign(SECRET, 1781049700L, ID, BODY));
    }

    @Test
    void verifiesOnlyTheSameSecretBodyIdAndAFreshTimestamp() {
        String sig = WebhookSignature.sign(SECRET, 1000, ID, BODY);
        assertTrue(WebhookSignature.verify(SECRET, sig, "1000", ID, BODY, 1100, 300));
        assertFalse(WebhookSignature.verify("wrong".getBytes(StandardCharsets.UTF_8), sig, "1000", ID, BODY, 1100, 300),
                "a wrong secret");
        assertFalse(WebhookSignature.verify(SECRET, sig, "1000", ID, "{}".getBytes(StandardCharsets.UTF_8), 1100, 300),
                "another body");
        assertFalse(WebhookSignature.verify(SECRET, sig, "1000", "province/A/1/2", BODY, 1100, 300), "another id");
        assertFalse(WebhookSignature.verify(SECRET, sig, "1001", ID, BODY, 1100, 300), "another timestamp");
        assertFalse(WebhookSignature.verify(SECRET, sig, "1000", ID, BODY, 1301, 300), "a replay after the window");
        assertFalse(WebhookSignature.verify(SECRET, null, "1000", ID, BODY, 1100, 300));
        assertFalse(WebhookSignature.verify(SECRET, sig, "not-a-number", ID, BODY, 1100, 300));
    }
}
