package jilin.ew.reference;

import java.io.Serializable;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jilin.ew.reference.Routing;
import jilin.ew.seeds.SeedCatalog;

/**
 * Where operators find reference data: the seeds on the classpath, or a seed folder given on the command
 * line. Serializable as just the folder's name; each JVM loads a folder once and shares it read-only.
 */
public final class Reference implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Map<String, SeedCatalog> LOADED = new ConcurrentHashMap<>();
    private static final Map<String, Routing> ROUTING = new ConcurrentHashMap<>();

    /** Seed folder, or null for the classpath copy. */
    private final String seedDir;

    private Reference(String seedDir) {
        this.seedDir = seedDir;
    }

    public static Reference classpath() {
        return new Reference(null);
    }

    public static Reference directory(Path dir) {
        return new Reference(dir.toAbsolutePath().toString());
    }

    public SeedCatalog catalog() {
        String k = seedDir == null ? "<classpath>" : seedDir;
        return LOADED.computeIfAbsent(k, x -> seedDir == null
                ? SeedCatalog.fromClasspath()
                : SeedCatalog.fromDirectory(Paths.get(seedDir)));
    }

    /** The routing table of the same seeds. */
    public Routing routing() {
        String k = seedDir == null ? "<classpath>" : seedDir;
        return ROUTING.computeIfAbsent(k, x -> seedDir == null
                ? Routing.classpath()
                : Routing.directory(Paths.get(seedDir)));
    }

    /** The seed folder given on the command line, or empty for the classpath copy (for seed files beyond the catalog). */
    public java.util.Optional<Path> seedDirectory() {
        return seedDir == null ? java.util.Optional.empty() : java.util.Optional.of(Paths.get(seedDir));
    }

    @Override
    public String toString() {
        return seedDir == null ? "seeds on the classpath" : "seeds in " + seedDir;
    }
}
