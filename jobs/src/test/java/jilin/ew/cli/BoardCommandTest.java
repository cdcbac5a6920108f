package jilin.ew.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;

/** The board's options on the command line: bad ones exit 2 with a message naming them, before anything starts. */
class BoardCommandTest {
    private static String[] run(String... args) {
        CommandLine cl = EarlyWarningCli.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int rc = cl.execute(args);
        return new String[] {Integer.toString(rc), err.toString()};
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        String[] r = run("board", "--kafka", "127.0.0.1:1", "--board-port", "70000");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("--board-port 70000"), r[1]);
    }

    @Test
    void aMissingMapFileIsRefused() {
        String[] r = run("demo", "--board-map", "no/such/map.json", "--hours", "6");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("--board-map no/such/map.json: no such file"), r[1]);
    }

    @Test
    void theBoardCommandNeedsKafka() {
        String[] r = run("board");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("--kafka"), r[1]);
    }

    @Test
    void demoHelpListsTheBoardOptions() {
        CommandLine cl = EarlyWarningCli.commandLine();
        String usage = cl.getSubcommands().get("demo").getUsageMessage();
        assertTrue(usage.contains("--board-port") && usage.contains("--no-board") && usage.contains("--board-map"),
                usage);
    }
}
