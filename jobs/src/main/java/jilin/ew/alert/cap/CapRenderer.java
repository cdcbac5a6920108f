package jilin.ew.alert.cap;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;
import jilin.ew.schema.Modifier;
import jilin.ew.schema.Times;
import jilin.ew.seeds.Mine;
import jilin.ew.seeds.Prefecture;
import jilin.ew.seeds.RuleName;
import jilin.ew.seeds.SeedCatalog;

/**
 * Renders an alert as an OASIS CAP 1.2 {@code alert} (namespace {@value #NS}) in the order the CAP 1.2 schema
 * requires, with a Chinese {@code info} and an English one beside it. Pure: the same alert and context give the
 * same XML, so replays are repeatable. Identifiers follow GB/T 35965.1: {@code ZZZZZZDDDUUUXX_YYYYMMDDhhmmss_N}.
 */
public final class CapRenderer {
    public static final String NS = "urn:oasis:names:tc:emergency:cap:1.2";
    private static final DateTimeFormatter SENT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX")
            .withZone(Times.LOCAL_ZONE);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(Times.LOCAL_ZONE);
    private static final DateTimeFormatter ZH_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日HH:mm")
            .withZone(Times.LOCAL_ZONE);
    private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

    private static final Map<String, String> MODIFIERS_ZH = Map.of(
            "DISASTER_MINE", "灾害矿井", "KEY_PERIOD", "重点时段", "REPEAT", "24小时内同一规则再次发生",
            "CROWD_PLACE", "人员密集场所附近", "CORROBORATED", "有报告印证");

    private CapRenderer() {}

    /** The CAP 1.2 XML of an alert (UTF-8 text, with an XML declaration). */
    public static String render(Alert a, CapContext c) {
        StringWriter out = new StringWriter(4096);
        try {
            XMLStreamWriter w = XML.createXMLStreamWriter(out);
            w.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            w.setDefaultNamespace(NS);
            w.writeStartElement(NS, "alert");
            w.writeDefaultNamespace(NS);
            text(w, "identifier", identifier(a, c));
            text(w, "sender", c.sender());
            text(w, "sent", sent(a.lastEventTs));
            text(w, "status", c.exercise() ? "Exercise" : "Actual");
            text(w, "msgType", msgType(a.status));
            text(w, "source", "rule set " + (a.ruleSetVersion == null ? "unknown" : a.ruleSetVersion));
            text(w, "scope", "Restricted");
            text(w, "restriction", "应急管理部门及相关企业 / emergency management and the operator concerned");
            String refs = references(a, c);
            if (!refs.isEmpty()) {
                text(w, "references", refs);
            }
            text(w, "incidents", incident(a));
            info(w, a, c, true);
            info(w, a, c, false);
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot render CAP for " + a.alertId, e);
        }
        return out.toString();
    }

    /** CAP msgType of a lifecycle status: NEW Alert, ESCALATED and UPDATED Update, CLEARED Cancel. */
    public static String msgType(AlertStatus s) {
        switch (s) {
            case NEW:
                return "Alert";
            case CLEARED:
                return "Cancel";
            default:
                return "Update";
        }
    }

    /** CAP severity of a grade (docs/design.md section 11.1). */
    public static String severity(Level l) {
        switch (l) {
            case RED:
                return "Extreme";
            case ORANGE:
                return "Severe";
            case YELLOW:
                return "Moderate";
            default:
                return "Minor";
        }
    }

    /** CAP category of an alert: Geo for mines, Safety for gas concentrations (Infra for pressure), Transport. */
    public static String category(Alert a) {
        switch (a.domain) {
            case MINE:
                return "Geo";
            case GAS_NETWORK:
                return a.ruleId != null && a.ruleId.contains("PRESSURE") ? "Infra" : "Safety";
            case VEHICLE:
                return "Transport";
            default:
                return "Safety";
        }
    }

    /** The alert's CAP identifier (GB/T 35965.1): area, sector, unit, the message's time and its sequence. */
    public static String identifier(Alert a, CapContext c) {
        return identifier(a.alertId, a.lastEventTs, a.prefecture, a.domain, c);
    }

