package jilin.ew.board;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Escalation;
import jilin.ew.schema.Level;
import jilin.ew.schema.Modifier;
import jilin.ew.schema.Times;

/** Reads an alert back from its wire-contract JSON (what the job writes to the alert topics). */
public final class AlertJson {
    private AlertJson() {}

    /** The alert of one wire-contract JSON text; IllegalArgumentException names what is wrong. */
    public static Alert decode(String json) {
        JsonNode n;
        try {
            n = AlertBoard.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("an alert must be a JSON object");
        }
        Alert a = new Alert();
        a.alertId = req(n, "alertId");
        a.key = req(n, "key");
        a.ruleId = req(n, "ruleId");
        a.domain = Domain.valueOf(req(n, "domain"));
        a.level = Level.valueOf(req(n, "level"));
        a.baseLevel = n.hasNonNull("baseLevel") ? Level.valueOf(n.get("baseLevel").asText()) : null;
        a.status = AlertStatus.valueOf(req(n, "status"));
        a.subjectId = req(n, "subjectId");
        a.mineId = opt(n, "mineId");
        a.sensorId = opt(n, "sensorId");
        a.stationId = opt(n, "stationId");
        a.vehicleId = opt(n, "vehicleId");
        a.district = opt(n, "district");
        a.prefecture = opt(n, "prefecture");
        a.operatorId = opt(n, "operatorId");
        a.title = req(n, "title");
        a.detail = req(n, "detail");
        a.certainty = opt(n, "certainty");
        a.firstEventTs = Times.parse(req(n, "firstEventTs"));
        a.lastEventTs = Times.parse(req(n, "lastEventTs"));
        a.emittedAt = Times.parse(req(n, "emittedAt"));
        a.ruleSetVersion = opt(n, "ruleSetVersion");
        a.inhibited = n.path("inhibited").asBoolean(false);
        if (n.hasNonNull("lat") && n.hasNonNull("lon")) {
            a.lat = n.get("lat").asDouble();
            a.lon = n.get("lon").asDouble();
        }
        JsonNode esc = n.get("escalation");
        if (esc != null && esc.isObject()) {
            a.escalation = new Escalation();
            a.escalation.count = esc.path("count").asInt();
            a.escalation.reason = esc.path("reason").asText();
            a.escalation.unacknowledgedSec = esc.path("unacknowledgedSec").asLong();
            for (JsonNode r : esc.path("routes")) {
                a.escalation.routes.add(r.asText());
            }
        }
        for (JsonNode r : n.path("references")) {
            a.references.add(r.asText());
        }
        for (JsonNode r : n.path("referenceTimes")) {
            a.referenceTimes.add(Times.parse(r.asText()));
        }
        for (JsonNode m : n.path("modifiers")) {
            a.modifiers.add(new Modifier(m.path("modifier").asText(), m.path("reason").asText()));
        }
        for (JsonNode e : n.path("evidence")) {
            try {
                a.evidence.add(AlertBoard.JSON.writeValueAsString(e));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return a;
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
