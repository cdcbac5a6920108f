package jilin.ew.rules;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads rule sets: the shipped default (seeds/rules/default-rules.json) or an analyst's file. */
public final class RuleSets {
    public static final String DEFAULT_RESOURCE = "/seeds/rules/default-rules.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final ObjectMapper YAML = new YAMLMapper();

    private RuleSets() {}

    public static RuleSet defaults() {
        try (InputStream in = RuleSets.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default rule set missing from the classpath: " + DEFAULT_RESOURCE);
            }
            return MAPPER.readValue(in, RuleSet.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default rule set " + DEFAULT_RESOURCE, e);
        }
    }

    /** Reads a rule-set file, YAML when its name ends in .yaml or .yml. Unchecked: see {@link RuleSetValidator}. */
    public static RuleSet fromFile(Path file) throws IOException {
        if (RuleSetValidator.isYamlName(file.getFileName().toString())) {
            return MAPPER.treeToValue(YAML.readTree(Files.readAllBytes(file)), RuleSet.class);
        }
        return MAPPER.readValue(Files.readAllBytes(file), RuleSet.class);
    }

    /** Binds an already parsed rule set (JSON or YAML tree). */
    public static RuleSet fromTree(JsonNode tree) throws IOException {
        return MAPPER.treeToValue(tree, RuleSet.class);
    }

    public static RuleSet fromJson(String json) throws IOException {
        return MAPPER.readValue(json, RuleSet.class);
    }

    /** Compact JSON for Flink state ({@link RuleSetSerializer}); {@link #fromBytes} reads it back. */
    static byte[] toBytes(RuleSet rules) throws IOException {
        return MAPPER.writeValueAsBytes(rules);
    }

    static RuleSet fromBytes(byte[] json) throws IOException {
        return MAPPER.readValue(json, RuleSet.class);
    }

    public static String toJson(RuleSet rules) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
