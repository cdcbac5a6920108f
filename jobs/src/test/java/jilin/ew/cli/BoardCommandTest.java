package jilin.ew.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jilin.ew.board.Geography;
import jilin.ew.board.Users;
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

    @Test
    void anOpenBoardServesThisMachineOnlyAndAUsersFileMustExist() {
        String[] r = run("board", "--kafka", "127.0.0.1:1", "--open-board", "--board-host", "0.0.0.0");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("--open-board serves only 127.0.0.1"), r[1]);
        r = run("board", "--kafka", "127.0.0.1:1", "--users", "no/such/users.json");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("--users no/such/users.json: no such file"), r[1]);
    }

    @Test
    void usersAddStoresOnlyABcryptHashOfThePasswordFromStdin() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "users-");
        Path file = dir.resolve("users.json");
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("S3cret-pass\n".getBytes(StandardCharsets.UTF_8)));
            String[] r = run("users", "add", "--file", file.toString(), "--name", "cc-duty", "--role", "PREFECTURE",
                    "--prefecture", "220100");
            assertEquals("0", r[0], r[1]);
            System.setIn(new ByteArrayInputStream("x\n".getBytes(StandardCharsets.UTF_8)));
            r = run("users", "add", "--file", file.toString(), "--name", "op", "--role", "OPERATOR");
            assertEquals("2", r[0]);
            assertTrue(r[1].contains("operatorId"), r[1]);
        } finally {
            System.setIn(stdin);
        }
        String text = Files.readString(file);
        assertTrue(!text.contains("S3cret-pass") && text.contains("$2a$"), text);
        Users users = Users.load(file, Geography.defaults());
        assertEquals(Users.Role.PREFECTURE, users.check("cc-duty", "S3cret-pass").role());
    }

    @Test
    void theDemoMakesAProvinceLoginWithARandomPassword() {
        BoardOptions o = new BoardOptions();
        String pw = o.generateDemoUser();
        assertTrue(pw.length() >= 16, pw);
        assertEquals(Users.Role.PROVINCE, o.generated.check("demo", pw).role());
        assertTrue(!pw.equals(new BoardOptions().generateDemoUser()), "a new password every run");
        BoardOptions open = new BoardOptions();
        open.openBoard = true;
        assertEquals(null, open.generateDemoUser(), "--open-board: no login to print");
        String usage = EarlyWarningCli.commandLine().getSubcommands().get("demo").getUsageMessage();
        assertTrue(usage.contains("--users") && usage.contains("--open-board") && usage.contains("--audit-log"),
                usage);
    }
}
