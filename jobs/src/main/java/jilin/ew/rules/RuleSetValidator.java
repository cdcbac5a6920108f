package jilin.ew.rules;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import jilin.ew.schema.Domain;
import jilin.ew.seeds.SeedCatalog;
import jilin.ew.seeds.SensorLocation;

/**
 * Checks a rule-set file (JSON or YAML) before it is used: its shape against {@code schemas/rule-set.schema.json}
 * (networknt), then its meaning against the shipped default rule set (rule ids, parameter names, locations,
 * classes, modifiers; alarm not above power cut; windows positive). Every problem names the file, line, column
 * and field and carries a hint. Used by {@code validate-rules}, {@code backtest} and the job's rules stream.
 */
public final class RuleSetValidator implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final String SCHEMA_RESOURCE = "/schemas/rule-set.schema.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
    private static final JsonFactory JSON_FACTORY = JSON.getFactory();
    private static final YAMLFactory YAML_FACTORY = (YAMLFactory) YAML.getFactory();

    /**
     * Settings that no longer exist, by dotted field, with where they went or why they are gone: a file that still
     * sets one is refused (rather than the number being silently ignored) with this hint. The list is rule catalog
     * data (seeds/data/rules/retired.json), beside the rules' names, so a rule id is named in code by its class only.
     */
    static final Map<String, String> RETIRED = SeedCatalog.retiredSettings();

    /** The rule set that defines which ids, parameters, classes and modifiers exist: the shipped default. */
    private final RuleSet reference;
    private transient JsonSchema schema;

    public RuleSetValidator() {
        this(RuleSets.defaults());
    }

    public RuleSetValidator(RuleSet reference) {
        this.reference = reference;
    }

    /** One problem: where it is, what it is, and what to do about it. */
    public static final class Problem implements Serializable {
        private static final long serialVersionUID = 1L;
        public final String file;
        /** 1-based; 0 when unknown. */
        public final int line;
        public final int column;
        /** Dotted path of the field, e.g. rules.ID.level; "" for the whole file. */
        public final String field;
        public final String message;
        public final String hint;

        Problem(String file, int line, int column, String field, String message, String hint) {
            this.file = file;
            this.line = line;
            this.column = column;
            this.field = field;
            this.message = message;
            this.hint = hint;
        }

        @Override
        public String toString() {
            return file + ":" + line + ":" + column + ": " + (field.isEmpty() ? "" : field + ": ") + message
                    + (hint == null ? "" : " (hint: " + hint + ")");
        }
    }

    /** The outcome: every problem found, and the rule set when there were none. */
    public static final class Result implements Serializable {
        private static final long serialVersionUID = 1L;
        public final List<Problem> problems;
        /** Null unless valid. */
        public final RuleSet ruleSet;

        Result(List<Problem> problems, RuleSet ruleSet) {
            this.problems = problems;
            this.ruleSet = ruleSet;
        }

        public boolean valid() {
            return problems.isEmpty();
        }

        /** All problems, one a line. */
        public String describe() {
            StringBuilder b = new StringBuilder();
            for (Problem p : problems) {
                b.append(p).append('\n');
            }
            return b.toString();
        }
    }

    /** Validates a file; YAML when its name ends in .yaml or .yml, JSON otherwise. */
    public Result validateFile(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        return validate(file.toString(), text, isYamlName(file.getFileName().toString()));
    }

    /** Validates text (a rules-topic message, say); YAML when it does not start like a JSON object. */
    public Result validate(String name, String text) {
        return validate(name, text, !text.stripLeading().startsWith("{"));
    }

    static boolean isYamlName(String name) {
        String n = name.toLowerCase();
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    public Result validate(String name, String text, boolean yaml) {
        Checker c = new Checker(name, yaml);
        JsonNode root;
        try {
            root = (yaml ? YAML : JSON).readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            String msg = e.getOriginalMessage();
            c.problems.add(new Problem(name, l == null ? 0 : l.getLineNr(), l == null ? 0 : l.getColumnNr(), "",
                    (yaml ? "not valid YAML: " : "not valid JSON: ") + firstLine(msg),
                    msg != null && msg.startsWith("Duplicate field")
                            ? "each field may appear once; remove or rename the second"
                            : "check brackets, commas and quotes just before this position"));
            return new Result(c.problems, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || !root.isObject()) {
            c.problems.add(new Problem(name, 1, 1, "", "a rule set is one object",
                    "start from seeds/data/rules/default-rules.json"));
            return new Result(c.problems, null);
        }
        c.locate(text);
        c.schema(root);
        c.semantics(root);
        c.problems.sort(Comparator.comparingInt((Problem p) -> p.line).thenComparingInt(p -> p.column));
        if (!c.problems.isEmpty()) {
            return new Result(c.problems, null);
        }
        try {
            RuleSet rs = RuleSets.fromTree(root);
            return new Result(c.problems, rs);
        } catch (IOException e) {
            // the schema and the checks above should have caught anything the model refuses
            c.problems.add(new Problem(name, 1, 1, "", "cannot be read as a rule set: " + firstLine(e.getMessage()),
                    "compare with seeds/data/rules/default-rules.json"));
            return new Result(c.problems, null);
        }
    }

    private JsonSchema schema() {
        if (schema == null) {
            try (InputStream in = RuleSetValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("schema missing from the classpath: " + SCHEMA_RESOURCE);
                }
                schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return schema;
    }

    /** One validation pass over one file. */
    private final class Checker {
        final String name;
        final boolean yaml;
        final List<Problem> problems = new ArrayList<>();
        /** JSON pointer of each field -> where its name stands. */
        final Map<String, JsonLocation> where = new HashMap<>();
        /** Problems already reported, so the schema and the checks do not say the same thing twice. */
        final Set<String> seen = new LinkedHashSet<>();

        Checker(String name, boolean yaml) {
            this.name = name;
            this.yaml = yaml;
        }

        /** A streaming pass that records where each field's name is (Jackson token locations). */
        void locate(String text) {
            try (JsonParser p = yaml ? YAML_FACTORY.createParser(text) : JSON_FACTORY.createParser(text)) {
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t == JsonToken.FIELD_NAME) {
                        where.put(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation());
                    }
                }
            } catch (IOException e) {
                // readTree succeeded on the same text, so this does not happen; locations fall back to the parent
            }
        }

        void add(String pointer, boolean missing, String message, String hint) {
            String key = pointer + "|" + message;
            if (!seen.add(key)) {
                return;
            }
            // a missing field has no place of its own: point at the object that should hold it
            JsonLocation l = null;
            String p = pointer;
            if (missing) {
                p = parent(p);
            }
            while (l == null && !p.isEmpty()) {
                l = where.get(p);
                if (l == null) {
                    p = parent(p);
                }
            }
            int line = l == null ? 1 : l.getLineNr();
            int col = l == null ? 1 : l.getColumnNr();
            problems.add(new Problem(name, line, col, dotted(pointer), message, hint));
        }

        void schema(JsonNode root) {
            for (ValidationMessage m : RuleSetValidator.this.schema().validate(root)) {
                String base = pointerOf(m);
                String type = m.getType();
                String prop = m.getProperty();
                switch (type) {
                    case "required":
                        add(base + "/" + esc(prop), true, "missing field '" + prop + "'",
                                "add it; see seeds/data/rules/default-rules.json for an example");
                        break;
                    case "additionalProperties":
                        String retired = RETIRED.get(dotted(base + "/" + esc(prop)));
                        add(base + "/" + esc(prop), false, retired != null ? "'" + prop + "' is no longer a setting"
                                : "unknown field '" + prop + "'", retired != null ? retired
                                : nearest(prop, fieldsAt(base)));
                        break;
                    case "propertyNames":
                        // the name itself is wrong; semantic checks name unknown ids with better hints
                        break;
                    case "enum":
                        add(base, false, "value not allowed: " + m.getMessage().replaceFirst("^\\S+: ", ""), null);
                        break;
                    case "type":
                        add(base, false, "wrong type: " + m.getMessage().replaceFirst("^\\S+: ", ""),
                                base.endsWith("/enabled") ? "write true or false, without quotes"
                                        : "numbers are written without quotes");
                        break;
                    case "pattern":
                        add(base, false, "badly formed: " + m.getMessage().replaceFirst("^\\S+: ", ""),
                                base.equals("/version") ? "letters, digits and . _ : + - ; at most 80 characters"
                                        : null);
                        break;
                    default:
                        add(base, false, m.getMessage().replaceFirst("^\\S+: ", ""), null);
                }
            }
        }

        /** Field names the schema knows at a place, for "did you mean". */
        private Set<String> fieldsAt(String pointer) {
            String[] parts = pointer.split("/");
            if (pointer.isEmpty()) {
                return Set.of("version", "description", "author", "disableDomains", "rules", "ch4Thresholds",
                        "classDefaults", "modifiers", "lifecycle", "handling");
            }
            if (parts.length == 3 && "rules".equals(parts[1])) {
                return Set.of("enabled", "level", "params", "source", "description");
            }
            if (parts.length == 3 && "ch4Thresholds".equals(parts[1])) {
                return Set.of("alarm", "powerCut", "restore", "source");
            }
            if (parts.length == 3 && "classDefaults".equals(parts[1])) {
                return Set.of("params", "source");
            }
            if (parts.length == 2 && "lifecycle".equals(parts[1])) {
                return Set.of("updateIntervalSec", "repeatWindowSec", "clearHoldSec");
            }
            if (parts.length == 2 && "handling".equals(parts[1])) {
                return Set.of("commandWaitSec", "escalation");
            }
            if (parts.length == 4 && "handling".equals(parts[1]) && "escalation".equals(parts[2])) {
                return Set.of("afterSec", "repeatSec", "maxTimes", "routes");
            }
            return Set.of();
        }

        void semantics(JsonNode root) {
            JsonNode rules = root.get("rules");
            if (rules != null && rules.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = rules.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String id = e.getKey();
                    String at = "/rules/" + esc(id);
                    RuleConfig known = reference.rules().get(id);
                    if (known == null) {
                        add(at, false, "unknown rule id '" + id + "'",
                                nearest(id, reference.rules().keySet()) + "; rule ids are fixed (the rule catalogue in docs/design.md)");
                        continue;
                    }
                    boolean hasLevel = e.getValue().has("level");
                    if (known.level() == null && hasLevel) {
                        add(at + "/level", false, "'" + id + "' raises no alert of its own, so a level would be "
                                + "ignored", "remove level; what it does is raise another alert one grade");
                    } else if (known.level() != null && !hasLevel && e.getValue().isObject()) {
                        add(at + "/level", true, "missing field 'level'",
                                "add it; the default is " + known.level());
                    }
                    params(at, e.getValue().get("params"), known.params(), true);
                }
                for (String id : reference.rules().keySet()) {
                    if (!rules.has(id)) {
                        add("/rules/" + esc(id), true, "rule '" + id + "' is missing",
                                "every rule is listed; to switch one off, keep it with \"enabled\": false");
                    }
                }
            }
            domains(root, rules);
            handling(root);
            JsonNode ch4 = root.get("ch4Thresholds");
            if (ch4 != null && ch4.isObject()) {
                Set<String> locations = new TreeSet<>();
                for (SensorLocation l : SensorLocation.values()) {
                    locations.add(l.name());
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = ch4.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String at = "/ch4Thresholds/" + esc(e.getKey());
                    if (!locations.contains(e.getKey())) {
                        add(at, false, "unknown location '" + e.getKey() + "'",
                                nearest(e.getKey(), locations) + "; locations are those of mine.sensor (wire contract)");
                        continue;
                    }
                    JsonNode alarm = e.getValue().get("alarm");
                    JsonNode cut = e.getValue().get("powerCut");
                    if (alarm != null && alarm.isNumber() && cut != null && cut.isNumber()
                            && alarm.doubleValue() > cut.doubleValue()) {
                        add(at + "/alarm", false, "alarm " + alarm.asText() + " % is above power cut "
                                + cut.asText() + " %", "the alarm must sound at or before power is cut: set alarm <= "
                                + cut.asText() + " (煤矿安全规程 methane sensor settings)");
                    }
                }
                if (!ch4.has("OTHER")) {
                    add("/ch4Thresholds/OTHER", true, "location 'OTHER' is missing",
                            "OTHER applies wherever no row does; keep it");
                }
            }
            JsonNode classes = root.get("classDefaults");
            if (classes == null && !reference.classDefaults().isEmpty()) {
                add("/classDefaults", true, "missing field 'classDefaults'", "the class speed limits and pressure "
                        + "bands are set there; copy it from seeds/data/rules/default-rules.json");
            }
            if (classes != null && classes.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = classes.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String at = "/classDefaults/" + esc(e.getKey());
                    ClassDefaults known = reference.classDefaults().get(e.getKey());
                    if (known == null) {
                        add(at, false, "unknown class '" + e.getKey() + "'", nearest(e.getKey(),
                                reference.classDefaults().keySet()));
                        continue;
                    }
                    params(at, e.getValue().get("params"), known.params(), true);
                    JsonNode min = e.getValue().at("/params/minMPa");
                    JsonNode max = e.getValue().at("/params/maxMPa");
                    if (min.isNumber() && max.isNumber() && min.doubleValue() >= max.doubleValue()) {
                        add(at + "/params/minMPa", false, "minMPa " + min.asText() + " is not below maxMPa "
                                + max.asText(), "a pressure band runs from minMPa up to maxMPa (GB 50028 "
                                + "pressure classes)");
                    }
                }
                for (String cls : reference.classDefaults().keySet()) {
                    if (!classes.has(cls)) {
                        add("/classDefaults/" + esc(cls), true, "class '" + cls + "' is missing",
                                "every class is listed; its limits are read by the rules (default: "
                                        + reference.classDefaults().get(cls).params() + ")");
                    }
                }
            }
            JsonNode mods = root.get("modifiers");
            if (mods != null && mods.isObject()) {
                for (Iterator<String> it = mods.fieldNames(); it.hasNext(); ) {
                    String m = it.next();
                    if (!reference.modifiers().containsKey(m)) {
                        add("/modifiers/" + esc(m), false, "unknown modifier '" + m + "'",
                                nearest(m, reference.modifiers().keySet()));
                    }
                }
            }
        }

        /** The escalation policy: known levels, and a repeat interval wherever an incident escalates more than once. */
        void handling(JsonNode root) {
            JsonNode esc = root.path("handling").get("escalation");
            if (esc == null || !esc.isObject()) {
                return;
            }
            Set<String> levels = new TreeSet<>();
            for (jilin.ew.schema.Level l : jilin.ew.schema.Level.values()) {
                levels.add(l.name());
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = esc.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = "/handling/escalation/" + esc(e.getKey());
                if (!levels.contains(e.getKey())) {
                    add(at, false, "unknown level '" + e.getKey() + "'", nearest(e.getKey(), levels));
                    continue;
                }
                JsonNode times = e.getValue().get("maxTimes");
                JsonNode repeat = e.getValue().get("repeatSec");
                if (times != null && times.isInt() && times.intValue() > 1
                        && (repeat == null || repeat.isNumber() && repeat.longValue() <= 0)) {
                    add(at + "/repeatSec", repeat == null, "maxTimes " + times.intValue()
                                    + " escalations need repeatSec above zero",
                            "set repeatSec (the RED default repeats every 600 s) or maxTimes 1");
                }
            }
        }

        /**
         * The rules topic is a control channel: a version that switches off every rule of a domain is refused unless
         * it names the domain in disableDomains; a named domain must have none of its rules on.
         */
        void domains(JsonNode root, JsonNode rules) {
            if (rules == null || !rules.isObject()) {
                return;
            }
            Set<String> declared = new TreeSet<>();
            JsonNode dd = root.get("disableDomains");
            if (dd != null && dd.isArray()) {
                dd.forEach(d -> declared.add(d.asText()));
            }
            for (Domain domain : Domain.values()) {
                List<String> on = new ArrayList<>();
                List<String> all = new ArrayList<>();
                for (String id : reference.rules().keySet()) {
                    if (RuleSet.domainOf(id) != domain) {
                        continue;
                    }
                    all.add(id);
                    JsonNode enabled = rules.path(id).get("enabled");
                    if (!rules.has(id) || enabled == null || !enabled.isBoolean() || enabled.booleanValue()) {
                        on.add(id); // a missing rule or a bad value is reported on its own; it does not count as off
                    }
                }
                if (all.isEmpty()) {
                    continue;
                }
                if (on.isEmpty() && !declared.contains(domain.name())) {
                    addAt("/rules", "/disableDomains", "every " + domain + " rule is disabled (" + String.join(", ", all)
                                    + ") but disableDomains does not name " + domain,
                            "if the whole domain is meant to go quiet, add \"disableDomains\": [\"" + domain
                                    + "\"]; otherwise enable at least one of its rules");
                } else if (!on.isEmpty() && declared.contains(domain.name())) {
                    addAt("/disableDomains", "/disableDomains", "disableDomains names " + domain + " but "
                                    + String.join(", ", on) + (on.size() == 1 ? " is" : " are") + " still enabled",
                            "set \"enabled\": false on " + (on.size() == 1 ? "it" : "them") + ", or remove " + domain
                                    + " from disableDomains");
                }
            }
        }

        /** A problem about {@code pointer}, shown where {@code placeAt} (or its nearest parent) stands. */
        void addAt(String placeAt, String pointer, String message, String hint) {
            if (!seen.add(pointer + "|" + message)) {
                return;
            }
            JsonLocation l = null;
            for (String p = placeAt; l == null && !p.isEmpty(); p = parent(p)) {
                l = where.get(p);
            }
            problems.add(new Problem(name, l == null ? 1 : l.getLineNr(), l == null ? 1 : l.getColumnNr(),
                    dotted(pointer), message, hint));
        }

        /** A rule's or class's numbers: names known, none missing, none negative, windows above zero. */
        void params(String at, JsonNode params, Map<String, Double> known, boolean requireAll) {
            if (params != null && params.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String p = at + "/params/" + esc(e.getKey());
                    String retired = RETIRED.get(dotted(p));
                    if (retired != null) {
                        add(p, false, "'" + e.getKey() + "' is no longer a setting", retired);
                        continue;
                    }
                    if (!known.containsKey(e.getKey())) {
                        add(p, false, "unknown parameter '" + e.getKey() + "'", known.isEmpty()
                                ? "this takes no parameters" : nearest(e.getKey(), known.keySet()));
                        continue;
                    }
                    if (!e.getValue().isNumber()) {
                        continue; // the schema reports it
                    }
                    double v = e.getValue().doubleValue();
                    if (isWindow(e.getKey()) && v <= 0) {
                        add(p, false, (v < 0 ? "negative window " : "zero window ") + e.getValue().asText(),
                                "a window or duration is a number of seconds above zero (default "
                                        + fmt(known.get(e.getKey())) + ")");
                    } else if (v < 0) {
                        add(p, false, "negative value " + e.getValue().asText(),
                                "thresholds and counts are zero or more (default " + fmt(known.get(e.getKey())) + ")");
                    }
                }
            }
            if (requireAll) {
                for (String k : known.keySet()) {
                    if (params == null || !params.has(k)) {
                        add(at + "/params/" + esc(k), true, "parameter '" + k + "' is missing",
                                "the rule needs it; the default is " + fmt(known.get(k)));
                    }
                }
            }
        }
    }

    /** Durations are named by their unit (windowSec, maxGapSec, ...). */
    static boolean isWindow(String param) {
        return param.endsWith("Sec") || param.endsWith("Ms") || param.endsWith("Min")
                || param.toLowerCase().contains("window");
    }

    private static String fmt(Double d) {
        if (d == null) {
            return "none";
        }
        return d == Math.rint(d) ? String.valueOf(d.longValue()) : d.toString();
    }

    private static String pointerOf(ValidationMessage m) {
        var path = m.getInstanceLocation();
        StringBuilder b = new StringBuilder();
        if (path != null) {
            for (int i = 0; i < path.getNameCount(); i++) {
                b.append('/').append(esc(String.valueOf(path.getElement(i))));
            }
        }
        return b.toString();
    }

    private static String esc(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String parent(String pointer) {
        int i = pointer.lastIndexOf('/');
        return i <= 0 ? "" : pointer.substring(0, i);
    }

    /** rules/ID/level -> rules.ID.level */
    static String dotted(String pointer) {
        if (pointer.isEmpty()) {
            return "";
        }
        JsonPointer p = JsonPointer.compile(pointer);
        List<String> parts = new ArrayList<>();
        while (p != null && !p.matches()) {
            parts.add(p.getMatchingProperty());
            p = p.tail();
        }
        return String.join(".", parts);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int i = s.indexOf('\n');
        return i < 0 ? s : s.substring(0, i);
    }

    /** "did you mean X?" for the closest known name, or the list of known names. */
    static String nearest(String name, Set<String> known) {
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name.toLowerCase(), k.toLowerCase());
            if (d < bestD) {
                bestD = d;
                best = k;
            }
        }
        if (best != null && bestD <= Math.max(2, name.length() / 3)) {
            return "did you mean '" + best + "'?";
        }
        return known.isEmpty() ? "nothing is allowed here" : "known: " + String.join(", ", new TreeSet<>(known));
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
