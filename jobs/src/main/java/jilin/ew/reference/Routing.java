package jilin.ew.reference;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jilin.ew.schema.Alert;

/**
 * Where an alert goes, from the routing table {@code seeds/data/routing.json}: the province route always, the
 * prefecture's route and the subject's operator's route when the table lists them. Route names are stable
 * (replay writes {@code <route>.jsonl}; Kafka mode writes to {@link #topic(String)}); see docs/routing.md.
 */
public final class Routing implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String FILE = "routing.json";
    /** Kafka topic of route {@code r} is this prefix followed by r. */
    public static final String TOPIC_PREFIX = "ew.alerts.";
    /** Kafka topic of the CAP 1.2 rendering of every notified alert. */
    public static final String CAP_TOPIC = "ew.alerts.cap";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String province;
    private final String provinceCode;
    private final Map<String, String> prefectures;
    private final Map<String, String> operators;
    /** The routes that have a webhook, in table order (docs/webhooks.md). */
    private final Map<String, Webhook> webhooks = new LinkedHashMap<>();

    private Routing(Table t) {
        this(t, FILE);
    }

    /** {@code file} names the table in error messages. */
    private Routing(Table t, String file) {
        if (t.province == null || t.province.route == null) {
            throw new IllegalArgumentException(FILE + ": province.route is required");
        }
        province = t.province.route;
        provinceCode = t.province.code;
        prefectures = new LinkedHashMap<>();
        for (Entry e : t.prefectures) {
            prefectures.put(require(e.code, "prefectures[].code"), require(e.route, "prefectures[].route"));
        }
        operators = new LinkedHashMap<>();
        for (Entry e : t.operators) {
            operators.put(require(e.operatorId, "operators[].operatorId"), require(e.route, "operators[].route"));
        }
        List<String> errors = new ArrayList<>();
        webhook(t.province, file, "province.webhook", errors);
        for (int i = 0; i < t.prefectures.size(); i++) {
            webhook(t.prefectures.get(i), file, "prefectures[" + i + "].webhook", errors);
        }
        for (int i = 0; i < t.operators.size(); i++) {
            webhook(t.operators.get(i), file, "operators[" + i + "].webhook", errors);
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", errors));
        }
    }

    private void webhook(Entry e, String file, String field, List<String> errors) {
        if (e.webhook == null) {
            return;
        }
        if (webhooks.containsKey(e.route)) {
            errors.add(file + ": " + field + ": route " + e.route + " already has a webhook");
            return;
        }
        Webhook w = Webhook.of(e.route, e.webhook, file, field, errors);
        if (w != null) {
            webhooks.put(e.route, w);
        }
    }

    private static String require(String v, String field) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(FILE + ": " + field + " is required");
        }
        return v;
    }

    /** The table shipped on the classpath under {@code /seeds/}. */
    public static Routing classpath() {
        try (InputStream in = Routing.class.getResourceAsStream("/seeds/" + FILE)) {
            if (in == null) {
                throw new IllegalStateException("seed file /seeds/" + FILE + " not found on the classpath");
            }
            return new Routing(MAPPER.readValue(in, Table.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /seeds/" + FILE + ": " + e.getMessage(), e);
        }
    }

    /** The table in a seed folder, else the shipped one. */
    public static Routing directory(Path dir) {
        Path p = dir.resolve(FILE);
        if (!Files.exists(p)) {
            return classpath();
        }
        try (InputStream in = Files.newInputStream(p)) {
            return new Routing(MAPPER.readValue(in, Table.class), p.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /**
     * The routes of an alert, province first, then an escalation's own. An inhibited alert has none: it is recorded on the alerts output
     * but absorbed by a higher alert, which is what people are told about.
     */
    public List<String> routes(Alert a) {
        List<String> r = new ArrayList<>(3);
        if (a.inhibited) {
            return r;
        }
        r.add(province);
        String p = a.prefecture == null ? null : prefectures.get(a.prefecture);
        if (p != null) {
            r.add(p);
        }
        String o = a.operatorId == null ? null : operators.get(a.operatorId);
        if (o != null) {
            r.add(o);
        }
        if (a.escalation != null) {
            // an escalation also goes where the rule set's policy sends it (docs/handling.md)
            for (String e : a.escalation.routes) {
                if (!r.contains(e)) {
                    r.add(e);
                }
            }
        }
        return r;
    }

    /** The Kafka topic of a route. */
    public static String topic(String route) {
        return TOPIC_PREFIX + route;
    }

    /** Every route of the table (for creating topics up front). */
    public List<String> allRoutes() {
        List<String> r = new ArrayList<>();
        r.add(province);
        r.addAll(prefectures.values());
        r.addAll(operators.values());
        return r;
    }

    /** The webhook of each route that has one, by route, in table order (none in the shipped table). */
    public Map<String, Webhook> webhooks() {
        return java.util.Collections.unmodifiableMap(webhooks);
    }

    /** Reads a table from {@code in}; {@code name} names it in error messages (tests, tools). */
    public static Routing read(InputStream in, String name) throws IOException {
        return new Routing(MAPPER.readValue(in, Table.class), name);
    }

    /** Administrative code of the province (the CAP area code when an alert has no prefecture). */
    public String provinceCode() {
        return provinceCode == null ? "220000" : provinceCode;
    }

    /** The JSON shape of routing.json. */
    public static class Table {
        public Entry province;
        public List<Entry> prefectures = new ArrayList<>();
        public List<Entry> operators = new ArrayList<>();
    }

    /** One row of routing.json. */
    public static class Entry {
        public String route;
        public String code;
        public String operatorId;
        public String name;
        public String nameEn;
        /** Optional: POST this route's alerts to a receiver (docs/webhooks.md). */
        public Webhook.Spec webhook;
    }
}
