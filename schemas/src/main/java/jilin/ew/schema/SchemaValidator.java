package jilin.ew.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Validates messages against the contract's JSON Schema files (draft 2020-12, shipped under
 * {@code schemas/} on the classpath) with the networknt validator, and turns the first error into a
 * dead-letter reason that names the field.
 */
public final class SchemaValidator {
    private final Map<String, JsonSchema> byName = new HashMap<>();
    private final Map<String, FastPath> fast = new HashMap<>();
    private final boolean useFastPath;

    public SchemaValidator() {
        this(true);
    }

    /** Loaded on first use, once per JVM. */
    private static final class Shared {
        static final SchemaValidator INSTANCE = new SchemaValidator();
    }

    /**
     * One validator for the whole JVM: loading the schemas takes 30-60 ms each time (more the first), and a replay
     * made three of them before its first message. Safe to share: its schemas never change after loading, networknt's
     * are thread-safe, and the fast path's caches are concurrent.
     */
    public static SchemaValidator shared() {
        return Shared.INSTANCE;
    }

    /** With {@code useFastPath} false every message goes through networknt (the equivalence test uses this). */
    public SchemaValidator(boolean useFastPath) {
        this.useFastPath = useFastPath;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (EventType t : EventType.values()) {
            byName.put(t.wireName(), load(factory, t.wireName()));
        }
        byName.put("alert", load(factory, "alert"));
        byName.put("dead-letter", load(factory, "dead-letter"));
        byName.put(Command.TYPE, load(factory, Command.TYPE));
        byName.put(Handling.TYPE, load(factory, Handling.TYPE));
        for (EventType t : EventType.values()) {
            FastPath f = FastPath.compile(readTree(t.wireName()));
            if (f != null) {
                fast.put(t.wireName(), f);
            }
        }
    }

    private static JsonNode readTree(String name) {
        String path = "/schemas/" + name + ".schema.json";
        try (InputStream in = SchemaValidator.class.getResourceAsStream(path)) {
            return WireCodec.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** The fast path of a schema, or null when it has none or this validator takes none. */
    FastPath fastPath(String schemaName) {
        return useFastPath ? fast.get(schemaName) : null;
    }

    /** Which message types the fast path serves (the rest always go through networknt). */
    public java.util.Set<String> fastPathTypes() {
        return java.util.Collections.unmodifiableSet(fast.keySet());
    }

    private static JsonSchema load(JsonSchemaFactory factory, String name) {
        String path = "/schemas/" + name + ".schema.json";
        try (InputStream in = SchemaValidator.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("schema file missing from the classpath: " + path);
            }
            return factory.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    /** A refusal: reason code, field and a sentence. */
    public static final class Violation {
        public final String reason;
        public final String field;
        public final String detail;

        Violation(String reason, String field, String detail) {
            this.reason = reason;
            this.field = field;
            this.detail = detail;
        }

        @Override
        public String toString() {
            return reason + "(" + field + "): " + detail;
        }
    }

    /**
     * The first violation of the named schema (an input wire type, "alert", "dead-letter", "alert.command" or
     * "alert.handling"), or null when valid.
     */
    public Violation validate(String schemaName, JsonNode node) {
        JsonSchema schema = byName.get(schemaName);
        if (schema == null) {
            throw new IllegalArgumentException("no schema named " + schemaName);
        }
        FastPath f = useFastPath ? fast.get(schemaName) : null;
        if (f != null && f.accepts(node)) {
            return null;
        }
        Set<ValidationMessage> errors = schema.validate(node);
        if (errors.isEmpty()) {
            return null;
        }
        ValidationMessage first = pick(errors);
        String keyword = first.getType();
        String field = fieldOf(first);
        return new Violation(reasonFor(keyword), field, first.getMessage());
    }

    // Prefer the most telling error when several apply: a missing field before a bad value.
    private static ValidationMessage pick(Set<ValidationMessage> errors) {
        ValidationMessage best = null;
        for (ValidationMessage m : errors) {
            if (best == null || rank(m.getType()) < rank(best.getType())) {
                best = m;
            }
        }
        return best;
    }

    private static int rank(String keyword) {
        switch (keyword) {
            case "required": return 0;
            case "type": return 1;
            case "const": return 2;
            default: return 3;
        }
    }

    private static String fieldOf(ValidationMessage m) {
        var path = m.getInstanceLocation();
        // a missing top-level field is named by itself; one missing inside a nested object
        // (e.g. modifiers[0].reason) is named by the top-level field that holds it
        if ("required".equals(m.getType()) && m.getProperty() != null
                && (path == null || path.getNameCount() == 0)) {
            return m.getProperty();
        }
        if (path != null && path.getNameCount() > 0) {
            Object first = path.getElement(0);
            return String.valueOf(first);
        }
        return m.getProperty();
    }

    static String reasonFor(String keyword) {
        switch (keyword) {
            case "required": return "missing-field";
            case "type": return "wrong-type";
            case "minimum":
            case "maximum":
            case "exclusiveMinimum":
            case "exclusiveMaximum": return "out-of-range";
            case "maxLength": return "too-long";
            default: return "invalid-value";
        }
    }
}
