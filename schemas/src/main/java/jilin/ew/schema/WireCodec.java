package jilin.ew.schema;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decodes wire-contract messages (parse, schema validation, typed payload) and encodes alerts and dead
 * letters. Never throws on input: whatever cannot be used comes back as a {@link DeadLetter}.
 * Not thread-safe to share across Flink subtasks only in that each operator should own one.
 */
public final class WireCodec {
    /** Larger messages are refused unparsed: no contract message comes near this size. */
    public static final int MAX_MESSAGE_CHARS = 64 * 1024;

    // NaN and Infinity are parsed so they can be refused with a reason that names the field.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The high-volume types read in one streaming pass when they can be: every field they fill is in their schema. */
    private static final Set<EventType> STREAMED = EnumSet.of(EventType.MINE_READING, EventType.GAS_READING,
            EventType.VEHICLE_POSITION);

    private final SchemaValidator validator;
    private final JsonFactory factory = MAPPER.getFactory();
    /** Reads trees with the target type resolved once: ObjectMapper.readTree resolves it on every call. */
    private static final ObjectReader TREE = MAPPER.readerFor(JsonNode.class);

    /** With the JVM's shared validator ({@link SchemaValidator#shared}). */
    public WireCodec() {
        this(SchemaValidator.shared());
    }

    public WireCodec(SchemaValidator validator) {
        this.validator = validator;
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Decodes one message. */
    public DecodeResult decode(String raw) {
        if (raw == null || raw.isBlank()) {
            return dead("malformed-json", null, "empty message", raw, null);
        }
        if (raw.length() > MAX_MESSAGE_CHARS) {
            return dead("too-large", null, "message of " + raw.length() + " characters exceeds the limit of "
                    + MAX_MESSAGE_CHARS, raw, null);
        }
        Envelope streamed = streamed(raw);
        if (streamed != null) {
            return DecodeResult.ok(streamed);
        }
        JsonNode node;
        try {
            node = TREE.readTree(raw);
        } catch (JsonProcessingException e) {
            return dead("malformed-json", null, "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr()), raw, null);
        }
        if (node == null || !node.isObject()) {
            return dead("not-an-object", null, "a message must be one JSON object", raw, null);
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            return dead("missing-field", "type", "field 'type' is missing or not a string", raw, null);
        }
        EventType type = EventType.ofWireName(typeNode.asText());
        if (type == null) {
            return dead("unknown-type", "type", "unknown message type '" + clip(typeNode.asText()) + "'", raw, null);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue())) {
                return dead("non-finite-number", f.getKey(), "field '" + f.getKey() + "' is " + v.asText()
                        + "; numbers must be finite", raw, null);
            }
        }
        SchemaValidator.Violation v = validator.validate(type.wireName(), node);
        if (v != null) {
            return dead(v.reason, v.field, type.wireName() + ": " + v.detail, raw, null);
        }
        long ts;
        try {
            ts = Times.parse(node.get("ts").asText());
        } catch (DateTimeParseException e) {
            return dead("invalid-value", "ts", "field 'ts' is not an ISO-8601 time with offset: "
                    + clip(node.get("ts").asText()), raw, null);
        }
        Envelope e = new Envelope();
        e.type = type;
        e.ts = ts;
        e.raw = raw;
        fill(e, node::get);
        return DecodeResult.ok(e);
    }

    /** Whether {@link #decode} takes this message in one streaming pass (for tests). */
    boolean streams(String raw) {
        return streamed(raw) != null;
    }

