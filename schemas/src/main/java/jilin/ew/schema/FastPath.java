package jilin.ew.schema;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A fast acceptance check compiled from a contract schema file, for the flat shapes of the high-volume
 * messages. It only ever says "certainly valid": a message it cannot prove valid (any violation, or a
 * keyword it does not compile) goes to the networknt validator, which stays the authority and names the
 * reason. Why: full schema validation costs about three times the JSON parse, and nearly every message is
 * valid. Equivalence with networknt over the test vectors is a test.
 */
final class FastPath {
    private static final Set<String> IGNORED = Set.of("description", "title", "$comment", "examples", "format",
            "default", "$schema", "$id");
    private static final Set<String> TOP_LEVEL = Set.of("type", "required", "properties", "$defs");

    /** One property's compiled constraints. */
    private static final class Check {
        String type;
        JsonNode constant;
        List<JsonNode> enumValues;
        Double minimum;
        Double maximum;
        Double exclusiveMinimum;
        Double exclusiveMaximum;
        Integer minLength;
        Integer maxLength;
        Pattern pattern;
        /** Strings that already matched the pattern: ids repeat across messages. */
        final java.util.Set<String> matched = java.util.concurrent.ConcurrentHashMap.newKeySet();
        /**
         * Set once the cache has filled up: the field's values hardly repeat (timestamps), so looking them up
         * and storing them costs more than matching. Racy by design: either way the answer is the pattern's.
         */
        volatile boolean uncached;
    }

    private static final int MAX_MATCHED = 1 << 16;

    private final String[] required;
    private final Map<String, Check> properties;
    /** The properties in a fixed order, for {@link #read}: their names' positions and checks. */
    private final Map<String, Integer> index = new HashMap<>();
    private final Check[] checks;
    private final int[] requiredAt;

    private FastPath(String[] required, Map<String, Check> properties) {
        this.required = required;
        this.properties = properties;
        this.checks = new Check[properties.size()];
        for (Map.Entry<String, Check> p : properties.entrySet()) {
            checks[index.size()] = p.getValue();
            index.put(p.getKey(), index.size());
        }
        // a required field the schema does not constrain has no position (-1): its messages take the tree path
        this.requiredAt = Arrays.stream(required).mapToInt(r -> index.getOrDefault(r, -1)).toArray();
    }

    /** Where {@link #read} puts a property's value, or -1 for a name the schema does not constrain. */
    int indexOf(String property) {
        Integer i = index.get(property);
        return i == null ? -1 : i;
    }