    /**
     * The identifier of any message of an alert key: the sequence N is derived from the message's alert id (a
     * CRC-32), not from a counter, so it is the same in every replay and needs no state shared across keys.
     */
    public static String identifier(String alertId, long sentTs, String prefecture, Domain domain, CapContext c) {
        String area = prefecture != null && prefecture.matches("\\d{6}") ? prefecture : c.provinceCode();
        String sector = c.sector(domain, "300");
        CRC32 crc = new CRC32();
        crc.update(alertId.getBytes(StandardCharsets.UTF_8));
        return area + sector + c.unit() + c.subUnit() + "_" + ID_TIME.format(Instant.ofEpochMilli(sentTs)) + "_"
                + crc.getValue();
    }

    /** CAP dateTime: local offset, no fractional seconds. */
    public static String sent(long ts) {
        return SENT.format(Instant.ofEpochMilli(ts));
    }

    /** "sender,identifier,sent" of every earlier message the alert refers to, space separated. */
    static String references(Alert a, CapContext c) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.references.size(); i++) {
            if (i >= a.referenceTimes.size()) {
                break; // without the earlier message's time its identifier cannot be rebuilt
            }
            long t = a.referenceTimes.get(i);
            out.add(c.sender() + "," + identifier(a.references.get(i), t, a.prefecture, a.domain, c) + "," + sent(t));
        }
        return String.join(" ", out);
    }

    /** The incident all messages of one alert share (its key and first event time); no spaces. */
    static String incident(Alert a) {
        int cut = a.alertId.lastIndexOf('/');
        return (cut > 0 ? a.alertId.substring(0, cut) : a.alertId).replace(' ', '_');
    }

    private static void info(XMLStreamWriter w, Alert a, CapContext c, boolean zh) throws XMLStreamException {
        // the event names are the rule catalog's (seeds/data/rules/catalog.json); an unknown rule goes by its id
        RuleName n = a.ruleId == null ? null : SeedCatalog.ruleNames().get(a.ruleId);
        String[] names = n == null ? new String[] {a.ruleId, a.ruleId} : new String[] {n.zh(), n.en()};
        w.writeStartElement(NS, "info");
        text(w, "language", zh ? "zh-CN" : "en-US");
        text(w, "category", category(a));
        text(w, "event", zh ? names[0] : names[1]);
        if (a.status == AlertStatus.CLEARED) {
            text(w, "responseType", "AllClear");
        }
        text(w, "urgency", a.status == AlertStatus.CLEARED ? "Past"
                : a.level.ordinal() >= Level.ORANGE.ordinal() ? "Immediate" : "Expected");
        text(w, "severity", severity(a.level));
        text(w, "certainty", "LIKELY".equals(a.certainty) ? "Likely" : "Observed");
        pair(w, "eventCode", "jilin.ew.ruleId", a.ruleId);
        text(w, "onset", sent(a.firstEventTs));
        text(w, "senderName", zh ? c.senderName() : c.senderNameEn());
        text(w, "headline", zh ? headlineZh(a, c, names[0]) : a.title);
        text(w, "description", zh ? descriptionZh(a, c, names[0]) : a.detail);
        pair(w, "parameter", "level", a.level.name());
        pair(w, "parameter", "alertStatus", a.status.name());
        pair(w, "parameter", "alertKey", a.key);
        if (a.escalation != null) {
            pair(w, "parameter", "escalation", String.valueOf(a.escalation.count));
        }
        for (Modifier m : a.modifiers) {
            pair(w, "parameter", "modifier", m.modifier);
        }
        area(w, a, c, zh);
        w.writeEndElement();
    }

    private static void area(XMLStreamWriter w, Alert a, CapContext c, boolean zh) throws XMLStreamException {
        w.writeStartElement(NS, "area");
        text(w, "areaDesc", place(a, c, zh));
        if (a.lat != null && a.lon != null && !a.lat.isNaN() && !a.lon.isNaN()) {
            text(w, "circle", String.format(Locale.ROOT, "%.6f,%.6f %.1f", a.lat, a.lon,
                    c.radiusKm(a.domain, 1.0)));
        }
        pair(w, "geocode", "GB/T 2260", a.prefecture != null ? a.prefecture : c.provinceCode());
        w.writeEndElement();
    }

    private static String headlineZh(Alert a, CapContext c, String event) {
        String prefix = a.escalation != null ? "催办" : a.status == AlertStatus.CLEARED ? "解除"
                : a.status == AlertStatus.ESCALATED ? "升级" : "";
        return prefix + levelZh(a.level) + "预警：" + whereZh(a, c) + event;
    }

    private static String descriptionZh(Alert a, CapContext c, String event) {
        StringBuilder b = new StringBuilder();
        b.append(ZH_TIME.format(Instant.ofEpochMilli(a.lastEventTs))).append("，")
                .append(whereZh(a, c)).append("：").append(event).append("。");
        b.append("预警级别：").append(levelZh(a.level)).append("（").append(grade(a.level)).append("）。");
        if (!a.modifiers.isEmpty()) {
            List<String> m = new ArrayList<>();
            for (Modifier x : a.modifiers) {
                m.add(MODIFIERS_ZH.getOrDefault(x.modifier, x.modifier));
            }
            b.append("加重因素：").append(String.join("、", m)).append("。");
        }
        if (a.escalation != null) {
            // an escalation (docs/handling.md): nobody acknowledged the incident in time
            b.append("无人确认已").append(durationZh(a.escalation.unacknowledgedSec)).append("，第")
                    .append(a.escalation.count).append("次催办上报，请立即确认处置。");
        } else switch (a.status) {
            case NEW:
                b.append("首次发布，请立即核查处置。");
                break;
            case ESCALATED:
                b.append("预警级别升高，请加强处置。");
                break;
            case UPDATED:
                b.append("有新的监测数据，预警持续。");
                break;
            default:
                b.append("监测值已恢复正常，解除本预警。");
        }
        b.append("始发时间：").append(ZH_TIME.format(Instant.ofEpochMilli(a.firstEventTs))).append("。");
        return b.toString();
    }

    /** "5分钟", or seconds when not whole minutes. */
    private static String durationZh(long sec) {
        return sec % 60 == 0 ? sec / 60 + "分钟" : sec + "秒";
    }

    /** Prefecture and subject, without naming the prefecture twice (mine names start with it). */
    private static String whereZh(Alert a, CapContext c) {
        String p = prefectureName(a, c, true);
        String s = subjectZh(a, c);
        return s.startsWith(p) ? s : p + s;
    }

    private static String subjectZh(Alert a, CapContext c) {
        StringBuilder b = new StringBuilder();
        Mine m = mine(a, c);
        if (m != null) {
            b.append(m.name()).append("（").append(m.mineId()).append("）");
        } else if (a.mineId != null) {
            b.append("煤矿").append(a.mineId);
        }
        if (a.sensorId != null) {
            b.append("传感器").append(a.sensorId);
        } else if (a.district != null && a.domain == Domain.MINE) {
            b.append(a.district).append("采区");
        }
        if (a.stationId != null) {
            b.append("燃气监测点").append(a.stationId);
        }
        if (a.vehicleId != null) {
            b.append("车辆").append(a.vehicleId);
        }
        if (b.length() == 0) {
            b.append(a.subjectId);
        }
        return b.toString();
    }

    private static String place(Alert a, CapContext c, boolean zh) {
        Mine m = mine(a, c);
        String where = m != null ? (zh ? m.name() : m.nameEn() != null ? m.nameEn() : m.mineId()) : a.subjectId;
        return prefectureName(a, c, zh) + " " + where;
    }

    private static Mine mine(Alert a, CapContext c) {
        return c.catalog() == null || a.mineId == null ? null : c.catalog().mine(a.mineId).orElse(null);
    }

    private static String prefectureName(Alert a, CapContext c, boolean zh) {
        if (c.catalog() != null && a.prefecture != null) {
            for (Prefecture p : c.catalog().prefectures()) {
                if (p.code().equals(a.prefecture)) {
                    return zh || p.nameEn() == null ? p.name() : p.nameEn();
                }
            }
        }
        return zh ? "吉林省" : "Jilin";
    }

    private static String levelZh(Level l) {
        switch (l) {
            case RED:
                return "红色";
            case ORANGE:
                return "橙色";
            case YELLOW:
                return "黄色";
            default:
                return "蓝色";
        }
    }

    private static String grade(Level l) {
        switch (l) {
            case RED:
                return "I级";
            case ORANGE:
                return "II级";
            case YELLOW:
                return "III级";
            default:
                return "IV级";
        }
    }

    private static void text(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeStartElement(NS, name);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private static void pair(XMLStreamWriter w, String name, String valueName, String value) throws XMLStreamException {
        w.writeStartElement(NS, name);
        text(w, "valueName", valueName);
        text(w, "value", value);
        w.writeEndElement();
    }
}
