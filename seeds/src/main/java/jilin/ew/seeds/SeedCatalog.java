package jilin.ew.seeds;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reference data the job starts from: prefectures, mines, mine sensors and key periods. */
public final class SeedCatalog implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String PREFECTURES = "prefectures.json";
    public static final String MINES = "mines.json";
    public static final String MINE_SENSORS = "mine-sensors.json";
    public static final String KEY_PERIODS = "key-periods.json";
    /** The rules' display names, one entry per rule id of the default rule set (rules/default-rules.json). */
    public static final String RULE_CATALOG = "rules/catalog.json";
    public static final String RETIRED_SETTINGS = "rules/retired.json";
    private static final String CLASSPATH_DIR = "/seeds/";

    // Extra fields (note, source, estimated) are for people reading the files.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);

    private final List<Prefecture> prefectures;
    private final List<Mine> mines;
    private final List<SensorPoint> sensors;
    private final List<KeyPeriod> keyPeriods;
    private final Map<String, Mine> minesById;
    private final Map<String, SensorPoint> sensorsById;
    private final Map<String, List<SensorPoint>> sensorsByMine;

    private SeedCatalog(List<Prefecture> prefectures, List<Mine> mines, List<SensorPoint> sensors,
                        List<KeyPeriod> keyPeriods) {
        this.prefectures = List.copyOf(prefectures);
        this.mines = List.copyOf(mines);
        this.sensors = List.copyOf(sensors);
        this.keyPeriods = List.copyOf(keyPeriods);
        this.minesById = index(mines, Mine::mineId, MINES, "mineId");
        this.sensorsById = index(sensors, SensorPoint::sensorId, MINE_SENSORS, "sensorId");
        Map<String, List<SensorPoint>> byMine = new LinkedHashMap<>();
        for (SensorPoint s : sensors) {
            byMine.computeIfAbsent(s.mineId(), k -> new ArrayList<>()).add(s);
        }
        Map<String, List<SensorPoint>> frozen = new LinkedHashMap<>();
        byMine.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        this.sensorsByMine = Map.copyOf(frozen);
    }

    /** Reads the seed files shipped on the classpath under {@code /seeds/}. */
    public static SeedCatalog fromClasspath() {
        return new SeedCatalog(
                readClasspath(PREFECTURES, Prefecture.class),
                readClasspath(MINES, Mine.class),
                readClasspath(MINE_SENSORS, SensorPoint.class),
                readClasspath(KEY_PERIODS, KeyPeriod.class));
    }

    /** Reads the seed files from {@code dir}; a file missing there is taken from the classpath. */
    public static SeedCatalog fromDirectory(Path dir) {
        return new SeedCatalog(
                read(dir, PREFECTURES, Prefecture.class),
                read(dir, MINES, Mine.class),
                read(dir, MINE_SENSORS, SensorPoint.class),
                read(dir, KEY_PERIODS, KeyPeriod.class));
    }

    public List<Prefecture> prefectures() {
        return prefectures;
    }

    public List<Mine> mines() {
        return mines;
    }

    public Optional<Mine> mine(String mineId) {
        return Optional.ofNullable(minesById.get(mineId));
    }

    public List<SensorPoint> sensors() {
        return sensors;
    }

    public Optional<SensorPoint> sensor(String sensorId) {
        return Optional.ofNullable(sensorsById.get(sensorId));
    }

    /** The sensors of a mine in file order; empty for an unknown mine. */
    public List<SensorPoint> sensorsOfMine(String mineId) {
        return sensorsByMine.getOrDefault(mineId, List.of());
    }

    public List<KeyPeriod> keyPeriods() {
        return keyPeriods;
    }

    /** True when some key period contains the local date. */
    public boolean isKeyPeriod(LocalDate date) {
        for (KeyPeriod p : keyPeriods) {
            if (p.contains(date)) {
                return true;
            }
        }
        return false;
    }

    /** The display names of the rules by id, from the catalog shipped on the classpath (read once). */
    public static Map<String, RuleName> ruleNames() {
        return RuleNames.BY_ID;
    }

    /**
     * Rule-set settings that no longer exist, by dotted field (e.g. {@code rules.VEH_CLASS_SPEEDING.params.busKmh}),
     * with where each went or why it is gone: the rule-set validator refuses them with this hint.
     */
    public static Map<String, String> retiredSettings() {
        return RuleNames.RETIRED;
    }

    /** One retired setting of seeds/data/rules/retired.json. */
    private record Retired(String field, String hint) {}

    /** Read on first use: the names are the same for every rule set and reference data. */
    private static final class RuleNames {
        static final Map<String, RuleName> BY_ID = index(readClasspath(RULE_CATALOG, RuleName.class), RuleName::id,
                RULE_CATALOG, "id");
        static final Map<String, String> RETIRED = index(readClasspath(RETIRED_SETTINGS, Retired.class),
                Retired::field, RETIRED_SETTINGS, "field").entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().hint()));
    }

    private static <T> List<T> read(Path dir, String file, Class<T> type) {
        Path p = dir.resolve(file);
        if (!Files.exists(p)) {
            return readClasspath(file, type);
        }
        try (InputStream in = Files.newInputStream(p)) {
            return parse(in, p.toString(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed file " + p + ": " + e.getMessage(), e);
        }
    }

    private static <T> List<T> readClasspath(String file, Class<T> type) {
        String res = CLASSPATH_DIR + file;
        try (InputStream in = SeedCatalog.class.getResourceAsStream(res)) {
            if (in == null) {
                throw new SeedException("seed file " + res + " not found on the classpath", null);
            }
            return parse(in, "classpath:" + res, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed file classpath:" + res + ": " + e.getMessage(), e);
        }
    }

    private static <T> List<T> parse(InputStream in, String name, Class<T> type) throws IOException {
        JavaType listType = MAPPER.getTypeFactory().constructCollectionType(List.class, type);
        try {
            List<T> list = MAPPER.readValue(in, listType);
            if (list == null) {
                throw new SeedException(name + ": expected a JSON array, found null", null);
            }
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null) {
                    throw new SeedException(name + ": entry " + i + " is null", null);
                }
            }
            return list;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc != null && loc.getLineNr() > 0
                    ? " line " + loc.getLineNr() + ", column " + loc.getColumnNr() : "";
            throw new SeedException("bad seed file " + name + where + ": " + e.getOriginalMessage(), e);
        }
    }

    private static <T> Map<String, T> index(List<T> items, java.util.function.Function<T, String> id,
                                            String file, String field) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T t : items) {
            if (map.put(id.apply(t), t) != null) {
                throw new SeedException(file + ": duplicate " + field + " " + id.apply(t), null);
            }
        }
        return Map.copyOf(map);
    }
}
