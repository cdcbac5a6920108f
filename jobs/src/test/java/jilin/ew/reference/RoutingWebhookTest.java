package jilin.ew.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A route's webhook in the routing table: what is read, its defaults, and every refusal naming file and field. */
class RoutingWebhookTest {
    private static Routing read(String province, String operatorWebhook) throws IOException {
        String json = "{\"province\":{\"route\":\"province\",\"code\":\"220000\"" + province + "},"
                + "\"prefectures\":[{\"code\":\"220400\",\"route\":\"prefecture-220400\"}],"
                + "\"operators\":[{\"operatorId\":\"OP-LY-01\",\"route\":\"operator-OP-LY-01\"" + operatorWebhook + "}]}";
        return Routing.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "my-routing.json");
    }

    private static String refusal(String province, String operatorWebhook) {
        return assertThrows(IllegalArgumentException.class, () -> read(province, operatorWebhook)).getMessage();
    }

    @Test
    void theShippedTableHasNoWebhook() {
        assertEquals(0, Reference.classpath().routing().webhooks().size());
    }

    @Test
    void aWebhookWithItsDefaults(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("s");
        Files.writeString(secret, "  s3cret\n");
        Routing r = read("", ",\"webhook\":{\"url\":\"https://ops.example/hook?t=1\",\"secretFile\":\"" + secret + "\"}");
        Webhook w = r.webhooks().get("operator-OP-LY-01");
        assertEquals(List.of("operator-OP-LY-01"), List.copyOf(r.webhooks().keySet()));
        assertEquals(5, w.maxAttempts());
        assertEquals(10_000, w.timeoutMs());
        // 1 s, doubled after each failed attempt, at most 60 s
        assertEquals(List.of(1000L, 2000L, 4000L, 8000L), List.of(w.backoffMs(2), w.backoffMs(3), w.backoffMs(4),
                w.backoffMs(5)));
        assertEquals(60_000, w.backoffMs(12));
        assertArrayEquals("s3cret".getBytes(StandardCharsets.UTF_8), w.secret(), "the file's content, stripped");
        assertEquals("operator-OP-LY-01 -> https://ops.example", w.toString(), "no path or query in messages");
    }

    @Test
    void refusalsNameTheFileAndTheField() {
        assertEquals("my-routing.json: province.webhook.url is required (the receiver's http or https address)",
                refusal(",\"webhook\":{\"secretEnv\":\"EW_HOOK\"}", ""));
        assertTrue(refusal("", ",\"webhook\":{\"url\":\"ftp://x/y\",\"secretEnv\":\"E\"}")
                .startsWith("my-routing.json: operators[0].webhook.url must be an absolute http or https address"));
        assertEquals("my-routing.json: operators[0].webhook.secretEnv or .secretFile is required (where the signing "
                + "secret is found)", refusal("", ",\"webhook\":{\"url\":\"http://127.0.0.1:1/\"}"));
        assertEquals("my-routing.json: operators[0].webhook: give only one of secretEnv and secretFile",
                refusal("", ",\"webhook\":{\"url\":\"http://h/\",\"secretEnv\":\"E\",\"secretFile\":\"/f\"}"));
        String inline = refusal("", ",\"webhook\":{\"url\":\"http://h/\",\"secretEnv\":\"E\",\"secret\":\"hunter2\"}");
        assertTrue(inline.startsWith("my-routing.json: operators[0].webhook.secret is refused"), inline);
        assertTrue(!inline.contains("hunter2"), "the refusal does not repeat the secret");
        // every problem at once, one line each
        String many = refusal(",\"webhook\":{\"url\":\"http://h/\",\"secretEnv\":\"E\",\"maxAttempts\":0}",
                ",\"webhook\":{\"url\":\"http://h/\",\"secretEnv\":\"E\",\"backoff\":{\"initialMs\":500,\"maxMs\":100},"
                        + "\"timeoutMs\":0}");
        assertEquals(List.of("my-routing.json: province.webhook.maxAttempts must be 1 to 20, not 0",
                "my-routing.json: operators[0].webhook.backoff.maxMs must be at least backoff.initialMs (500), not 100",
                "my-routing.json: operators[0].webhook.timeoutMs must be 1 to 300000, not 0"), List.of(many.split("\n")));
    }

    @Test
    void aSeedFolderNamesItsOwnFile(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("routing.json"), "{\"province\":{\"route\":\"province\",\"webhook\":"
                + "{\"url\":\"http://h/\"}}}");
        String m = assertThrows(IllegalArgumentException.class, () -> Routing.directory(dir)).getMessage();
        assertTrue(m.startsWith(dir.resolve("routing.json") + ": province.webhook.secretEnv or .secretFile"), m);
    }

    @Test
    void aSecretThatCannotBeFoundIsSaidBeforeStart(@TempDir Path dir) throws IOException {
        Routing r = read(",\"webhook\":{\"url\":\"http://h/\",\"secretEnv\":\"EW_TEST_NO_SUCH_VARIABLE_42\"}",
                ",\"webhook\":{\"url\":\"http://h/\",\"secretFile\":\"" + dir.resolve("missing") + "\"}");
        assertEquals(List.of("webhook of route province: environment variable EW_TEST_NO_SUCH_VARIABLE_42 is not set",
                "webhook of route operator-OP-LY-01: secret file " + dir.resolve("missing") + " cannot be read"),
                Webhook.secretProblems(r.webhooks().values()));
    }
}
