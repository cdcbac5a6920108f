package jilin.ew.handling;

import static jilin.ew.testing.Harnesses.deadLetters;
import static jilin.ew.testing.Harnesses.side;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSets;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.CommandDecode;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Handling;
import jilin.ew.schema.Level;
import jilin.ew.schema.Times;
import jilin.ew.schema.WireCodec;
import jilin.ew.testing.Harnesses;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The handling operator in Flink's keyed broadcast harness, off live (event time): when escalations come and how
 * many, what stops them, repeated commands, silences, commands for incidents never seen, and state that goes.
 */
class HandlingHarnessTest {
    private static final WireCodec CODEC = new WireCodec();
    private static final long T0 = Times.parse("2026-03-20T08:00:00+08:00");
    private static final long MIN = 60_000L;
    private static final String RED_KEY = "MINE_CH4_ESCALATION:LY001-WF1-T1";
    private static final String ORANGE_KEY = "GAS_LEL_LEVEL2:CC-MH-007";

    private KeyedBroadcastOperatorTestHarness<String, HandlingInput, HandlingInput, Alert> h;

    private void open(RuleSet rules) throws Exception {
        h = Harnesses.dataTimeOnly(ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new HandlingFunction(rules, true), HandlingInput::key, Types.STRING, HandlingFunction.SILENCES, HandlingFunction.ALERT_TIME));
    }

    @AfterEach
    void close() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    private static String incident(String key) {
        return key + "/" + T0;
    }

    /** A lifecycle message of the incident of {@code key} that started at T0. */
    private static Alert alert(String key, int seq, AlertStatus status, Level level, long at) {
        Alert a = new Alert();
        a.key = key;
        a.alertId = incident(key) + "/" + seq;
        a.ruleId = key.substring(0, key.indexOf(':'));
        a.subjectId = key.substring(key.indexOf(':') + 1);
        a.domain = key.startsWith("MINE") ? Domain.MINE : Domain.GAS_NETWORK;
        a.prefecture = key.startsWith("MINE") ? "220400" : "220100";
        a.level = level;
        a.baseLevel = level;
        a.status = status;
        a.title = a.ruleId + " at " + a.subjectId;
        a.detail = "detail";
        a.firstEventTs = T0;
        a.lastEventTs = at;
        return a;
    }

    /** Sends an alert message as the stage does: with word to the incidents it absorbed. */
    private void send(Alert a) throws Exception {
        for (HandlingInput i : HandlingInput.of(a, new java.util.ArrayList<>())) {
            h.processElement(new StreamRecord<>(i, a.lastEventTs));
        }
    }

    private static HandlingInput command(String json) {
        CommandDecode r = CODEC.decodeCommand(json);
        assertTrue(r.isOk(), () -> String.valueOf(r.deadLetter));
        return HandlingInput.of(r.command, json);
    }

    private void command(String action, String id, String incidentId, long at, String extra) throws Exception {
        HandlingInput c = command("{\"type\":\"alert.command\",\"ts\":\"" + Times.format(at) + "\",\"commandId\":\""
                + id + "\",\"action\":\"" + action + "\",\"actor\":\"zhang.wei\",\"incidentId\":\"" + incidentId
                + "\"" + extra + "}");
        h.processElement(new StreamRecord<>(c, at));
    }

    private void silence(String id, String matchers, long from, long to, long at) throws Exception {
        HandlingInput c = command("{\"type\":\"alert.command\",\"ts\":\"" + Times.format(at) + "\",\"commandId\":\""
                + id + "\",\"action\":\"SILENCE\",\"actor\":\"wang.fang\",\"text\":\"maintenance\",\"matchers\":"
                + matchers + ",\"startsAt\":\"" + Times.format(from) + "\",\"endsAt\":\"" + Times.format(to) + "\"}");
        h.processBroadcastElement(new StreamRecord<>(c, at));
    }

    private void expire(String id, String silenceId, long at) throws Exception {
        HandlingInput c = command("{\"type\":\"alert.command\",\"ts\":\"" + Times.format(at) + "\",\"commandId\":\""
                + id + "\",\"action\":\"EXPIRE\",\"actor\":\"wang.fang\",\"silenceId\":\"" + silenceId + "\"}");
        h.processBroadcastElement(new StreamRecord<>(c, at));
    }

    private void watermark(long t) throws Exception {
        h.processWatermark(t);
    }

    private List<Alert> escalations() {
        return h.extractOutputValues().stream().filter(a -> a.escalation != null).collect(Collectors.toList());
    }

    /** "alertId at minutes-after-T0 count reason" of each escalation. */
    private List<String> escalationSummary() {
        return escalations().stream().map(a -> a.alertId.substring(a.alertId.lastIndexOf('/') + 1) + " +"
                + (a.lastEventTs - T0) / MIN + "min " + a.escalation.reason).collect(Collectors.toList());
    }

    private List<Handling> handling() {
        return side(h, HandlingOutputs.HANDLING);
    }

    private List<String> notified() {
        return side(h, HandlingOutputs.NOTIFICATIONS).stream().map(a -> a.alertId).collect(Collectors.toList());
    }

    @Test
    void anUnacknowledgedRedEscalatesAfterFiveMinutesThenEveryTenUpToThreeTimes() throws Exception {
        open(RuleSets.defaults());
        send(alert(RED_KEY, 1, AlertStatus.NEW, Level.RED, T0));
        watermark(T0 + 4 * MIN);
        assertEquals(List.of(), escalations());
        watermark(T0 + 60 * MIN);
        assertEquals(List.of("esc-1 +5min unacknowledged for 5 min", "esc-2 +15min unacknowledged for 15 min",
                "esc-3 +25min unacknowledged for 25 min"), escalationSummary());
        Alert first = escalations().get(0);
        assertEquals(incident(RED_KEY) + "/esc-1", first.alertId);
        assertEquals(AlertStatus.UPDATED, first.status);
        assertEquals(Level.RED, first.level);
        assertEquals(RED_KEY, first.key);
        assertEquals(List.of(incident(RED_KEY) + "/1"), first.references);
        assertEquals(List.of(T0), first.referenceTimes);
        assertEquals(List.of("province"), first.escalation.routes);
        assertEquals(300, first.escalation.unacknowledgedSec);
        // the lifecycle message passes through first; every escalation is notified
        assertEquals(incident(RED_KEY) + "/1", h.extractOutputValues().get(0).alertId);
        assertEquals(List.of(incident(RED_KEY) + "/1", incident(RED_KEY) + "/esc-1", incident(RED_KEY) + "/esc-2",
                incident(RED_KEY) + "/esc-3"), notified());
        List<Handling> states = handling();
        assertEquals(3, states.size());
        assertEquals(List.of(1L, 2L, 3L), states.stream().map(s -> s.version).collect(Collectors.toList()));
        assertEquals(3, states.get(2).escalations);
        assertEquals("ESCALATE", states.get(2).lastAction);
        assertEquals(Handling.State.OPEN, states.get(2).state);
    }

    @Test
    void anAcknowledgementInTimeMeansNoEscalation() throws Exception {
        open(RuleSets.defaults());
        send(alert(RED_KEY, 1, AlertStatus.NEW, Level.RED, T0));
        command("ACKNOWLEDGE", "c-1", incident(RED_KEY) + "/1", T0 + 3 * MIN, "");
        watermark(T0 + 60 * MIN);
        assertEquals(List.of(), escalations());
        List<Handling> states = handling();
        assertEquals(1, states.size());
        Handling s = states.get(0);
        assertEquals(Handling.State.ACKNOWLEDGED, s.state);
        assertEquals("zhang.wei", s.acknowledgedBy);
        assertEquals(T0 + 3 * MIN, s.acknowledgedAt);
        assertEquals(incident(RED_KEY), s.incidentId);
        assertEquals(RED_KEY, s.key);
        assertEquals("c-1", s.lastCommandId);
    }

    @Test
    void anAcknowledgementAfterTheFirstEscalationStopsTheRest() throws Exception {
        open(RuleSets.defaults());
        send(alert(RED_KEY, 1, AlertStatus.NEW, Level.RED, T0));
        command("ACKNOWLEDGE", "c-1", incident(RED_KEY), T0 + 7 * MIN, "");
        watermark(T0 + 60 * MIN);
        assertEquals(List.of("esc-1 +5min unacknowledged for 5 min"), escalationSummary());
        assertEquals(Handling.State.ACKNOWLEDGED, handling().get(1).state);
        assertEquals(1, handling().get(1).escalations);
    }

    @Test
    void anAcknowledgementAtTheDueTimeComesFirst() throws Exception {
        open(RuleSets.defaults());
        send(alert(RED_KEY, 1, AlertStatus.NEW, Level.RED, T0));
        command("ACKNOWLEDGE", "c-1", incident(RED_KEY), T0 + 5 * MIN, "");
        watermark(T0 + 60 * MIN);
        assertEquals(List.of(), escalations());
    }

    @Test
    void clearingStopsEscalationAndAResolvedIncidentIsNotEscalated() throws Exception {
        open(RuleSets.defaults());
        send(alert(RED_KEY, 1, AlertStatus.NEW, Level.RED, T0));
        send(alert(RED_KEY, 2, AlertStatus.CLEARED, Level.RED, T0 + 4 * MIN));
        send(alert(ORANGE_KEY, 1, AlertStatus.NEW, Level.ORANGE, T0));
        command("RESOLVE", "c-9", incident(ORANGE_KEY), T0 + 10 * MIN, ",\"text\":\"valve closed\"");
        watermark(T0 + 120 * MIN);
        assertEquals(List.of(), escalations());
        Handling resolved = handling().get(0);
        assertEquals(Handling.State.RESOLVED, resolved.state);
        assertEquals("valve closed", resolved.resolution);
        assertEquals(T0 + 10 * MIN, resolved.resolvedAt);
    }

    @Test
    void orangeAndYellowFollowTheirOwnPolicyAndAGradeRiseAppliesTheHigherOne() throws Exception {
        open(RuleSets.defaults());
        send(alert(ORANGE_KEY, 1, AlertStatus.NEW, Level.ORANGE, T0));
        String yellowKey = "GAS_LEL_LEVEL1:CC-MH-004";
        send(alert(yellowKey, 1, AlertStatus.NEW, Level.YELLOW, T0));
        // a grade rise at +2 min: RED's 5 min from the NEW apply
        String risingKey = "MINE_CH4_ALARM:LY002-WF1-T1";
        send(alert(risingKey, 1, AlertStatus.NEW, Level.YELLOW, T0));
        send(alert(risingKey, 2, AlertStatus.ESCALATED, Level.RED, T0 + 2 * MIN));
        watermark(T0 + 180 * MIN);
        List<String> byKey = escalations().stream().map(a -> a.key + " " + a.level + " +" + (a.lastEventTs - T0) / MIN)
                .sorted().collect(Collectors.toList());
        assertEquals(List.of(yellowKey + " YELLOW +60", ORANGE_KEY + " ORANGE +15", ORANGE_KEY + " ORANGE +45",
                risingKey + " RED +15", risingKey + " RED +25", risingKey + " RED +5"), byKey);
        // the escalation repeats the incident's latest message, at its level
        Alert rising = escalations().stream().filter(a -> a.key.equals(risingKey)).findFirst().orElseThrow();
        assertEquals(List.of(incident(risingKey) + "/1"), rising.references);
    }

    @Test
    void aRepeatedCommandIdIsIgnored() throws Exception {
        open(RuleSets.defaults());
        send(alert(ORANGE_KEY, 1, AlertStatus.NEW, Level.ORANGE, T0));
        command("NOTE", "n-1", incident(ORANGE_KEY), T0 + MIN, ",\"text\":\"crew on the way\"");
        command("NOTE", "n-1", incident(ORANGE_KEY), T0 + 2 * MIN, ",\"text\":\"crew on the way\"");
        command("ASSIGN", "a-1", incident(ORANGE_KEY), T0 + 3 * MIN, ",\"assignee\":\"li.na\"");
        command("ASSIGN", "a-1", incident(ORANGE_KEY), T0 + 4 * MIN, ",\"assignee\":\"someone.else\"");
        watermark(T0 + 10 * MIN);
        List<Handling> states = handling();
        assertEquals(2, states.size(), states.toString());
        Handling last = states.get(1);
        assertEquals(1, last.notes.size());
        assertEquals("crew on the way", last.notes.get(0).text);
        assertEquals("li.na", last.assignee);
        assertEquals("zhang.wei", last.assignedBy);
        assertEquals(2, last.version);
    }

    @Test
    void aRedAlertIsNeverSilencedAnOrangeOneIsUntilItsSilenceIsExpired() throws Exception {
        open(RuleSets.defaults());
        // one silence matches both by prefecture and subject-free: the RED is notified and escalated anyway
        silence("s-red", "{\"ruleId\":\"MINE_CH4_ESCALATION\"}", T0 - MIN, T0 + 120 * MIN, T0 - MIN);
        silence("s-gas", "{\"prefecture\":\"220100\"}", T0 - MIN, T0 + 120 * MIN, T0 - MIN);
        send(alert(RED_KEY, 1, AlertStatus.NEW, Level.RED, T0));
        send(alert(ORANGE_KEY, 1, AlertStatus.NEW, Level.ORANGE, T0));
        watermark(T0 + 30 * MIN);
        assertEquals(List.of(incident(RED_KEY) + "/1", incident(RED_KEY) + "/esc-1", incident(RED_KEY) + "/esc-2",
                incident(RED_KEY) + "/esc-3"), notified());
        assertTrue(escalations().stream().noneMatch(a -> a.key.equals(ORANGE_KEY)));
        // the silenced ORANGE is still on the alert stream (the board shows it), only not notified
        assertTrue(h.extractOutputValues().stream().anyMatch(a -> a.alertId.equals(incident(ORANGE_KEY) + "/1")));
        expire("e-1", "s-gas", T0 + 40 * MIN);
        watermark(T0 + 42 * MIN);
        List<Alert> orange = escalations().stream().filter(a -> a.key.equals(ORANGE_KEY)).collect(Collectors.toList());
        assertEquals(1, orange.size());
        // looked at again within a minute of the expiry
        assertTrue(orange.get(0).lastEventTs >= T0 + 40 * MIN && orange.get(0).lastEventTs <= T0 + 41 * MIN,
                Times.format(orange.get(0).lastEventTs));
        assertTrue(orange.get(0).escalation.unacknowledgedSec >= 40 * 60);
    }

    @Test
    void aSilenceMatchesOnlyWhatItNamesAndOnlyWhileInForce() throws Exception {
        open(RuleSets.defaults());
        silence("s-1", "{\"ruleId\":\"GAS_LEL_LEVEL2\",\"subjectId\":\"CC-MH-007\"}", T0 + MIN, T0 + 3 * MIN, T0);
        send(alert(ORANGE_KEY, 1, AlertStatus.NEW, Level.ORANGE, T0)); // before it starts
        send(alert(ORANGE_KEY, 2, AlertStatus.UPDATED, Level.ORANGE, T0 + 2 * MIN)); // silenced
        send(alert(ORANGE_KEY, 3, AlertStatus.UPDATED, Level.ORANGE, T0 + 4 * MIN)); // after it ends
        String other = "GAS_LEL_LEVEL2:CC-MH-008";
        send(alert(other, 1, AlertStatus.NEW, Level.ORANGE, T0 + 2 * MIN)); // another subject
        watermark(T0 + 5 * MIN);
        assertEquals(List.of(incident(ORANGE_KEY) + "/1", incident(other) + "/1", incident(ORANGE_KEY) + "/3"),
                notified());
    }

    @Test
    void aCommandForAnIncidentNotSeenWaitsThenIsDeadLettered() throws Exception {
        open(RuleSets.defaults());
        // arrives before its incident, which comes within the wait: applied
        command("ACKNOWLEDGE", "c-early", incident(RED_KEY), T0 - MIN, "");
        send(alert(RED_KEY, 1, AlertStatus.NEW, Level.RED, T0));
        // never comes
        String ghost = "MINE_CH4_ALARM:LY009-WF1-T1/" + T0;
        command("ACKNOWLEDGE", "c-ghost", ghost, T0, "");
        watermark(T0 + 119_000);
        assertEquals(List.of(), deadLetters(h));
        watermark(T0 + 121_000);
        List<DeadLetter> dead = deadLetters(h);
        assertEquals(1, dead.size());
        assertEquals("unknown-incident", dead.get(0).reason);
        assertEquals("incidentId", dead.get(0).field);
        assertTrue(dead.get(0).raw.contains("c-ghost"));
        assertEquals(T0, dead.get(0).ts);
        watermark(T0 + 60 * MIN);
        assertEquals(List.of(), escalations());
        assertEquals(Handling.State.ACKNOWLEDGED, handling().get(0).state);
    }

    @Test
    void expiringASilenceThatDoesNotExistIsDeadLettered() throws Exception {
        open(RuleSets.defaults());
        expire("e-1", "s-none", T0);
        List<DeadLetter> dead = deadLetters(h);
        assertEquals(1, dead.size());
        assertEquals("unknown-silence", dead.get(0).reason);
        assertEquals("silenceId", dead.get(0).field);
    }

    @Test
    void anIncidentsStateGoesADayAfterItClearedOrWasResolved() throws Exception {
        open(RuleSets.defaults());
        send(alert(RED_KEY, 1, AlertStatus.NEW, Level.RED, T0));
        command("ACKNOWLEDGE", "c-1", incident(RED_KEY), T0 + MIN, "");
        send(alert(RED_KEY, 2, AlertStatus.CLEARED, Level.RED, T0 + 10 * MIN));
        send(alert(ORANGE_KEY, 1, AlertStatus.NEW, Level.ORANGE, T0));
        command("RESOLVE", "c-2", incident(ORANGE_KEY), T0 + 20 * MIN, "");
        watermark(T0 + 60 * MIN);
        assertTrue(Harnesses.keyedStateEntries(h) > 0);
        watermark(T0 + 10 * MIN + HandlingFunction.RETENTION_MS - 1);
        assertEquals(java.util.Set.of(ORANGE_KEY, RED_KEY), Harnesses.keysWith(h, "incidents"));
        watermark(T0 + 10 * MIN + HandlingFunction.RETENTION_MS);
        assertEquals(java.util.Set.of(ORANGE_KEY), Harnesses.keysWith(h, "incidents"));
        watermark(T0 + 20 * MIN + HandlingFunction.RETENTION_MS);
        assertEquals(0, Harnesses.keyedStateEntries(h));
        // a late command for the forgotten incident waits and is dead-lettered like any unknown one
        command("NOTE", "c-3", incident(RED_KEY), T0 + 20 * MIN + HandlingFunction.RETENTION_MS + 1,
                ",\"text\":\"late\"");
        watermark(T0 + 30 * MIN + HandlingFunction.RETENTION_MS);
        assertEquals("unknown-incident", deadLetters(h).get(0).reason);
        assertEquals(0, Harnesses.keyedStateEntries(h));
    }

    @Test
    void aResolvedIncidentStillActiveKeepsItsHandlingPastADayAndIsNotEscalatedAgain() throws Exception {
        open(RuleSets.defaults());
        send(alert(RED_KEY, 1, AlertStatus.NEW, Level.RED, T0));
        command("RESOLVE", "c-1", incident(RED_KEY), T0 + MIN, ",\"text\":\"crew withdrawn\"");
        // the alert goes on: an update every 12 hours for two days
        for (int i = 1; i <= 4; i++) {
            send(alert(RED_KEY, 1 + i, AlertStatus.UPDATED, Level.RED, T0 + i * 12 * 60 * MIN));
            watermark(T0 + i * 12 * 60 * MIN);
        }
        watermark(T0 + 49 * 60 * MIN);
        assertEquals(List.of(), escalations(), "a resolved incident is not escalated, however long it stays active");
        assertEquals(java.util.Set.of(RED_KEY), Harnesses.keysWith(h, "incidents"));
        assertEquals(Handling.State.RESOLVED, handling().get(handling().size() - 1).state);
        send(alert(RED_KEY, 6, AlertStatus.CLEARED, Level.RED, T0 + 50 * 60 * MIN));
        watermark(T0 + 50 * 60 * MIN + HandlingFunction.RETENTION_MS + 1);
        assertEquals(0, Harnesses.keyedStateEntries(h), "gone a day after it cleared");
    }

    @Test
    void theEndOfARecordingEscalatesNothing() throws Exception {
        open(RuleSets.defaults());
        send(alert(RED_KEY, 1, AlertStatus.NEW, Level.RED, T0));
        watermark(T0 + MIN);
        watermark(Long.MAX_VALUE);
        assertEquals(List.of(), escalations());
    }

    @Test
    void anInhibitedIncidentIsNotEscalatedNorNotified() throws Exception {
        open(RuleSets.defaults());
        Alert a = alert(RED_KEY, 1, AlertStatus.NEW, Level.RED, T0);
        a.inhibited = true;
        send(a);
        watermark(T0 + 60 * MIN);
        assertEquals(List.of(), escalations());
        assertEquals(List.of(), notified());
    }

    @Test
    void theRuleSetsPolicyDecides() throws Exception {
        open(RuleSets.defaults().edit().escalation(Level.RED, 60, 60, 2, "province", "prefecture-220400")
                .noEscalation(Level.ORANGE).build());
        send(alert(RED_KEY, 1, AlertStatus.NEW, Level.RED, T0));
        send(alert(ORANGE_KEY, 1, AlertStatus.NEW, Level.ORANGE, T0));
        watermark(T0 + 180 * MIN);
        assertEquals(List.of("esc-1 +1min unacknowledged for 1 min", "esc-2 +2min unacknowledged for 2 min"),
                escalationSummary());
        assertEquals(List.of("province", "prefecture-220400"), escalations().get(0).escalation.routes);
    }

    @Test
    void anIncidentAHigherAlertAbsorbedIsNotEscalatedUntilItIsNotifiedAgain() throws Exception {
        open(RuleSets.defaults());
        String alarm = "MINE_CH4_ALARM:LY001-WF1-T1";
        send(alert(alarm, 1, AlertStatus.NEW, Level.YELLOW, T0));
        Alert red = alert(RED_KEY, 1, AlertStatus.NEW, Level.RED, T0 + 2 * MIN);
        red.references.add(incident(alarm) + "/1"); // the lifecycle's higher alert references what it absorbed
        red.referenceTimes.add(T0);
        send(red);
        command("ACKNOWLEDGE", "c-1", incident(RED_KEY), T0 + 3 * MIN, "");
        watermark(T0 + 90 * MIN);
        assertEquals(List.of(), escalations());
        // released when the higher alert ended: its next notified message restarts its clock, overdue at once
        send(alert(alarm, 2, AlertStatus.UPDATED, Level.YELLOW, T0 + 100 * MIN));
        watermark(T0 + 101 * MIN);
        assertEquals(List.of("esc-1 +100min unacknowledged for 100 min"), escalationSummary());
    }

    @Test
    void whatTheOperatorKeepsAndSendsIsSerializedByFlinkWithoutKryo() {
        for (Class<?> c : List.of(Incident.class, HandlingInput.class, Silence.class, WaitingCommand.class)) {
            assertNoGenericType(org.apache.flink.api.common.typeinfo.TypeInformation.of(c), c.getSimpleName());
        }
    }

    private static void assertNoGenericType(org.apache.flink.api.common.typeinfo.TypeInformation<?> t, String path) {
        assertTrue(!(t instanceof org.apache.flink.api.java.typeutils.GenericTypeInfo), path + " would go to Kryo: " + t);
        if (t instanceof org.apache.flink.api.java.typeutils.PojoTypeInfo<?> p) {
            for (int i = 0; i < p.getArity(); i++) {
                assertNoGenericType(p.getPojoFieldAt(i).getTypeInformation(),
                        path + "." + p.getPojoFieldAt(i).getField().getName());
            }
        } else if (t instanceof org.apache.flink.api.java.typeutils.ListTypeInfo<?> l) {
            assertNoGenericType(l.getElementTypeInfo(), path + "[]");
        }
    }

    @Test
    void liveTheClockIsProcessingTime() throws Exception {
        h = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new HandlingFunction(RuleSets.defaults(), false), HandlingInput::key, Types.STRING,
                HandlingFunction.SILENCES, HandlingFunction.ALERT_TIME);
        h.setProcessingTime(1_000_000);
        send(alert(RED_KEY, 1, AlertStatus.NEW, Level.RED, T0));
        send(alert(ORANGE_KEY, 1, AlertStatus.NEW, Level.ORANGE, T0));
        command("ACKNOWLEDGE", "c-1", incident(ORANGE_KEY), T0 + MIN, "");
        h.setProcessingTime(1_000_000 + 5 * MIN - 1);
        assertEquals(List.of(), escalations());
        h.setProcessingTime(1_000_000 + 5 * MIN);
        assertEquals(1, escalations().size());
        assertEquals(incident(RED_KEY) + "/esc-1", escalations().get(0).alertId);
        // a command for an incident never seen waits commandWaitSec of processing time
        command("ACKNOWLEDGE", "c-2", "MINE_CH4_ALARM:LY009-WF1-T1/" + T0, T0, "");
        h.setProcessingTime(1_000_000 + 7 * MIN - 1);
        assertEquals(List.of(), deadLetters(h));
        h.setProcessingTime(1_000_000 + 7 * MIN);
        assertEquals("unknown-incident", deadLetters(h).get(0).reason);
        h.setProcessingTime(1_000_000 + 120 * MIN);
        assertEquals(3, escalations().size(), "RED: 5, 15, 25 min; the acknowledged ORANGE never");
    }

    @Test
    void anIncidentWhoseKeyHoldsASlashIsFoundByItsId() throws Exception {
        open(RuleSets.defaults());
        String district = "MINE_MULTI_SENSOR:LY001/WF1";
        send(alert(district, 1, AlertStatus.NEW, Level.RED, T0));
        command("ACKNOWLEDGE", "c-1", incident(district), T0 + MIN, "");
        watermark(T0 + 60 * MIN);
        assertEquals(List.of(), escalations());
        assertEquals(List.of(), deadLetters(h));
        assertEquals(incident(district), handling().get(0).incidentId);
        assertEquals(district, handling().get(0).key);
    }

    @Test
    void aLifecycleMessageTrailingTheWatermarkWithinTheAllowanceIsHandledInItsPlace() throws Exception {
        for (long late : new long[] {0, 32_000}) {
            h = Harnesses.dataTimeOnly(ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                    new HandlingFunction(RuleSets.defaults(), true, late), HandlingInput::key, Types.STRING,
                    HandlingFunction.SILENCES, HandlingFunction.ALERT_TIME));
            send(alert(RED_KEY, 1, AlertStatus.NEW, Level.RED, T0));
            watermark(T0 + 5 * MIN + 10_000);
            // the lifecycle's CLEARED of 4:59 comes after the watermark passed 5:00, the escalation's time
            send(alert(RED_KEY, 2, AlertStatus.CLEARED, Level.RED, T0 + 5 * MIN - 1000));
            watermark(T0 + 60 * MIN);
            assertEquals(late == 0 ? 1 : 0, escalations().size(), "allowance " + late);
            h.close();
            h = null;
        }
    }

    @Test
    void atTheEndWhatFellWithinTheRecordingsOwnTimeStillHappens() throws Exception {
        // the handling's watermark waits for the commands: it may go from nothing to the end in one step, while the
        // alert stream's own time (passed on as data) had reached 10 minutes
        open(RuleSets.defaults());
        send(alert(RED_KEY, 1, AlertStatus.NEW, Level.RED, T0));
        h.processBroadcastElement(new StreamRecord<>(HandlingInput.clock(T0 + 10 * MIN), T0 + 10 * MIN));
        watermark(Long.MAX_VALUE);
        assertEquals(List.of("esc-1 +5min unacknowledged for 5 min"), escalationSummary());
    }
}
