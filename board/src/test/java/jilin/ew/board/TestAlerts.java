package jilin.ew.board;

import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;
import jilin.ew.schema.Modifier;
import jilin.ew.schema.Times;

/** Alert messages as the job emits them (alert id = rule:subject/firstTs/seq), for the board's tests. */
final class TestAlerts {
    static final long T0 = Times.parse("2026-03-20T08:00:00+08:00");

    private TestAlerts() {}

    /** Message {@code seq} of the incident of {@code rule} on {@code subject} that started at T0 + {@code startMin}. */
    static Alert alert(String rule, String subject, String prefecture, Level level, AlertStatus status, int startMin,
                       int seq) {
        Alert a = new Alert();
        long first = T0 + startMin * 60_000L;
        a.ruleId = rule;
        a.subjectId = subject;
        a.key = rule + ":" + subject;
        a.alertId = a.key + "/" + first + "/" + seq;
        a.domain = rule.startsWith("GAS") ? Domain.GAS_NETWORK : rule.startsWith("VEH") ? Domain.VEHICLE
                : rule.startsWith("REPORT") ? Domain.REPORT : Domain.MINE;
        a.level = level;
        a.baseLevel = level;
        a.status = status;
        a.prefecture = prefecture;
        a.title = "测试 " + rule + " " + subject;
        a.detail = "detail of " + subject + " message " + seq;
        a.firstEventTs = first;
        a.lastEventTs = first + seq * 30_000L;
        a.emittedAt = System.currentTimeMillis();
        a.ruleSetVersion = "test";
        a.certainty = "OBSERVED";
        if (a.domain == Domain.MINE) {
            a.sensorId = subject;
            a.evidence.add("{\"type\":\"mine.reading\",\"ts\":\"" + Times.format(a.lastEventTs) + "\",\"sensorId\":\""
                    + subject + "\",\"value\":1.6" + seq + "}");
        } else if (a.domain == Domain.GAS_NETWORK) {
            a.stationId = subject;
            a.lat = 43.88;
            a.lon = 125.32;
            a.evidence.add("{\"type\":\"gas.reading\",\"ts\":\"" + Times.format(a.lastEventTs) + "\",\"stationId\":\""
                    + subject + "\",\"measure\":\"LEL_PCT\",\"value\":2" + seq + "}");
        } else {
            a.vehicleId = subject;
            a.lat = 42.9 + Math.floorMod(subject.hashCode(), 100) / 100.0;
            a.lon = 126.0 + Math.floorMod(subject.hashCode(), 37) / 20.0;
            a.evidence.add("{\"type\":\"vehicle.position\",\"ts\":\"" + Times.format(a.lastEventTs)
                    + "\",\"vehicleId\":\"" + subject + "\",\"lat\":" + a.lat + ",\"lon\":" + a.lon
                    + ",\"speedKmh\":9" + seq + "}");
        }
        return a;
    }

    static Alert withModifier(Alert a, String modifier, String reason) {
        a.modifiers.add(new Modifier(modifier, reason));
        return a;
    }
}
