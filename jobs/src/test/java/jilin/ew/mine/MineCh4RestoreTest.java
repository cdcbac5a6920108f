package jilin.ew.mine;

import static jilin.ew.mine.MineFeed.onlyNew;
import static jilin.ew.mine.MineFeed.quiet;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import jilin.ew.JobSettings;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSets;
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
 * The CH4 restore value (煤矿安全规程 methane sensor settings, restore column): power cut off by a sensor is
 * restored only once methane is below its restore value, so a MINE_CH4_POWER_CUT alert stays open until the
 * readings have been below restore for the clear hold (300 s); an alarm clears once below the alarm value for
 * the hold. Working face: alarm 1.0, power cut 1.5, restore 1.0; upper corner: alarm 1.0, power cut 1.5,
 * restore 1.5. Each sensor reads normal, 1.6 % for three cycles (125 to 175 s), then `mid` for ten minutes
 * (200 to 800 s), then normal.
 */
class MineCh4RestoreTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MineFeed.cluster();

    private static final long HOLD_MS = 300_000;

    private static Pipeline cutThen(String sensor, double mid, List<String> head) throws Exception {
        return cutThen(sensor, mid, head, new JobSettings());
    }

    private static Pipeline cutThen(String sensor, double mid, List<String> head, JobSettings settings)
            throws Exception {
        MineFeed f = new MineFeed();
        f.normal(sensor, 0, 100);
        f.series(sensor, 125, 175, t -> 1.6);
        f.series(sensor, 200, 800, t -> mid);
        f.normal(sensor, 825, 1400);
        f.normal("LY001-HD1-T1", 0, 1400);
        List<String> messages = new ArrayList<>(head);
        messages.addAll(f.messages());
        return Pipeline.run(messages, settings);
    }

    private static List<Alert> cleared(Pipeline p, String ruleId) {
        return p.of(ruleId).stream().filter(a -> a.status == AlertStatus.CLEARED).collect(Collectors.toList());
    }

    /** The one CLEARED of the rule: its event time. */
    private static long clearedAt(Pipeline p, String ruleId) {
        List<Alert> c = cleared(p, ruleId);
        assertEquals(1, c.size(), "one CLEARED " + ruleId + "\n" + p.summary());
        return c.get(0).lastEventTs;
    }

    /** Working face, restore 1.0: 1.2 % keeps power off; the alert clears 300 s after the last reading >= 1.0. */
    @Test
    void workingFacePowerCutStaysOpenUntilBelowRestore() throws Exception {
        Pipeline p = cutThen("LY001-WF1-T1", 1.2, List.of());
        onlyNew(p, Ch4PowerCut.ID, "LY001-WF1-T1", Level.ORANGE);
        assertEquals(Msg.epochMs(800) + HOLD_MS, clearedAt(p, Ch4PowerCut.ID), p.summary());
        assertEquals(Msg.epochMs(800) + HOLD_MS, clearedAt(p, Ch4Alarm.ID), p.summary());
    }

    /**
     * The same with the alarm rule switched off: no alarm alert, yet 1.2 % is not below restore, so power stays off
     * and the power-cut alert stays open just as long.
     */
    @Test
    void powerCutStaysOpenAboveRestoreWithTheAlarmRuleOff() throws Exception {
        RuleSet rules = RuleSets.defaults();
        rules.version = "alarm-off";
        rules.rules.get(Ch4Alarm.ID).enabled = false;
        Pipeline p = cutThen("LY001-WF1-T1", 1.2, List.of(), new JobSettings().withRules(rules));
        quiet(p, Ch4Alarm.ID);
        onlyNew(p, Ch4PowerCut.ID, "LY001-WF1-T1", Level.ORANGE);
        assertEquals(Msg.epochMs(800) + HOLD_MS, clearedAt(p, Ch4PowerCut.ID), p.summary());
    }

    /**
     * Upper corner, restore 1.5 above its alarm 1.0: at 1.2 % power may be restored, so the power-cut alert clears
     * 300 s after the last reading >= 1.5, while the alarm alert stays open as long as readings are >= 1.0.
     */
    @Test
    void upperCornerPowerCutClearsBelowRestoreWhileAlarmStaysOpen() throws Exception {
        Pipeline p = cutThen("LY001-WF1-T0", 1.2, List.of());
        onlyNew(p, Ch4PowerCut.ID, "LY001-WF1-T0", Level.ORANGE);
        onlyNew(p, Ch4Alarm.ID, "LY001-WF1-T0", Level.YELLOW);
        assertEquals(Msg.epochMs(175) + HOLD_MS, clearedAt(p, Ch4PowerCut.ID), p.summary());
        assertEquals(Msg.epochMs(800) + HOLD_MS, clearedAt(p, Ch4Alarm.ID), p.summary());
    }

    /**
     * A stream definition's own restore (0.5 %) overrides its location's row: readings of 0.8 %, below the alarm
     * value but not below restore, keep the power-cut alert open; no alarm alert opens.
     */
    @Test
    void streamDefinitionRestoreOverrideTakesEffect() throws Exception {
        String sensor = "LY001-WF3-T1";
        String def = String.format(Locale.ROOT, "{\"type\":\"mine.sensor\",\"ts\":\"%s\",\"mineId\":\"LY001\","
                + "\"sensorId\":\"%s\",\"kind\":\"CH4\",\"location\":\"WORKING_FACE\",\"district\":\"WF3\","
                + "\"restore\":0.5}", Msg.ts(0), sensor);
        Pipeline p = cutThen(sensor, 0.8, List.of(def));
        onlyNew(p, Ch4PowerCut.ID, sensor, Level.ORANGE);
        quiet(p, Ch4Alarm.ID);
        assertEquals(Msg.epochMs(800) + HOLD_MS, clearedAt(p, Ch4PowerCut.ID), p.summary());
    }
}
