package jilin.ew.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/early-warning} builds only the command it is asked for, and behaves as with every command built: help
 * lists them all, an unknown command and bad options exit 2 with the same message.
 */
class EarlyWarningCliTest {
    private static final List<String> ALL = List.of("demo", "replay", "simulate", "validate-rules", "rules", "record",
            "backtest", "run", "topics", "jt808-gateway", "mine-files", "board", "users");

    @Test
    void aNamedCommandIsTheOnlyOneBuilt() {
        CommandLine cl = EarlyWarningCli.commandLine(new String[] {"replay", "--input", "x.jsonl"});
        assertEquals(List.of("replay"), List.copyOf(cl.getSubcommands().keySet()));
    }

    @Test
    void helpAndAnythingElseGetEveryCommandInOrder() {
        assertEquals(ALL, List.copyOf(EarlyWarningCli.commandLine().getSubcommands().keySet()));
        for (String[] args : new String[][] {{}, {"--help"}, {"no-such-command"}, {"--version"}}) {
            assertEquals(ALL, List.copyOf(EarlyWarningCli.commandLine(args).getSubcommands().keySet()),
                    String.join(" ", args));
        }
    }

    @Test
    void errorsReadTheSameEitherWay() {
        String[][] cases = {{"no-such-command"}, {"replay", "--no-such-option"}, {"replay"}, {"rules", "--bogus"}};
        for (String[] args : cases) {
            assertEquals(run(EarlyWarningCli.commandLine(), args), run(EarlyWarningCli.commandLine(args), args),
                    String.join(" ", args));
            assertTrue(run(EarlyWarningCli.commandLine(args), args).startsWith("2 early-warning: "),
                    run(EarlyWarningCli.commandLine(args), args));
        }
    }

    @Test
    void replayRefusesAParallelismBelowOneNamingTheOption(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("in.jsonl"), "");
        for (String p : new String[] {"0", "-1"}) {
            PrintStream before = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = EarlyWarningCli.commandLine().execute("replay", "--input", input.toString(), "--output",
                        dir.resolve("out.jsonl").toString(), "--parallelism", p);
            } finally {
                System.setErr(before);
            }
            assertEquals(2, code, "exit code for --parallelism " + p);
            assertEquals("early-warning replay: --parallelism must be 1 or more, not " + p,
                    err.toString(StandardCharsets.UTF_8).trim());
        }
    }

    private static String run(CommandLine cl, String[] args) {
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return code + " " + err;
    }
}
