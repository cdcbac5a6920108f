package jilin.ew.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The gateway commands as a user types them: bad arguments exit 2 with a usage line; mine-files --once to a file. */
class GatewayCommandsTest {
    @TempDir
    Path dir;

    static int run(StringWriter err, String... args) {
        CommandLine cl = EarlyWarningCli.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void badArgumentsExit2WithAUsageLine() {
        String[][] bad = {
            {"jt808-gateway", "--kafka", "127.0.0.1:9092"},                                  // no --listen
            {"jt808-gateway", "--listen", "nowhere", "--output", "x.jsonl"},                 // not HOST:PORT
            {"jt808-gateway", "--listen", "127.0.0.1:0"},                                     // no output
            {"jt808-gateway", "--listen", "127.0.0.1:0", "--kafka", "h:1", "--output", "x"},  // both outputs
            {"mine-files", "--watch", "/no/such/folder", "--output", "x.jsonl"},
            {"mine-files", "--watch", ".", "--output", "x.jsonl", "--kafka", "h:1"},
            {"mine-files", "--watch", ".", "--output", "x.jsonl", "--mapping", "/no/such/mapping.json"},
            {"simulate", "--jt808", "127.0.0.1:1", "--kafka", "127.0.0.1:9092"},
            {"simulate", "--jt808", "127.0.0.1:1", "--domains", "mine"},
            {"simulate", "--jt808", "127.0.0.1:1", "--jt808-version", "2011"},
        };
        for (String[] args : bad) {
            StringWriter err = new StringWriter();
            assertEquals(2, run(err, args), String.join(" ", args));
            assertTrue(err.toString().contains("usage: "), String.join(" ", args) + ": " + err);
        }
    }

    @Test
    void simulateJt808PlaysTheVehiclesThrough2019TerminalsIntoTheGateway() throws Exception {
        jilin.ew.gateway.jt808.Jt808Gateway.Config c = new jilin.ew.gateway.jt808.Jt808Gateway.Config();
        c.host = "127.0.0.1";
        c.port = 0;
        Path positions = dir.resolve("positions.jsonl");
        Path dead = dir.resolve("dead.jsonl");
        try (jilin.ew.gateway.JsonlOutput out = new jilin.ew.gateway.JsonlOutput(positions, dead)) {
            jilin.ew.gateway.jt808.Jt808Gateway g = new jilin.ew.gateway.jt808.Jt808Gateway(c,
                    jilin.ew.gateway.jt808.TerminalDirectory.load(null, Jt808GatewayCommand.DEV_SECRET), out);
            try {
                int port = g.start().getPort();
                assertEquals(0, run(new StringWriter(), "simulate", "--jt808", "127.0.0.1:" + port,
                        "--jt808-version", "2019", "--hours", "0.5", "--rate", "1000000", "--no-scenarios"));
            } finally {
                g.close();
            }
            out.flush();
            assertEquals(32, g.stats().accepted.get(), "one connection per seeded vehicle");
        }
        // the recording the same options write to a file, position for position
        Path rec = dir.resolve("rec.jsonl");
        assertEquals(0, run(new StringWriter(), "simulate", "--output", rec.toString(), "--domains", "vehicle",
                "--hours", "0.5", "--no-scenarios"));
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> expected = new java.util.ArrayList<>();
        for (String l : Files.readAllLines(rec)) {
            com.fasterxml.jackson.databind.JsonNode n = json.readTree(l);
            expected.add(n.path("vehicleId").asText() + " " + n.path("ts").asText() + " " + n.path("lat").asDouble()
                    + " " + n.path("lon").asDouble() + " " + n.path("speedKmh").asDouble());
        }
        List<String> got = new java.util.ArrayList<>();
        for (String l : Files.readAllLines(positions)) {
            com.fasterxml.jackson.databind.JsonNode n = json.readTree(l);
            got.add(n.path("vehicleId").asText() + " " + n.path("ts").asText() + " " + n.path("lat").asDouble()
                    + " " + n.path("lon").asDouble() + " " + n.path("speedKmh").asDouble());
        }
        assertEquals(expected, got);
        assertTrue(!Files.exists(dead) || Files.readAllLines(dead).isEmpty(), "no dead letters");
    }

    @Test
    void mineFilesOnceWritesTheMessagesAndQuarantinesTheRest() throws Exception {
        Path in = Files.createDirectories(dir.resolve("upload"));
        Files.write(in.resolve("220402001_AQSS_20260320080000.txt"),
                "220402001;德盛煤矿;2026-03-20 08:00:00~001A01;0001;0.42;0;2026-03-20 08:00:00~\n"
                        .getBytes(Charset.forName("GBK")));
        Files.write(in.resolve("220402001_AQSS_20260320080010.txt"), "220402001;德盛煤矿;2026-03-20"
                .getBytes(Charset.forName("GBK")));
        Path out = dir.resolve("out.jsonl");
        assertEquals(0, run(new StringWriter(), "mine-files", "--watch", in.toString(), "--once", "--output",
                out.toString(), "--dead-letter", dir.resolve("dead.jsonl").toString()));
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).contains("\"sensorId\":\"LY001-001A01\""), lines.get(0));
        assertTrue(Files.exists(in.resolve("quarantine/220402001_AQSS_20260320080010.txt.reason.txt")));
        // run again: nothing new
        assertEquals(0, run(new StringWriter(), "mine-files", "--watch", in.toString(), "--once", "--output",
                out.toString()));
        assertEquals(1, Files.readAllLines(out, StandardCharsets.UTF_8).size());
    }
}
