package jilin.ew.mine;

import static jilin.ew.mine.MineFeed.has;
import static jilin.ew.mine.MineFeed.onlyNew;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Level;
import jilin.ew.testing.Msg;
import jilin.ew.testing.Pipeline;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import jilin.ew.mine.rule.Ch4Alarm;
import jilin.ew.mine.rule.Ch4PowerCut;

/**
 * Grade modifiers on a mine alert (each +1 grade): DISASTER_MINE (LY002 is a disaster mine), KEY_PERIOD (a
 * date inside a seeded key period), REPEAT (the same rule and sensor again within 24 h of the last incident
 * clearing); and the lifecycle basics a duty officer relies on: a breach that goes on is one incident.
 */
class MineModifierTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MineFeed.cluster();

    /** 2026-02-20 08:00 local: inside the seeds' SPRING_FESTIVAL_2026 key period (2026-02-02 to 2026-03-13). */
    private static final long SPRING_FESTIVAL = Duration.between(Msg.T0,
            OffsetDateTime.parse("2026-02-20T08:00:00+08:00")).getSeconds();

    private static List<Alert> withStatus(Pipeline p, String ruleId, AlertStatus status) {
        return p.of(ruleId).stream().filter(a -> a.status == status).collect(Collectors.toList());
    }

    private static Pipeline spike(MineFeed f, String sensor, String clock) throws Exception {
        f.normal(sensor, 0, 100);
        f.series(sensor, 125, 175, t -> 1.00);
        f.normal(sensor, 200, 400);
        f.normal(clock, 0, 400);
        return f.run();
    }

    @Test
    void alarmInDisasterMineIsOneGradeHigher() throws Exception {
        Pipeline p = spike(new MineFeed(), "LY002-WF1-T1", "LY002-HD1-T1");
        Alert a = onlyNew(p, Ch4Alarm.ID, "LY002-WF1-T1", Level.ORANGE);
        assertEquals(Level.YELLOW, a.baseLevel);
        assertTrue(has(a, "DISASTER_MINE"), p.summary());
        assertEquals(1, a.modifiers.size(), p.summary());
    }

    @Test
    void alarmInKeyPeriodIsOneGradeHigher() throws Exception {
        Pipeline p = spike(new MineFeed(SPRING_FESTIVAL), "LY001-WF1-T1", "LY001-HD1-T1");
        Alert a = onlyNew(p, Ch4Alarm.ID, "LY001-WF1-T1", Level.ORANGE);
        assertEquals(Level.YELLOW, a.baseLevel);
        assertTrue(has(a, "KEY_PERIOD"), p.summary());
        assertEquals(1, a.modifiers.size(), p.summary());
    }

    /** Power cut (ORANGE) in a disaster mine during a key period: two grades up, RED. */
    @Test
    void modifiersAddUp() throws Exception {
        MineFeed f = new MineFeed(SPRING_FESTIVAL);
        f.normal("LY002-WF1-T1", 0, 100);
        f.series("LY002-WF1-T1", 125, 175, t -> 1.6);
        f.normal("LY002-WF1-T1", 200, 400);
        f.normal("LY002-HD1-T1", 0, 400);
        Pipeline p = f.run();
        Alert a = onlyNew(p, Ch4PowerCut.ID, "LY002-WF1-T1", Level.RED);
        assertTrue(has(a, "DISASTER_MINE") && has(a, "KEY_PERIOD"), p.summary());
    }

    /**
     * Two breaches of T1 ten minutes apart: the first clears after the 300 s hold, the second is a new
     * incident within 24 h, so it carries REPEAT, is one grade higher and refers to the first.
     */
    @Test
    void secondIncidentAfterClearingIsRepeat() throws Exception {
        MineFeed f = new MineFeed();
        f.normal("LY001-WF1-T1", 0, 100);
        f.series("LY001-WF1-T1", 125, 175, t -> 1.1);
        f.normal("LY001-WF1-T1", 200, 900);
        f.series("LY001-WF1-T1", 925, 975, t -> 1.1);
        f.normal("LY001-WF1-T1", 1000, 1200);
        f.normal("LY001-HD1-T1", 0, 1200);
        Pipeline p = f.run();
        List<Alert> opened = p.opened(Ch4Alarm.ID);
        assertEquals(2, opened.size(), p.summary());
        Alert first = opened.get(0);
        Alert second = opened.get(1);
        assertEquals(Level.YELLOW, first.level);
        assertFalse(has(first, "REPEAT"), p.summary());
        assertEquals("LY001-WF1-T1", second.subjectId);
        assertEquals(Level.ORANGE, second.level);
        assertTrue(has(second, "REPEAT"), p.summary());
        List<Alert> cleared = withStatus(p, Ch4Alarm.ID, AlertStatus.CLEARED);
        assertTrue(cleared.size() >= 1 && cleared.get(0).alertId.startsWith(
                first.alertId.substring(0, first.alertId.lastIndexOf('/'))), p.summary());
        assertTrue(second.references.contains(cleared.get(0).alertId), "refers to the first incident\n"
                + p.summary());
        assertTrue(cleared.get(0).lastEventTs < second.firstEventTs, p.summary());
    }

    /** T1 stays at 1.1 % for 20 min (49 readings): one incident, cleared only after the breach ended. */
    @Test
    void breachThatGoesOnIsOneIncident() throws Exception {
        MineFeed f = new MineFeed();
        f.normal("LY001-WF1-T1", 0, 100);
        f.series("LY001-WF1-T1", 125, 1325, t -> 1.1);
        f.normal("LY001-WF1-T1", 1350, 1800);
        f.normal("LY001-HD1-T1", 0, 1800);
        Pipeline p = f.run();
        Alert a = onlyNew(p, Ch4Alarm.ID, "LY001-WF1-T1", Level.YELLOW);
        assertFalse(has(a, "REPEAT"), p.summary());
        List<Alert> cleared = withStatus(p, Ch4Alarm.ID, AlertStatus.CLEARED);
        assertEquals(1, cleared.size(), p.summary());
        assertTrue(cleared.get(0).lastEventTs > f.epochMs(1325), "cleared after the last breaching reading\n"
                + p.summary());
    }

    /** 100 breaching readings one second apart (e.g. a backlog flushed at once): one NEW. */
    @Test
    void burstOfBreachesIsOneNew() throws Exception {
        MineFeed f = new MineFeed();
        f.normal("LY001-WF1-T1", 0, 75);
        for (long t = 100; t < 200; t++) {
            f.at("LY001-WF1-T1", t, 1.2);
        }
        f.normal("LY001-WF1-T1", 225, 600);
        f.normal("LY001-HD1-T1", 0, 600);
        Pipeline p = f.run();
        onlyNew(p, Ch4Alarm.ID, "LY001-WF1-T1", Level.YELLOW);
        assertTrue(p.deadLetters.isEmpty(), p.summary());
    }
}