    /** Compiles a schema, or returns null when it uses anything the fast path does not handle. */
    static FastPath compile(JsonNode schema) {
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!IGNORED.contains(k) && !TOP_LEVEL.contains(k)) {
                return null;
            }
        }
        if (!"object".equals(schema.path("type").asText())) {
            return null;
        }
        List<String> req = new ArrayList<>();
        schema.path("required").forEach(r -> req.add(r.asText()));
        Map<String, Check> props = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            Check c = new Check();
            if (!compileInto(c, p.getValue(), schema, 0)) {
                return null;
            }
            props.put(p.getKey(), c);
        }
        return new FastPath(req.toArray(new String[0]), props);
    }

    private static boolean compileInto(Check c, JsonNode s, JsonNode root, int depth) {
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            switch (f.getKey()) {
                case "$ref": {
                    String ref = v.asText();
                    if (!ref.startsWith("#/$defs/") || depth > 3) {
                        return false;
                    }
                    JsonNode target = root.path("$defs").path(ref.substring("#/$defs/".length()));
                    if (target.isMissingNode() || !compileInto(c, target, root, depth + 1)) {
                        return false;
                    }
                    break;
                }
                case "type":
                    if (!v.isTextual() || !Set.of("string", "number", "integer", "boolean").contains(v.asText())) {
                        return false;
                    }
                    c.type = v.asText();
                    break;
                case "const": c.constant = v; break;
                case "enum":
                    c.enumValues = new ArrayList<>();
                    v.forEach(c.enumValues::add);
                    break;
                case "minimum": c.minimum = v.doubleValue(); break;
                case "maximum": c.maximum = v.doubleValue(); break;
                case "exclusiveMinimum": c.exclusiveMinimum = v.doubleValue(); break;
                case "exclusiveMaximum": c.exclusiveMaximum = v.doubleValue(); break;
                case "minLength": c.minLength = v.intValue(); break;
                case "maxLength": c.maxLength = v.intValue(); break;
                case "pattern": c.pattern = Pattern.compile(v.asText()); break;
                default:
                    if (!IGNORED.contains(f.getKey())) {
                        return false;
                    }
            }
        }
        return true;
    }

    /**
     * Reads the rest of a flat message from a streaming parser, just after its first field (given as
     * {@code first}, at position {@code firstAt}), and returns its constrained fields' values by {@link #indexOf},
     * as a tree parse would have made them: only when the message is certainly valid and one JSON object with
     * nothing after it. Anything else (a duplicate name, a null, a nested value, a non-finite number, a value that
     * fails a check, a missing required field) returns null, and the caller takes the tree path, which names the
     * reason. Why: a message read this way costs no tree, and nearly every message is of this kind.
     */
    JsonNode[] read(JsonParser p, int firstAt, JsonNode first) throws IOException {
        JsonNode[] values = new JsonNode[checks.length];
        if (firstAt < 0 || !passes(checks[firstAt], first)) {
            return null;
        }
        values[firstAt] = first;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonNode v = scalar(p, p.nextToken());
            if (v == null) {
                return null;
            }
            Integer at = index.get(name);
            if (at != null) {
                if (values[at] != null || !passes(checks[at], v)) {
                    return null;
                }
                values[at] = v;
            }
        }
        if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
            return null;
        }
        for (int r : requiredAt) {
            if (r < 0 || values[r] == null) {
                return null;
            }
        }
        return values;
    }

    /** The node a tree parse makes of a scalar token, or null for anything {@link #read} leaves to the tree path. */
    private static JsonNode scalar(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING:
                return TextNode.valueOf(p.getText());
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT: return IntNode.valueOf(p.getIntValue());
                    case LONG: return LongNode.valueOf(p.getLongValue());
                    default: return null;
                }
            case VALUE_NUMBER_FLOAT: {
                double d = p.getDoubleValue();
                return Double.isFinite(d) ? DoubleNode.valueOf(d) : null;
            }
            case VALUE_TRUE:
                return BooleanNode.TRUE;
            case VALUE_FALSE:
                return BooleanNode.FALSE;
            default:
                return null;
        }
    }

    /** True only when the message certainly satisfies the schema. */
    boolean accepts(JsonNode node) {
        for (String r : required) {
            if (!node.has(r)) {
                return false;
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            Check c = properties.get(f.getKey());
            if (c != null && !passes(c, f.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean passes(Check c, JsonNode v) {
        if (c.constant != null && !c.constant.equals(v)) {
            return false;
        }
        if (c.enumValues != null && !c.enumValues.contains(v)) {
            return false;
        }
        if (c.type != null) {
            switch (c.type) {
                case "string": if (!v.isTextual()) { return false; } break;
                case "number": if (!v.isNumber()) { return false; } break;
                case "integer": if (!v.isIntegralNumber()) { return false; } break;
                case "boolean": if (!v.isBoolean()) { return false; } break;
                default: return false;
            }
        }
        if (v.isNumber()) {
            double d = v.doubleValue();
            if (c.minimum != null && d < c.minimum || c.maximum != null && d > c.maximum
                    || c.exclusiveMinimum != null && d <= c.exclusiveMinimum
                    || c.exclusiveMaximum != null && d >= c.exclusiveMaximum) {
                return false;
            }
        }
        if (v.isTextual()) {
            String s = v.asText();
            int len = s.codePointCount(0, s.length());
            if (c.minLength != null && len < c.minLength || c.maxLength != null && len > c.maxLength) {
                return false;
            }
            if (c.pattern != null && (c.uncached || !c.matched.contains(s))) {
                if (!c.pattern.matcher(s).find()) {
                    return false;
                }
                if (!c.uncached) {
                    if (c.matched.size() >= MAX_MATCHED) {
                        c.uncached = true; // bounded: a cache, not a registry, and no use for unique values
                        c.matched.clear();
                    } else {
                        c.matched.add(s);
                    }
                }
            }
        } else if (c.type == null && (c.minLength != null || c.maxLength != null || c.pattern != null)) {
            return false; // string keywords with no type: leave the subtleties to networknt
        }
        return true;
    }
}
