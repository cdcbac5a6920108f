package jilin.ew.vehicle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import jilin.ew.geo.Geo;
import jilin.ew.geo.Jilin;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Reads dangerous road sections from road-sections.geojson (a FeatureCollection of LineStrings in
 * [lon, lat]): the copy shipped on the classpath or one in a given folder. Errors name the file and the
 * feature index and field.
 */
public final class RoadSections {
    public static final String FILE_NAME = "road-sections.geojson";
    /** The seeds module ships seeds/data/ on the classpath under seeds/. */
    public static final String RESOURCE = "/seeds/" + FILE_NAME;

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();
    /** WGS-84; floating precision so the seed coordinates are kept as written. */
    static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private RoadSections() {}

    /** The sections shipped on the classpath. */
    public static List<RoadSection> defaults() {
        try (InputStream in = RoadSections.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("road sections missing from the classpath: " + RESOURCE);
            }
            return parse(in.readAllBytes(), "classpath:" + RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:" + RESOURCE, e);
        }
    }

    /** The folder's road-sections.geojson, or the classpath copy when the folder has none. */
    public static List<RoadSection> fromDirectory(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? fromFile(file) : defaults();
    }

    public static List<RoadSection> fromFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return parse(bytes, file.toString());
    }

    /**
     * Parses GeoJSON text; {@code source} names the file in error messages.
     *
     * @throws IllegalArgumentException naming source, feature index and field, for any invalid content
     */
    public static List<RoadSection> parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        if (root == null || !"FeatureCollection".equals(root.path("type").asText(null))) {
            throw new IllegalArgumentException(source + ": type: expected \"FeatureCollection\"");
        }
        JsonNode features = root.get("features");
        if (features == null || !features.isArray()) {
            throw new IllegalArgumentException(source + ": features: expected an array");
        }
        List<RoadSection> out = new ArrayList<>(features.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < features.size(); i++) {
            RoadSection s = feature(features.get(i), new Where(source, i));
            if (!ids.add(s.sectionId())) {
                throw new IllegalArgumentException(new Where(source, i).at("properties.sectionId")
                        + ": duplicate sectionId " + s.sectionId());
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** Error-message prefix: file, feature index, field. */
    private record Where(String source, int index) {
        String at(String field) {
            return source + ": features[" + index + "]" + (field.isEmpty() ? "" : "." + field);
        }

        IllegalArgumentException bad(String field, String problem) {
            return new IllegalArgumentException(at(field) + ": " + problem);
        }
    }

    private static RoadSection feature(JsonNode f, Where w) {
        if (!f.isObject() || !"Feature".equals(f.path("type").asText(null))) {
            throw w.bad("type", "expected \"Feature\"");
        }
        JsonNode g = f.get("geometry");
        if (g == null || !g.isObject() || !"LineString".equals(g.path("type").asText(null))) {
            throw w.bad("geometry.type", "expected \"LineString\"");
        }
        JsonNode coords = g.get("coordinates");
        if (coords == null || !coords.isArray() || coords.size() < 2) {
            throw w.bad("geometry.coordinates", "expected an array of at least 2 [lon, lat] positions");
        }
        Coordinate[] cs = new Coordinate[coords.size()];
        for (int k = 0; k < cs.length; k++) {
            JsonNode c = coords.get(k);
            String field = "geometry.coordinates[" + k + "]";
            if (!c.isArray() || c.size() < 2 || !c.get(0).isNumber() || !c.get(1).isNumber()) {
                throw w.bad(field, "expected [lon, lat] numbers");
            }
            double lon = c.get(0).asDouble();
            double lat = c.get(1).asDouble();
            // GeoJSON is [lon, lat]; a swapped pair lands far outside the box, so this catches it
            if (!Jilin.contains(lat, lon)) {
                throw w.bad(field, "[" + lon + ", " + lat + "] is outside Jilin's bounding box (is it [lat, lon]?)");
            }
            cs[k] = new Coordinate(lon, lat);
        }

        JsonNode p = f.get("properties");
        if (p == null || !p.isObject()) {
            throw w.bad("properties", "expected an object");
        }
        String id = text(p, "sectionId", w, true);
        RoadSection.Kind kind = enumValue(RoadSection.Kind.class, text(p, "kind", w, true), "kind", w);
        String dir = text(p, "downhillDirection", w, false);
        RoadSection.Downhill downhill = dir == null ? null : enumValue(RoadSection.Downhill.class, dir, "downhillDirection", w);
        if (kind == RoadSection.Kind.LONG_DOWNHILL && downhill == null) {
            throw w.bad("properties.downhillDirection", "required for LONG_DOWNHILL (FORWARD or REVERSE)");
        }
        JsonNode len = p.get("lengthKm");
        double lengthKm = len == null || len.isNull() ? haversineLengthKm(cs) : positive(p, "lengthKm", w);
        return new RoadSection(
                id,
                text(p, "name", w, true),
                text(p, "nameEn", w, false),
                kind,
                text(p, "road", w, false),
                text(p, "prefecture", w, false),
                (int) positiveInt(p, "speedLimitKmh", w),
                (int) positiveInt(p, "nightSpeedLimitKmh", w),
                lengthKm,
                downhill,
                positive(p, "bufferM", w),
                WGS84.createLineString(cs));
    }

    private static String text(JsonNode p, String field, Where w, boolean required) {
        JsonNode v = p.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw w.bad("properties." + field, "missing");
            }
            return null;
        }
        if (!v.isTextual() || (required && v.asText().isBlank())) {
            throw w.bad("properties." + field, "expected a non-empty string, was " + v);
        }
        return v.asText();
    }

    private static double positive(JsonNode p, String field, Where w) {
        JsonNode v = p.get(field);
        if (v == null || !v.isNumber() || !(v.asDouble() > 0) || !Double.isFinite(v.asDouble())) {
            throw w.bad("properties." + field, "expected a number > 0, was " + v);
        }
        return v.asDouble();
    }

    private static long positiveInt(JsonNode p, String field, Where w) {
        double d = positive(p, field, w);
        if (d != Math.rint(d) || d > 1000) {
            throw w.bad("properties." + field, "expected a whole number of km/h, was " + p.get(field));
        }
        return (long) d;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field, Where w) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw w.bad("properties." + field, "unknown value \"" + value + "\", expected one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static double haversineLengthKm(Coordinate[] cs) {
        double m = 0;
        for (int k = 1; k < cs.length; k++) {
            m += Geo.haversineMeters(cs[k - 1].y, cs[k - 1].x, cs[k].y, cs[k].x);
        }
        return m / 1000.0;
    }
}
