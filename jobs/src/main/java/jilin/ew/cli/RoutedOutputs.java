package jilin.ew.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jilin.ew.reference.Routing;
import jilin.ew.alert.cap.CapContext;
import jilin.ew.alert.cap.CapRenderer;
import jilin.ew.schema.Alert;
import jilin.ew.schema.WireCodec;

/** Replay's optional outputs: one JSONL file per route, and one CAP 1.2 XML file per notified alert. */
final class RoutedOutputs implements AutoCloseable {
    private final Path routeDir;
    private final Path capDir;
    private final Routing routing;
    private final CapContext cap;
    private final WireCodec codec = new WireCodec();
    private final Map<String, BufferedWriter> files = new LinkedHashMap<>();
    long capMessages;

    RoutedOutputs(Path routeDir, Path capDir, Routing routing, CapContext cap) throws IOException {
        this.routeDir = routeDir;
        this.capDir = capDir;
        this.routing = routing;
        this.cap = cap;
        if (routeDir != null) {
            Files.createDirectories(routeDir);
        }
        if (capDir != null) {
            Files.createDirectories(capDir);
        }
    }

    void accept(Alert a) {
        try {
            if (routeDir != null) {
                String line = null;
                for (String r : routing.routes(a)) {
                    BufferedWriter w = files.get(r);
                    if (w == null) {
                        w = Files.newBufferedWriter(routeDir.resolve(r + ".jsonl"), StandardCharsets.UTF_8);
                        files.put(r, w);
                    }
                    line = line == null ? codec.encode(a) : line;
                    w.write(line);
                    w.newLine();
                }
            }
            if (capDir != null && !a.inhibited) {
                Files.writeString(capDir.resolve(CapRenderer.identifier(a, cap) + ".xml"), CapRenderer.render(a, cap),
                        StandardCharsets.UTF_8);
                capMessages++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int routes() {
        return files.size();
    }

    @Override
    public void close() throws IOException {
        for (BufferedWriter w : files.values()) {
            w.close();
        }
    }
}
