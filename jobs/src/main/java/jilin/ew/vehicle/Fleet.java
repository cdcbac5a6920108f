package jilin.ew.vehicle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import jilin.ew.reference.Reference;
import jilin.ew.schema.VehicleRegistration;

/**
 * The key vehicles and transport operators of the seeds (vehicles.json, operators.json): the registrations
 * the job starts from. Loaded once per JVM and seed folder, read-only.
 */
public final class Fleet {
    public static final String VEHICLES = "vehicles.json";
    public static final String OPERATORS = "operators.json";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Map<String, Fleet> LOADED = new ConcurrentHashMap<>();

    private final Map<String, VehicleInfo> vehicles;
    private final Map<String, String> operatorNames;

    private Fleet(Map<String, VehicleInfo> vehicles, Map<String, String> operatorNames) {
        this.vehicles = Collections.unmodifiableMap(vehicles);
        this.operatorNames = Collections.unmodifiableMap(operatorNames);
    }

    /** The fleet of the reference's seeds (a seed folder's files, else the classpath copies). */
    public static Fleet of(Reference reference) {
        Optional<Path> dir = reference.seedDirectory();
        return LOADED.computeIfAbsent(dir.map(Path::toString).orElse("<classpath>"), k -> load(dir.orElse(null)));
    }

    static Fleet load(Path dir) {
        Map<String, String> ops = new HashMap<>();
        for (JsonNode o : read(dir, OPERATORS)) {
            ops.put(o.path("operatorId").asText(), o.path("name").asText(null));
        }
        Map<String, VehicleInfo> vs = new HashMap<>();
        for (JsonNode v : read(dir, VEHICLES)) {
            VehicleRegistration r = MAPPER.convertValue(v, VehicleRegistration.class);
            if (r.vehicleId == null || r.vehicleClass == null) {
                throw new IllegalArgumentException(VEHICLES + ": every vehicle needs vehicleId and vehicleClass: " + v);
            }
            vs.put(r.vehicleId, VehicleInfo.of(r, ops.get(r.operatorId)));
        }
        return new Fleet(vs, ops);
    }

    private static JsonNode read(Path dir, String name) {
        try {
            if (dir != null && Files.isRegularFile(dir.resolve(name))) {
                return MAPPER.readTree(dir.resolve(name).toFile());
            }
            try (InputStream in = Fleet.class.getResourceAsStream("/seeds/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("seed file missing from the classpath: /seeds/" + name);
                }
                return MAPPER.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed file " + name, e);
        }
    }

    public Optional<VehicleInfo> vehicle(String vehicleId) {
        return Optional.ofNullable(vehicles.get(vehicleId));
    }

    public Map<String, VehicleInfo> vehicles() {
        return vehicles;
    }

    /** The operator's name, or null. */
    public String operatorName(String operatorId) {
        return operatorId == null ? null : operatorNames.get(operatorId);
    }
}
