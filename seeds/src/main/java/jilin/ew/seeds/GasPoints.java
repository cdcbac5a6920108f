package jilin.ew.seeds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the gas network points ({@code gas-stations.json}) from the classpath copy or a seed folder. */
public final class GasPoints {
    public static final String FILE_NAME = "gas-stations.json";
    public static final String RESOURCE = "/seeds/" + FILE_NAME;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    private static volatile List<GasPoint> defaults;

    private GasPoints() {}

    /** The points shipped on the classpath (read once per JVM). */
    public static List<GasPoint> defaults() {
        List<GasPoint> d = defaults;
        if (d == null) {
            try (InputStream in = GasPoints.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new SeedException("seed file " + RESOURCE + " not found on the classpath", null);
                }
                d = parse(in, "classpath:" + RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read classpath:" + RESOURCE, e);
            }
            defaults = d;
        }
        return d;
    }

    /** The folder's gas-stations.json, or the classpath copy when the folder has none. */
    public static List<GasPoint> fromDirectory(Path dir) {
        Path p = dir.resolve(FILE_NAME);
        if (!Files.exists(p)) {
            return defaults();
        }
        try (InputStream in = Files.newInputStream(p)) {
            return parse(in, p.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed file " + p + ": " + e.getMessage(), e);
        }
    }

    private static List<GasPoint> parse(InputStream in, String name) throws IOException {
        try {
            List<GasPoint> list = MAPPER.readValue(in,
                    MAPPER.getTypeFactory().constructCollectionType(List.class, GasPoint.class));
            Set<String> ids = new HashSet<>();
            for (GasPoint p : list) {
                if (!ids.add(p.stationId())) {
                    throw new SeedException(name + ": duplicate stationId " + p.stationId(), null);
                }
            }
            return List.copyOf(list);
        } catch (JsonProcessingException e) {
            throw new SeedException("bad seed file " + name + ": " + e.getOriginalMessage(), e);
        }
    }
}
