package jilin.ew.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate} as a user types it, the simulators' only command-line entry: files written, bad arguments refused. */
class SimulateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void minesAloneWriteTheRecordingAndTheMineLabelsForm() throws Exception {
        Path out = dir.resolve("m.jsonl");
        Path lab = dir.resolve("l.jsonl");
        assertEquals(0, GatewayCommandsTest.run(new StringWriter(), "simulate", "--output", out.toString(),
                "--labels", lab.toString(), "--hours", "3", "--mines", "4", "--seed", "42"));
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.size() > 1000, "messages: " + lines.size());
        assertTrue(lines.get(0).startsWith("{\"type\":\"mine.reading\",\"ts\":\"2026-03-20T08:00"), lines.get(0));
        List<String> labels = Files.readAllLines(lab);
        assertFalse(labels.isEmpty());
        for (String l : labels) {
            JsonNode n = JSON.readTree(l);
            // mines alone: no domain, and a one-sensor scenario names its sensor, as this file always did
            assertFalse(n.has("domain"), l);
            assertTrue(n.has("sensorIds") && n.path("scenarioId").asText().startsWith("S"), l);
        }
    }

    @Test
    void severalDomainsWriteTheMixedLabelsForm() throws Exception {
        Path out = dir.resolve("x.jsonl");
        Path lab = dir.resolve("y.jsonl");
        assertEquals(0, GatewayCommandsTest.run(new StringWriter(), "simulate", "--output", out.toString(),
                "--labels", lab.toString(), "--hours", "5", "--mines", "3", "--domains", "mine,gas"));
        for (String l : Files.readAllLines(lab)) {
            JsonNode n = JSON.readTree(l);
            assertTrue(n.has("domain") && !n.has("sensorId"), l);
        }
    }

    @Test
    void badArgumentsExit2() {
        String[][] bad = {
            {"simulate", "--output", dir.resolve("a").toString(), "--hours"},
            {"simulate", "--output", dir.resolve("b").toString(), "--bogus", "1"},
            {"simulate", "--output", dir.resolve("c").toString(), "--domains", "mine,trains"},
            {"simulate", "--output", dir.resolve("d").toString(), "--start", "yesterday"},
            {"simulate", "--labels", dir.resolve("e").toString()},
        };
        for (String[] args : bad) {
            StringWriter err = new StringWriter();
            assertEquals(2, GatewayCommandsTest.run(err, args), String.join(" ", args));
            assertTrue(err.toString().contains("usage: "), String.join(" ", args) + ": " + err);
        }
    }
}
