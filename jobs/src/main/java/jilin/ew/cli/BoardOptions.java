package jilin.ew.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Function;
import jilin.ew.reference.Routing;
import jilin.ew.alert.cap.CapContext;
import jilin.ew.alert.cap.CapRenderer;
import jilin.ew.board.AlertBoard;
import jilin.ew.board.AuditLog;
import jilin.ew.board.BoardServer;
import jilin.ew.board.CommandSink;
import jilin.ew.board.Freshness;
import jilin.ew.board.Geography;
import jilin.ew.board.Users;
import jilin.ew.schema.Alert;
import jilin.ew.seeds.SeedCatalog;
import picocli.CommandLine.Option;

/** Options of the command center's board (docs/board.md), shared by {@code demo} and {@code board}. */
public class BoardOptions {
    @Option(names = "--board-port", defaultValue = "8080", paramLabel = "PORT",
            description = "port of the board (default: ${DEFAULT-VALUE}; 0 picks a free one)")
    int port;

    @Option(names = "--board-host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "address the board listens on (default: ${DEFAULT-VALUE}: this machine only)")
    String host;

    @Option(names = "--board-map", paramLabel = "FILE",
            description = "boundary map of Jilin (ECharts GeoJSON, prefecture-level divisions with their codes as"
                    + " feature ids); default: the one shipped with ECharts 4.1.0. A deployment must use an"
                    + " officially approved map")
    Path mapFile;

    @Option(names = "--users", paramLabel = "FILE",
            description = "the board's users and roles (JSON, bcrypt password hashes; docs/board.md); every page"
                    + " then needs a login")
    Path usersFile;

    @Option(names = "--audit-log", paramLabel = "FILE",
            description = "append every login and command to FILE (JSON lines)")
    Path auditLog;

    @Option(names = "--open-board", description = "serve the board without login: only on 127.0.0.1, for one"
            + " person on their own machine")
    boolean openBoard;

    /** The demo's generated user, when it made one. */
    Users generated;

    /** Checks what can be checked before anything starts; the message says what is wrong. */
    void validate() {
        if (openBoard && usersFile != null) {
            throw new IllegalArgumentException("--open-board serves without login: give it or --users, not both");
        }
        if (openBoard && !BoardServer.OPEN_BOARD_HOST.equals(host)) {
            throw new IllegalArgumentException("--open-board serves only " + BoardServer.OPEN_BOARD_HOST
                    + " (this machine), not --board-host " + host + "; give --users FILE to serve a network");
        }
        if (usersFile != null && !Files.isRegularFile(usersFile)) {
            throw new IllegalArgumentException("--users " + usersFile + ": no such file");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--board-port " + port + " is not a port (0-65535)");
        }
        if (mapFile != null && !Files.isRegularFile(mapFile)) {
            throw new IllegalArgumentException("--board-map " + mapFile + ": no such file");
        }
    }

    /**
     * The board's server with the jobs side's CAP renderer and routing table plugged in (the board module cannot
     * depend on the jobs module: jobs depends on it).
     */
    BoardServer server(AlertBoard board, Freshness freshness, boolean exercise, String source) {
        return server(board, freshness, exercise, source, null);
    }

    /** {@link #server(AlertBoard, Freshness, boolean, String)} whose commands go to {@code commands}. */
    BoardServer server(AlertBoard board, Freshness freshness, boolean exercise, String source, CommandSink commands) {
        BoardServer.Config c = new BoardServer.Config();
        try {
            c.users = usersFile != null ? Users.load(usersFile, board.geography()) : generated;
            if (auditLog != null) {
                c.audit = AuditLog.append(auditLog, System::currentTimeMillis);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        c.commands = commands;
        c.host = host;
        c.port = port;
        c.mapFile = mapFile;
        c.source = source;
        c.capRenderer = capRenderer(exercise);
        Routing routing = Routing.classpath();
        c.routes = routing::routes;
        return new BoardServer(board, freshness, c);
    }

    static Function<Alert, String> capRenderer(boolean exercise) {
        CapContext ctx = CapContext.of(SeedCatalog.fromClasspath(), exercise);
        return a -> CapRenderer.render(a, ctx);
    }

    /**
     * The login when none is configured (no --users, no --open-board; the demo, or `board` started as before users
     * existed): a PROVINCE user "demo" with a random password, returned to be printed; null when the board is
     * configured otherwise.
     */
    String generateDemoUser() {
        if (usersFile != null || openBoard) {
            return null;
        }
        SecureRandom r = new SecureRandom();
        String alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder pw = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            pw.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        generated = Users.of(List.of(new Users.User("demo", Users.Role.PROVINCE, null, null,
                Users.hash(pw.toString()))));
        return pw.toString();
    }

    static AlertBoard newBoard() {
        return new AlertBoard(Geography.defaults());
    }
}
