package jilin.ew.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jilin.ew.io.BoundedLineReader;
import jilin.ew.testing.Msg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import jilin.ew.mine.rule.Ch4Alarm;

/**
 * {@code replay} over a recording with a 100 MB line and no newline in it, in a JVM of 64 MB heap: the line becomes
 * one too-long dead letter, the lines after it still alert, and the command exits 0 (before, the whole line was
 * read into memory and the JVM ran out of heap).
 */
class ReplayOverlongLineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long HUGE = 100L * 1024 * 1024;

    @Test
    void aHundredMegabyteLineIsOneDeadLetterAndTheLinesAfterItAlert(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("huge-line.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            w.write(Msg.reading("LY001-WF1-T1", 0, 0.3));
            w.write('\n');
            String start = "{\"type\":\"mine.reading\",\"note\":\"";
            w.write(start);
            char[] block = new char[1 << 16];
            java.util.Arrays.fill(block, 'x');
            long written = start.length();
            while (written < HUGE) {
                int n = (int) Math.min(block.length, HUGE - written);
                w.write(block, 0, n);
                written += n;
            }
            w.write('\n');
            for (int i = 1; i <= 6; i++) {
                w.write(Msg.reading("LY001-WF1-T1", i * 25L, 1.2));
                w.write('\n');
            }
        }
        Path alerts = dir.resolve("alerts.jsonl");
        Path dead = dir.resolve("dead.jsonl");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                // the heap is what is bounded; Flink's network buffers are direct memory (64 MB by default)
                "-XX:MaxDirectMemorySize=256m",
                "-cp", System.getProperty("java.class.path"), EarlyWarningCli.class.getName(),
                "replay", "--input", input.toString(), "--output", alerts.toString(),
                "--dead-letter", dead.toString()));
        File log = dir.resolve("replay.log").toFile();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
        }
        String out = Files.readString(log.toPath());
        String tail = out.length() > 4000 ? out.substring(out.length() - 4000) : out;
        assertEquals(0, p.exitValue(), tail);

        List<String> deadLines = Files.readAllLines(dead);
        assertEquals(1, deadLines.size(), tail);
        JsonNode d = JSON.readTree(deadLines.get(0));
        assertEquals("too-long", d.path("reason").asText());
        assertEquals(BoundedLineReader.HEAD_CHARS, d.path("raw").asText().length());
        assertTrue(d.path("raw").asText().startsWith("{\"type\":\"mine.reading\",\"note\":\"xxx"),
                d.path("detail").asText());
        assertTrue(d.path("detail").asText().contains("line of " + HUGE + " characters"),
                d.path("detail").asText());

        boolean alarm = false;
        for (String l : Files.readAllLines(alerts)) {
            JsonNode a = JSON.readTree(l);
            alarm |= a.path("ruleId").asText().equals(Ch4Alarm.ID)
                    && a.path("subjectId").asText().equals("LY001-WF1-T1") && a.path("status").asText().equals("NEW");
        }
        assertTrue(alarm, "the readings after the long line alert: " + Files.readAllLines(alerts) + "\n" + tail);
        assertTrue(out.contains("messages read: 8"), tail);
    }
}
