package jilin.ew.alert.cap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import jilin.ew.alert.AlertLifecycle;
import jilin.ew.alert.Detection;
import jilin.ew.reference.Reference;
import jilin.ew.rules.RuleSets;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;
import jilin.ew.schema.Modifier;
import jilin.ew.testing.Msg;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Every CAP message is valid CAP 1.2 (the OASIS schema), carries what the profile asks, and references right. */
class CapRendererTest {
    static Schema schema;
    static final CapContext CTX = CapContext.of(Reference.classpath().catalog(), false);

    @BeforeAll
    static void loadSchema() throws Exception {
        URL xsd = CapRendererTest.class.getResource("/cap/CAP-v1.2.xsd");
        assertNotNull(xsd, "the CAP 1.2 schema ships on the classpath");
        schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
    }

    /** Validates against the OASIS schema (order, cardinality, value lists, dateTime pattern) and parses. */
    static Document valid(String xml) throws Exception {
        schema.newValidator().validate(new StreamSource(new StringReader(xml)));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    static List<String> children(Element e) {
        List<String> names = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                names.add(n.getLocalName());
            }
        }
        return names;
    }

    static String text(Element e, String name) {
        NodeList l = e.getElementsByTagNameNS(CapRenderer.NS, name);
        return l.getLength() == 0 ? null : l.item(0).getTextContent();
    }

    static List<Element> infos(Document d) {
        List<Element> out = new ArrayList<>();
        NodeList l = d.getDocumentElement().getElementsByTagNameNS(CapRenderer.NS, "info");
        for (int i = 0; i < l.getLength(); i++) {
            out.add((Element) l.item(i));
        }
        return out;
    }

    static Alert alert(String rule, Domain domain, Level level, AlertStatus status) {
        Alert a = new Alert();
        a.alertId = rule + ":S1/1773970000000/1";
        a.key = rule + ":S1";
        a.ruleId = rule;
        a.domain = domain;
        a.level = level;
        a.status = status;
        a.subjectId = "S1";
        a.prefecture = "220100";
        a.title = "title";
        a.detail = "detail";
        a.certainty = "OBSERVED";
        a.firstEventTs = Msg.epochMs(0) + 123; // fractions of a second never reach CAP
        a.lastEventTs = Msg.epochMs(60) + 456;
        return a;
    }

    @Test
    void theAlertElementsComeInTheSchemasOrderWithTheRequiredOnes() throws Exception {
        Alert a = alert("MINE_CH4_ALARM", Domain.MINE, Level.YELLOW, AlertStatus.NEW);
        a.mineId = "LY001";
        a.sensorId = "LY001-WF1-T1";
        a.prefecture = "220400";
        a.lat = 42.93;
        a.lon = 125.1275;
        a.modifiers.add(new Modifier("DISASTER_MINE", "a disaster mine"));
        Document d = valid(CapRenderer.render(a, CTX));
        Element root = d.getDocumentElement();
        assertEquals(CapRenderer.NS, root.getNamespaceURI());
        assertEquals("alert", root.getLocalName());
        assertEquals(List.of("identifier", "sender", "sent", "status", "msgType", "source", "scope", "restriction",
                "incidents", "info", "info"), children(root));
        assertTrue(text(root, "identifier").matches("220400\\d{3}\\d{3}\\d{2}_20260610080100_\\d+"),
                "GB/T 35965.1 identifier: " + text(root, "identifier"));
        assertEquals("2026-06-10T08:01:00+08:00", text(root, "sent"));
        assertEquals("Actual", text(root, "status"));
        assertEquals("Alert", text(root, "msgType"));
        List<Element> infos = infos(d);
        assertEquals("zh-CN", text(infos.get(0), "language"));
        assertEquals("en-US", text(infos.get(1), "language"));
        for (Element info : infos) {
            List<String> c = children(info);
            assertEquals(List.of("language", "category", "event", "urgency", "severity", "certainty"), c.subList(0, 6));
            assertEquals("Geo", text(info, "category"));
            assertEquals("Moderate", text(info, "severity"));
            assertEquals("Observed", text(info, "certainty"));
            assertNotNull(text(info, "headline"));
            assertNotNull(text(info, "description"));
            Element area = (Element) info.getElementsByTagNameNS(CapRenderer.NS, "area").item(0);
            assertEquals(List.of("areaDesc", "circle", "geocode"), children(area));
            assertEquals("42.930000,125.127500 1.0", text(area, "circle"));
            assertEquals("220400", text(area, "value"));
        }
        assertTrue(text(infos.get(0), "headline").contains("黄色预警"), text(infos.get(0), "headline"));
        assertTrue(text(infos.get(0), "areaDesc").startsWith("辽源市"), text(infos.get(0), "areaDesc"));
        assertTrue(text(infos.get(1), "areaDesc").startsWith("Liaoyuan"), text(infos.get(1), "areaDesc"));
    }

    @Test
    void valuesComeFromTheCapValueLists() throws Exception {
        Object[][] cases = {
                {Level.RED, "Extreme", "MINE_CH4_ESCALATION", Domain.MINE, "Geo"},
                {Level.ORANGE, "Severe", "GAS_LEL_LEVEL2", Domain.GAS_NETWORK, "Safety"},
                {Level.YELLOW, "Moderate", "GAS_PRESSURE_ABNORMAL", Domain.GAS_NETWORK, "Infra"},
                {Level.BLUE, "Minor", "VEH_CLASS_SPEEDING", Domain.VEHICLE, "Transport"},
        };
        for (Object[] c : cases) {
            Alert a = alert((String) c[2], (Domain) c[3], (Level) c[0], AlertStatus.NEW);
            a.certainty = "LIKELY";
            Document d = valid(CapRenderer.render(a, CapContext.of(CTX.catalog(), true)));
            assertEquals("Exercise", text(d.getDocumentElement(), "status"), "simulated and backtest runs");
            for (Element info : infos(d)) {
                assertEquals(c[1], text(info, "severity"));
                assertEquals(c[4], text(info, "category"));
                assertEquals("Likely", text(info, "certainty"), "patterns are Likely");
            }
            // no position known: no circle, the area still has its description and geocode
            Element area = (Element) infos(d).get(0).getElementsByTagNameNS(CapRenderer.NS, "area").item(0);
            assertEquals(List.of("areaDesc", "geocode"), children(area));
        }
        assertEquals("Update", CapRenderer.msgType(AlertStatus.ESCALATED));
        assertEquals("Update", CapRenderer.msgType(AlertStatus.UPDATED));
        assertEquals("Cancel", CapRenderer.msgType(AlertStatus.CLEARED));
    }

    @Test
    void updatesAndCancelsReferenceTheMessagesTheyUpdate() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Detection, Alert> h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AlertLifecycle(RuleSets.defaults(), Reference.classpath())),
                Detection::lifecycleKey, Types.STRING);
        h.open();
        Detection alarm = det("MINE_CH4_ALARM", Level.YELLOW, 0);
        h.processElement(new StreamRecord<>(alarm, alarm.eventTs));
        Detection esc = det("MINE_CH4_ESCALATION", Level.RED, 50);
        esc.contains.add("MINE_CH4_ALARM");
        esc.certainty = "LIKELY";
        for (int i = 1; i <= 30; i++) {
            Detection d = i == 2 ? esc : det("MINE_CH4_ALARM", i < 10 ? Level.YELLOW : Level.ORANGE, i * 25L);
            h.processElement(new StreamRecord<>(d, d.eventTs));
            if (i == 2) {
                h.processElement(new StreamRecord<>(det("MINE_CH4_ALARM", Level.YELLOW, 50), esc.eventTs));
            }
        }
        h.processWatermark(Msg.epochMs(3000));
        Map<String, String> sentById = new HashMap<>();
        List<String> msgTypes = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (!(o instanceof StreamRecord)) {
                continue;
            }
            Alert a = (Alert) ((StreamRecord<?>) o).getValue();
            if (a.inhibited) {
                continue; // recorded, not notified: no CAP message
            }
            Element root = valid(CapRenderer.render(a, CTX)).getDocumentElement();
            String type = text(root, "msgType");
            msgTypes.add(a.ruleId + " " + type);
            String refs = text(root, "references");
            if (!"Alert".equals(type)) {
                assertNotNull(refs, type + " of " + a.alertId + " references what it updates");
            }
            if (refs != null) {
                for (String ref : refs.split(" ")) {
                    String[] p = ref.split(",");
                    assertEquals(3, p.length, ref);
                    assertEquals(CTX.sender(), p[0]);
                    assertEquals(sentById.get(p[1]), p[2], "a reference names an earlier message: " + ref);
                }
            }
            assertFalse(sentById.containsKey(text(root, "identifier")), "identifiers are unique");
            sentById.put(text(root, "identifier"), text(root, "sent"));
        }
        h.close();
        assertEquals(List.of("MINE_CH4_ALARM Alert", "MINE_CH4_ESCALATION Alert", "MINE_CH4_ESCALATION Cancel"),
                msgTypes);
    }

    @Test
    void anEscalationIsAnUpdateReferencingTheNewMessage() throws Exception {
        Alert first = alert("MINE_CH4_ESCALATION", Domain.MINE, Level.RED, AlertStatus.NEW);
        Alert e = alert("MINE_CH4_ESCALATION", Domain.MINE, Level.RED, AlertStatus.UPDATED);
        e.alertId = "MINE_CH4_ESCALATION:S1/1773970000000/esc-1";
        e.lastEventTs = first.lastEventTs + 300_000;
        e.references.add(first.alertId);
        e.referenceTimes.add(first.lastEventTs);
        e.escalation = new jilin.ew.schema.Escalation();
        e.escalation.count = 1;
        e.escalation.reason = "unacknowledged for 5 min";
        e.escalation.unacknowledgedSec = 300;
        Element root = valid(CapRenderer.render(e, CTX)).getDocumentElement();
        Element newRoot = valid(CapRenderer.render(first, CTX)).getDocumentElement();
        assertEquals("Update", text(root, "msgType"));
        assertEquals(CTX.sender() + "," + text(newRoot, "identifier") + "," + text(newRoot, "sent"),
                text(root, "references"));
        assertFalse(text(root, "identifier").equals(text(newRoot, "identifier")));
        Element zh = infos(valid(CapRenderer.render(e, CTX))).get(0);
        assertTrue(text(zh, "headline").startsWith("催办"), text(zh, "headline"));
        assertTrue(text(zh, "description").contains("无人确认已5分钟，第1次催办上报"), text(zh, "description"));
    }

    @Test
    void theSameAlertRendersTheSameXml() {
        Alert a = alert("VEH_FATIGUE", Domain.VEHICLE, Level.ORANGE, AlertStatus.UPDATED);
        a.references.add("VEH_FATIGUE:S1/1773970000000/0");
        a.referenceTimes.add(Msg.epochMs(0));
        assertEquals(CapRenderer.render(a, CTX), CapRenderer.render(a, CTX));
    }

    static Detection det(String rule, Level level, long sec) {
        Detection d = new Detection();
        d.ruleId = rule;
        d.domain = Domain.MINE;
        d.baseLevel = level;
        d.subjectId = "LY001-WF1-T1";
        d.sensorId = d.subjectId;
        d.mineId = "LY001";
        d.district = "WF1";
        d.group = "LY001/WF1";
        d.prefecture = "220400";
        d.title = rule;
        d.detail = "CH4 at LY001-WF1-T1";
        d.certainty = "OBSERVED";
        d.eventTs = Msg.epochMs(sec);
        d.firstEventTs = d.eventTs;
        d.evidence.add("{\"sec\":" + sec + "}");
        d.lat = 42.93;
        d.lon = 125.1275;
        return d;
    }
}