    /**
     * A valid reading decoded in one streaming pass, with no tree ({@link FastPath#read}), or null: then the tree
     * path decodes it (the same envelope) or names what is wrong with it. Only messages that begin with their type.
     */
    private Envelope streamed(String raw) {
        try (JsonParser p = factory.createParser(raw)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || !"type".equals(p.currentName()) || p.nextToken() != JsonToken.VALUE_STRING) {
                return null;
            }
            String typeName = p.getText();
            EventType type = EventType.ofWireName(typeName);
            FastPath f = type == null || !STREAMED.contains(type) ? null : validator.fastPath(typeName);
            if (f == null) {
                return null;
            }
            JsonNode[] v = f.read(p, f.indexOf("type"), TextNode.valueOf(typeName));
            if (v == null) {
                return null;
            }
            Envelope e = new Envelope();
            e.type = type;
            e.ts = Times.parse(v[f.indexOf("ts")].asText());
            e.raw = raw;
            fill(e, name -> {
                int i = f.indexOf(name);
                return i < 0 ? null : v[i];
            });
            return e;
        } catch (IOException | DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Decodes one {@code alert.command} line (the commands topic or a replay's commands file): the same refusals as
     * {@link #decode}, validated against {@code alert.command.schema.json}, plus {@code invalid-value} on
     * {@code endsAt} for a silence that ends before it starts. An alert message id given as {@code incidentId} is
     * reduced to its incident ({@link Command#incidentOf}).
     */
    public CommandDecode decodeCommand(String raw) {
        if (raw == null || raw.isBlank()) {
            return deadCommand("malformed-json", null, "empty message", raw, null);
        }
        if (raw.length() > MAX_MESSAGE_CHARS) {
            return deadCommand("too-large", null, "message of " + raw.length() + " characters exceeds the limit of "
                    + MAX_MESSAGE_CHARS, raw, null);
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            return deadCommand("malformed-json", null, "not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr()), raw, null);
        }
        if (node == null || !node.isObject()) {
            return deadCommand("not-an-object", null, "a message must be one JSON object", raw, null);
        }
        JsonNode typeNode = node.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            return deadCommand("missing-field", "type", "field 'type' is missing or not a string", raw, null);
        }
        if (!Command.TYPE.equals(typeNode.asText())) {
            return deadCommand("unknown-type", "type", "a command must have type '" + Command.TYPE + "', not '"
                    + clip(typeNode.asText()) + "'", raw, null);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (v.isFloatingPointNumber() && !Double.isFinite(v.doubleValue())) {
                return deadCommand("non-finite-number", f.getKey(), "field '" + f.getKey() + "' is " + v.asText()
                        + "; numbers must be finite", raw, null);
            }
        }
        SchemaValidator.Violation v = validator.validate(Command.TYPE, node);
        if (v != null) {
            return deadCommand(v.reason, v.field, Command.TYPE + ": " + v.detail, raw, null);
        }
        Command c = new Command();
        String at = "ts";
        try {
            c.ts = Times.parse(node.get("ts").asText());
            at = "startsAt";
            c.startsAt = node.has("startsAt") ? Times.parse(node.get("startsAt").asText()) : null;
            at = "endsAt";
            c.endsAt = node.has("endsAt") ? Times.parse(node.get("endsAt").asText()) : null;
        } catch (DateTimeParseException e) {
            return deadCommand("invalid-value", at, "field '" + at + "' is not an ISO-8601 time with offset: "
                    + clip(node.get(at).asText()), raw, null);
        }
        c.commandId = text(node, "commandId");
        c.action = Command.Action.valueOf(text(node, "action"));
        c.actor = text(node, "actor");
        c.incidentId = Command.incidentOf(text(node, "incidentId"));
        c.assignee = text(node, "assignee");
        c.text = text(node, "text");
        c.silenceId = text(node, "silenceId");
        JsonNode m = node.path("matchers");
        c.matchRuleId = text(m, "ruleId");
        c.matchSubjectId = text(m, "subjectId");
        c.matchPrefecture = text(m, "prefecture");
        if (c.action == Command.Action.SILENCE) {
            if (c.startsAt == null) {
                c.startsAt = c.ts;
            }
            if (c.endsAt <= c.startsAt) {
                return deadCommand("invalid-value", "endsAt", "a silence must end after it starts ("
                        + Times.format(c.startsAt) + ")", raw, c.ts);
            }
        }
        return CommandDecode.ok(c);
    }

    private static void fill(Envelope e, Function<String, JsonNode> n) {
        switch (e.type) {
            case MINE_SENSOR: {
                MineSensorDef d = new MineSensorDef(text(n, "mineId"), text(n, "sensorId"), text(n, "kind"),
                        text(n, "location"), text(n, "district"));
                d.alarm = optDouble(n, "alarm");
                d.powerCut = optDouble(n, "powerCut");
                d.restore = optDouble(n, "restore");
                e.mineSensor = d;
                break;
            }
            case MINE_READING: {
                JsonNode status = n.apply("status");
                e.mineReading = new MineReading(text(n, "sensorId"), n.apply("value").doubleValue(),
                        status != null ? text(status) : MineReading.OK);
                break;
            }
            case GAS_STATION: {
                GasStationDef g = new GasStationDef();
                g.stationId = text(n, "stationId");
                g.kind = text(n, "kind");
                g.prefecture = text(n, "prefecture");
                g.lat = n.apply("lat").doubleValue();
                g.lon = n.apply("lon").doubleValue();
                g.network = text(n, "network");
                g.pressureClass = text(n, "pressureClass");
                g.nominalPressureMPa = optDouble(n, "nominalPressureMPa");
                g.nearCrowdPlace = flag(n, "nearCrowdPlace");
                g.operatorId = text(n, "operatorId");
                e.gasStation = g;
                break;
            }
            case GAS_READING: {
                GasReading r = new GasReading();
                r.stationId = text(n, "stationId");
                r.measure = text(n, "measure");
                r.value = n.apply("value").doubleValue();
                e.gasReading = r;
                break;
            }
            case VEHICLE_REGISTRATION: {
                VehicleRegistration r = new VehicleRegistration();
                r.vehicleId = text(n, "vehicleId");
                r.vehicleClass = text(n, "vehicleClass");
                r.plate = text(n, "plate");
                r.operatorId = text(n, "operatorId");
                r.prefecture = text(n, "prefecture");
                r.tripKm = optDouble(n, "tripKm");
                e.vehicleRegistration = r;
                break;
            }
            case VEHICLE_POSITION: {
                VehiclePosition p = new VehiclePosition();
                p.vehicleId = text(n, "vehicleId");
                p.lat = n.apply("lat").doubleValue();
                p.lon = n.apply("lon").doubleValue();
                p.speedKmh = n.apply("speedKmh").doubleValue();
                p.heading = optDouble(n, "heading");
                JsonNode acc = n.apply("acc");
                JsonNode alarmFlags = n.apply("alarmFlags");
                p.acc = acc != null ? acc.asBoolean() : null;
                p.alarmFlags = alarmFlags != null ? alarmFlags.asLong(0) : 0;
                e.vehiclePosition = p;
                break;
            }
            case HAZARD_REPORT: {
                HazardReport h = new HazardReport();
                h.reportId = text(n, "reportId");
                h.source = text(n, "source");
                h.subjectId = text(n, "subjectId");
                h.severity = text(n, "severity");
                h.category = text(n, "category");
                h.text = text(n, "text");
                h.lat = optDouble(n, "lat");
                h.lon = optDouble(n, "lon");
                e.hazardReport = h;
                break;
            }
            default:
                throw new IllegalStateException("unhandled type " + e.type);
        }
    }

    private static String text(JsonNode n, String field) {
        return text(n::get, field);
    }

    private static String text(Function<String, JsonNode> n, String field) {
        return text(n.apply(field));
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.asText();
    }

    private static boolean flag(Function<String, JsonNode> n, String field) {
        JsonNode v = n.apply(field);
        return v != null && v.asBoolean(false);
    }

    private static Double optDouble(Function<String, JsonNode> n, String field) {
        JsonNode v = n.apply(field);
        return v == null || v.isNull() ? null : v.doubleValue();
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private static CommandDecode deadCommand(String reason, String field, String detail, String raw, Long ts) {
        return CommandDecode.dead(DeadLetter.of(reason, field, detail, raw, ts));
    }

    private static DecodeResult dead(String reason, String field, String detail, String raw, Long ts) {
        return DecodeResult.dead(DeadLetter.of(reason, field, detail, raw, ts));
    }

    /** Encodes an alert as one line of contract JSON; evidence is embedded as the original objects. */
    public String encode(Alert a) {
        StringWriter w = new StringWriter(512);
        try (JsonGenerator g = factory.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("alertId", a.alertId);
            g.writeStringField("key", a.key);
            g.writeStringField("ruleId", a.ruleId);
            g.writeStringField("domain", a.domain.name());
            g.writeStringField("level", a.level.name());
            if (a.baseLevel != null) {
                g.writeStringField("baseLevel", a.baseLevel.name());
            }
            g.writeStringField("status", a.status.name());
            g.writeStringField("subjectId", a.subjectId);
            optField(g, "mineId", a.mineId);
            optField(g, "sensorId", a.sensorId);
            optField(g, "stationId", a.stationId);
            optField(g, "vehicleId", a.vehicleId);
            optField(g, "district", a.district);
            optField(g, "prefecture", a.prefecture);
            optField(g, "operatorId", a.operatorId);
            g.writeStringField("title", a.title);
            g.writeStringField("detail", a.detail);
            optField(g, "certainty", a.certainty);
            g.writeStringField("firstEventTs", Times.format(a.firstEventTs));
            g.writeStringField("lastEventTs", Times.format(a.lastEventTs));
            g.writeStringField("emittedAt", Times.format(a.emittedAt));
            optField(g, "ruleSetVersion", a.ruleSetVersion);
            if (a.inhibited) {
                g.writeBooleanField("inhibited", true);
            }
            if (a.escalation != null) {
                // only escalation messages carry it, so every lifecycle message stays as it was
                Escalation x = a.escalation;
                g.writeObjectFieldStart("escalation");
                g.writeNumberField("count", x.count);
                g.writeStringField("reason", x.reason);
                g.writeNumberField("unacknowledgedSec", x.unacknowledgedSec);
                g.writeArrayFieldStart("routes");
                for (String r : x.routes) {
                    g.writeString(r);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            if (a.lat != null && a.lon != null) {
                g.writeNumberField("lat", a.lat);
                g.writeNumberField("lon", a.lon);
            }
            g.writeArrayFieldStart("references");
            for (String r : a.references) {
                g.writeString(r);
            }
            g.writeEndArray();
            if (!a.referenceTimes.isEmpty()) {
                g.writeArrayFieldStart("referenceTimes");
                for (Long t : a.referenceTimes) {
                    g.writeString(Times.format(t));
                }
                g.writeEndArray();
            }
            g.writeArrayFieldStart("modifiers");
            for (Modifier m : a.modifiers) {
                g.writeStartObject();
                g.writeStringField("modifier", m.modifier);
                g.writeStringField("reason", m.reason);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("evidence");
            for (String raw : a.evidence) {
                g.writeRawValue(raw);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Encodes a command as one line of contract JSON ({@code alert.command}), its type first. */
    public String encode(Command c) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = factory.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("type", Command.TYPE);
            g.writeStringField("ts", Times.format(c.ts));
            g.writeStringField("commandId", c.commandId);
            g.writeStringField("action", c.action.name());
            g.writeStringField("actor", c.actor);
            optField(g, "incidentId", c.incidentId);
            optField(g, "assignee", c.assignee);
            optField(g, "text", c.text);
            optField(g, "silenceId", c.silenceId);
            if (c.matchRuleId != null || c.matchSubjectId != null || c.matchPrefecture != null) {
                g.writeObjectFieldStart("matchers");
                optField(g, "ruleId", c.matchRuleId);
                optField(g, "subjectId", c.matchSubjectId);
                optField(g, "prefecture", c.matchPrefecture);
                g.writeEndObject();
            }
            if (c.startsAt != null) {
                g.writeStringField("startsAt", Times.format(c.startsAt));
            }
            if (c.endsAt != null) {
                g.writeStringField("endsAt", Times.format(c.endsAt));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Decodes a handling line ({@code alert.handling}, as {@link #encode(Handling)} writes it). */
    public Handling decodeHandling(String json) {
        JsonNode n;
        try {
            n = TREE.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject() || !Handling.TYPE.equals(n.path("type").asText())) {
            throw new IllegalArgumentException("not an " + Handling.TYPE + " object");
        }
        Handling h = new Handling();
        h.incidentId = required(n, "incidentId");
        h.key = required(n, "key");
        h.state = Handling.State.valueOf(required(n, "state"));
        h.version = n.path("version").asLong();
        h.updatedAt = Times.parse(required(n, "updatedAt"));
        h.acknowledgedBy = optional(n, "acknowledgedBy");
        h.acknowledgedAt = n.hasNonNull("acknowledgedAt") ? Times.parse(n.get("acknowledgedAt").asText()) : null;
        h.assignee = optional(n, "assignee");
        h.assignedBy = optional(n, "assignedBy");
        h.resolvedBy = optional(n, "resolvedBy");
        h.resolvedAt = n.hasNonNull("resolvedAt") ? Times.parse(n.get("resolvedAt").asText()) : null;
        h.resolution = optional(n, "resolution");
        for (JsonNode note : n.path("notes")) {
            h.notes.add(new Handling.Note(note.path("actor").asText(), Times.parse(note.path("at").asText()),
                    note.path("text").asText()));
        }
        h.escalations = n.path("escalations").asInt();
        for (JsonNode s : n.path("silencedBy")) {
            h.silencedBy.add(s.asText());
        }
        h.lastCommandId = optional(n, "lastCommandId");
        h.lastAction = optional(n, "lastAction");
        return h;
    }

    private static String required(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return v.asText();
    }

    private static String optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Encodes an incident's handling state as one line of contract JSON ({@code alert.handling.schema.json}). */
    public String encode(Handling h) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = factory.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("type", Handling.TYPE);
            g.writeStringField("incidentId", h.incidentId);
            g.writeStringField("key", h.key);
            g.writeStringField("state", h.state.name());
            g.writeNumberField("version", h.version);
            g.writeStringField("updatedAt", Times.format(h.updatedAt));
            optField(g, "acknowledgedBy", h.acknowledgedBy);
            if (h.acknowledgedAt != null) {
                g.writeStringField("acknowledgedAt", Times.format(h.acknowledgedAt));
            }
            optField(g, "assignee", h.assignee);
            optField(g, "assignedBy", h.assignedBy);
            optField(g, "resolvedBy", h.resolvedBy);
            if (h.resolvedAt != null) {
                g.writeStringField("resolvedAt", Times.format(h.resolvedAt));
            }
            optField(g, "resolution", h.resolution);
            g.writeArrayFieldStart("notes");
            for (Handling.Note n : h.notes) {
                g.writeStartObject();
                g.writeStringField("actor", n.actor);
                g.writeStringField("at", Times.format(n.at));
                g.writeStringField("text", n.text);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeNumberField("escalations", h.escalations);
            g.writeArrayFieldStart("silencedBy");
            for (String s : h.silencedBy) {
                g.writeString(s);
            }
            g.writeEndArray();
            optField(g, "lastCommandId", h.lastCommandId);
            optField(g, "lastAction", h.lastAction);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Encodes a dead letter as one line of JSON. */
    public String encode(DeadLetter d, long receivedAt) {
        StringWriter w = new StringWriter(256);
        try (JsonGenerator g = factory.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("reason", d.reason);
            g.writeStringField("detail", d.detail);
            optField(g, "field", d.field);
            g.writeStringField("raw", d.raw);
            g.writeNumberField("rawLength", d.rawLength);
            g.writeStringField("receivedAt", Times.format(receivedAt));
            if (d.ts != null) {
                g.writeStringField("ts", Times.format(d.ts));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void optField(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }
}
