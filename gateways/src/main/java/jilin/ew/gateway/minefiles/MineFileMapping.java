package jilin.ew.gateway.minefiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How one vendor's / standard version's monitoring files are laid out: which field holds what, and the code tables
 * (sensor type -> kind, location code -> contract location, status code -> status, mine code -> mine id).
 * Read from a JSON file; {@code jilin-aq-2016} ships on the classpath and is documented in docs/gateways.md.
 */
public final class MineFileMapping {
    static final Set<String> KINDS = Set.of("CH4", "CO", "O2", "CO2", "TEMP", "WIND_SPEED");
    static final Set<String> LOCATIONS = Set.of("UPPER_CORNER", "WORKING_FACE", "WORKING_FACE_RETURN", "INTAKE",
            "DRAINAGE_ROADWAY", "SHEARER", "HEADING_FACE", "HEADING_RETURN", "MINE_RETURN", "ELECTRICAL_CHAMBER",
            "OTHER");
    static final Set<String> STATUSES = Set.of("OK", "CALIBRATING", "FAULT");
    public static final String BUILTIN = "jilin-aq-2016";

    /** Field positions (0-based) of one record kind; -1 when the layout has no such field. */
    public record Fields(int count, Map<String, Integer> at) {
        int of(String name) {
            return at.getOrDefault(name, -1);
        }
    }

    public final String layout;
    public final Charset encoding;
    public final String fieldSeparator;
    public final String recordEnd;
    public final DateTimeFormatter timeFormat;
    public final ZoneOffset offset;
    public final Pattern definitionFiles;
    public final Pattern valueFiles;
    public final Fields header;
    public final Fields definition;
    public final Fields value;
    public final String sensorIdTemplate;
    public final Map<String, String> mines;
    public final Map<String, String> types;
    public final Map<String, String> locations;
    public final Map<String, String> statuses;

    private MineFileMapping(JsonNode n) {
        layout = text(n, "layout");
        encoding = Charset.forName(text(n, "encoding"));
        fieldSeparator = text(n, "fieldSeparator");
        recordEnd = text(n, "recordEnd");
        timeFormat = DateTimeFormatter.ofPattern(text(n, "timeFormat"));
        offset = ZoneOffset.of(text(n, "utcOffset"));
        definitionFiles = Pattern.compile(text(n, "definitionFiles"));
        valueFiles = Pattern.compile(text(n, "valueFiles"));
        header = fields(n, "header", "mineCode", "time");
        definition = fields(n, "definition", "point", "type", "location");
        value = fields(n, "value", "point", "type", "value");
        sensorIdTemplate = text(n, "sensorId");
        mines = map(n, "mines", null);
        types = map(n, "types", KINDS);
        locations = map(n, "locations", LOCATIONS);
        statuses = map(n, "statuses", STATUSES);
    }

    /** The built-in layout, or a mapping file. */
    public static MineFileMapping load(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try {
            if (file == null) {
                try (InputStream in = MineFileMapping.class.getResourceAsStream("/gateways/minefiles/" + BUILTIN
                        + ".json")) {
                    return new MineFileMapping(json.readTree(in));
                }
            }
            return new MineFileMapping(json.readTree(Files.readString(file)));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IOException("mapping " + (file == null ? BUILTIN : file) + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new IllegalArgumentException("'" + field + "' is required (a non-empty string)");
        }
        return v.asText();
    }

    private static Fields fields(JsonNode n, String section, String... required) {
        JsonNode s = n.get(section);
        if (s == null || !s.isObject()) {
            throw new IllegalArgumentException("'" + section + "' is required (field positions)");
        }
        Map<String, Integer> at = new HashMap<>();
        s.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("fields")) {
                at.put(e.getKey(), e.getValue().asInt());
            }
        });
        for (String r : required) {
            if (!at.containsKey(r)) {
                throw new IllegalArgumentException("'" + section + "." + r + "' is required");
            }
        }
        int count = s.path("fields").asInt(at.values().stream().mapToInt(i -> i + 1).max().orElse(0));
        return new Fields(count, Map.copyOf(at));
    }

    private static Map<String, String> map(JsonNode n, String field, Set<String> allowed) {
        Map<String, String> m = new HashMap<>();
        JsonNode s = n.path(field);
        s.fields().forEachRemaining(e -> {
            String v = e.getValue().asText();
            if (allowed != null && !allowed.contains(v)) {
                throw new IllegalArgumentException("'" + field + "." + e.getKey() + "' is " + v + "; one of "
                        + allowed + " expected");
            }
            m.put(e.getKey(), v);
        });
        return Map.copyOf(m);
    }
}
