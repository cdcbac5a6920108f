package jilin.ew.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jilin.ew.testing.Msg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay --webhooks} refuses to start, exit 2, when there is nothing to deliver to or a secret cannot be
 * found, and a broken webhook in the table is refused naming the file and the field; no job runs in any case.
 */
class ReplayWebhookOptionTest {
    private static String[] replayErr(Path dir, String... extra) throws Exception {
        Path input = dir.resolve("in.jsonl");
        Files.writeString(input, Msg.reading("LY001-WF1-T1", 0, 0.3) + "\n");
        String[] args = new String[6 + extra.length];
        System.arraycopy(new String[] {"replay", "--input", input.toString(), "--output",
                dir.resolve("out.jsonl").toString(), "--webhooks"}, 0, args, 0, 6);
        System.arraycopy(extra, 0, args, 6, extra.length);
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = EarlyWarningCli.commandLine().execute(args);
        } finally {
            System.setErr(err);
        }
        return new String[] {String.valueOf(code), buf.toString(StandardCharsets.UTF_8)};
    }

    private static Path seeds(Path dir, String provinceWebhook) throws Exception {
        Path s = Files.createDirectories(dir.resolve("seeds"));
        Files.writeString(s.resolve("routing.json"), "{\"province\":{\"route\":\"province\",\"code\":\"220000\","
                + "\"webhook\":" + provinceWebhook + "}}");
        return s;
    }

    @Test
    void noWebhookInTheTable(@TempDir Path dir) throws Exception {
        String[] r = replayErr(dir);
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("--webhooks: no route of the routing table has a webhook"), r[1]);
    }

    @Test
    void aSecretThatIsNotThere(@TempDir Path dir) throws Exception {
        Path seeds = seeds(dir, "{\"url\":\"http://127.0.0.1:9/\",\"secretEnv\":\"EW_TEST_UNSET_SECRET_7\"}");
        String[] r = replayErr(dir, "--seeds", seeds.toString());
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("webhook of route province: environment variable EW_TEST_UNSET_SECRET_7 is not set"),
                r[1]);
    }

    @Test
    void aBrokenWebhookNamesFileAndField(@TempDir Path dir) throws Exception {
        Path seeds = seeds(dir, "{\"url\":\"mailto:duty@example\",\"secretEnv\":\"E\"}");
        String[] r = replayErr(dir, "--seeds", seeds.toString());
        assertEquals("2", r[0]);
        assertTrue(r[1].contains(seeds.resolve("routing.json") + ": province.webhook.url must be an absolute http or "
                + "https address"), r[1]);
    }
}
