package jilin.ew.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import jilin.ew.reference.Routing;
import jilin.ew.alert.cap.CapContext;
import jilin.ew.alert.cap.CapRenderer;
import jilin.ew.board.AlertBoard;
import jilin.ew.board.BoardServer;
import jilin.ew.board.Freshness;
import jilin.ew.board.Geography;
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

    /** Checks what can be checked before anything starts; the message says what is wrong. */
    void validate() {
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
        BoardServer.Config c = new BoardServer.Config();
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

    static AlertBoard newBoard() {
        return new AlertBoard(Geography.defaults());
    }
}
