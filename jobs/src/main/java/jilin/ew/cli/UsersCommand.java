package jilin.ew.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import jilin.ew.board.Geography;
import jilin.ew.board.Users;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code users add}: adds a board user to a users file, its password read from stdin and stored as a bcrypt hash. */
@Command(name = "users", mixinStandardHelpOptions = true,
        description = "Manage the board's users file (docs/board.md).", subcommands = UsersCommand.Add.class)
public class UsersCommand implements Callable<Integer> {
    @Spec CommandSpec cmd;

    @Override
    public Integer call() {
        throw new ParameterException(cmd.commandLine(), "give a subcommand: users add");
    }

    /** Adds (or replaces) one user. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a user to the board's users file (created if missing), or replace the user of that"
                    + " name. The password is read from stdin (one line; typed without echo on a terminal) and"
                    + " stored only as a bcrypt hash.",
                    "Example: echo 'S3cret-pass' | early-warning users add --file users.json --name cc-duty"
                            + " --role PREFECTURE --prefecture 220100"})
    public static class Add implements Callable<Integer> {
        @Option(names = "--file", required = true, paramLabel = "FILE", description = "the users file (JSON)")
        Path file;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "login name (A-Z a-z 0-9 . _ -)")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "PROVINCE, PREFECTURE, OPERATOR or ANALYST")
        Users.Role role;

        @Option(names = "--prefecture", paramLabel = "CODE", description = "PREFECTURE: its code, e.g. 220100")
        String prefecture;

        @Option(names = "--operator", paramLabel = "ID", description = "OPERATOR: its operatorId, e.g. OP-LY-01")
        String operatorId;

        @Spec CommandSpec cmd;

        @Override
        public Integer call() throws Exception {
            String password;
            Console console = System.console();
            if (console != null) {
                char[] pw = console.readPassword("password for %s: ", name);
                password = pw == null ? "" : new String(pw);
            } else {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line = in.readLine();
                password = line == null ? "" : line;
            }
            try {
                Users.User u = new Users.User(name, role, prefecture, operatorId, Users.hash(password));
                Users.addToFile(file, u, Geography.defaults());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(cmd.commandLine(), e.getMessage());
            }
            cmd.commandLine().getOut().println(file + ": user " + name + " (" + role + ") saved");
            return 0;
        }
    }
}
