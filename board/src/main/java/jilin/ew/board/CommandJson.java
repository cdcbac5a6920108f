package jilin.ew.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import jilin.ew.schema.Command;
import jilin.ew.schema.Handling;
import jilin.ew.schema.Times;

/**
 * The board's own wire mapping of what it sends ({@code alert.command}, schemas/alert.command.schema.json) and what
 * it reads back ({@code alert.handling}, schemas/alert.handling.schema.json), in this one place until WireCodec
 * carries both.
 */
public final class CommandJson {
    private CommandJson() {}

    /** A command as one line of JSON. */
    public static String encode(Command c) {
        ObjectNode o = AlertBoard.JSON.createObjectNode();
        o.put("type", Command.TYPE);
        o.put("ts", Times.format(c.ts));
        o.put("commandId", c.commandId);
        o.put("action", c.action.name());
        o.put("actor", c.actor);
        putOpt(o, "incidentId", c.incidentId);
        putOpt(o, "assignee", c.assignee);
        putOpt(o, "text", c.text);
        putOpt(o, "silenceId", c.silenceId);
        if (c.matchRuleId != null || c.matchSubjectId != null || c.matchPrefecture != null) {
            ObjectNode m = o.putObject("matchers");
            putOpt(m, "ruleId", c.matchRuleId);
            putOpt(m, "subjectId", c.matchSubjectId);
            putOpt(m, "prefecture", c.matchPrefecture);
        }
        if (c.startsAt != null) {
            o.put("startsAt", Times.format(c.startsAt));
        }
        if (c.endsAt != null) {
            o.put("endsAt", Times.format(c.endsAt));
        }
        return o.toString();
    }

    private static void putOpt(ObjectNode o, String field, String v) {
        if (v != null) {
            o.put(field, v);
        }
    }

    /** A handling message; IllegalArgumentException names what is wrong. */
    public static Handling decodeHandling(String json) {
        JsonNode n;
        try {
            n = AlertBoard.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject() || !Handling.TYPE.equals(n.path("type").asText())) {
            throw new IllegalArgumentException("not an alert.handling object");
        }
        Handling h = new Handling();
        h.incidentId = req(n, "incidentId");
        h.key = req(n, "key");
        h.state = Handling.State.valueOf(req(n, "state"));
        h.version = n.path("version").asLong();
        h.updatedAt = Times.parse(req(n, "updatedAt"));
        h.acknowledgedBy = opt(n, "acknowledgedBy");
        h.acknowledgedAt = n.hasNonNull("acknowledgedAt") ? Times.parse(n.get("acknowledgedAt").asText()) : null;
        h.assignee = opt(n, "assignee");
        h.assignedBy = opt(n, "assignedBy");
        h.resolvedBy = opt(n, "resolvedBy");
        h.resolvedAt = n.hasNonNull("resolvedAt") ? Times.parse(n.get("resolvedAt").asText()) : null;
        h.resolution = opt(n, "resolution");
        for (JsonNode note : n.path("notes")) {
            h.notes.add(new Handling.Note(note.path("actor").asText(), Times.parse(note.path("at").asText()),
                    note.path("text").asText()));
        }
        h.escalations = n.path("escalations").asInt();
        for (JsonNode s : n.path("silencedBy")) {
            h.silencedBy.add(s.asText());
        }
        h.lastCommandId = opt(n, "lastCommandId");
        h.lastAction = opt(n, "lastAction");
        return h;
    }

    /** A handling message as JSON (the board's API and tests). */
    public static ObjectNode handlingJson(Handling h) {
        ObjectNode o = AlertBoard.JSON.createObjectNode();
        o.put("type", Handling.TYPE);
        o.put("incidentId", h.incidentId);
        o.put("key", h.key);
        o.put("state", h.state.name());
        o.put("version", h.version);
        o.put("updatedAt", Times.format(h.updatedAt));
        putOpt(o, "acknowledgedBy", h.acknowledgedBy);
        if (h.acknowledgedAt != null) {
            o.put("acknowledgedAt", Times.format(h.acknowledgedAt));
        }
        putOpt(o, "assignee", h.assignee);
        putOpt(o, "assignedBy", h.assignedBy);
        putOpt(o, "resolvedBy", h.resolvedBy);
        if (h.resolvedAt != null) {
            o.put("resolvedAt", Times.format(h.resolvedAt));
        }
        putOpt(o, "resolution", h.resolution);
        var notes = o.putArray("notes");
        for (Handling.Note note : h.notes) {
            notes.addObject().put("actor", note.actor).put("at", Times.format(note.at)).put("text", note.text);
        }
        o.put("escalations", h.escalations);
        var sil = o.putArray("silencedBy");
        h.silencedBy.forEach(sil::add);
        putOpt(o, "lastCommandId", h.lastCommandId);
        putOpt(o, "lastAction", h.lastAction);
        return o;
    }

    private static String req(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return v.asText();
    }

    private static String opt(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
