package jilin.ew.mine;

import static jilin.ew.mine.MineFeed.onlyNew;
import static jilin.ew.mine.MineFeed.quiet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jilin.ew.schema.Alert;
import jilin.ew.schema.Level;
import jilin.ew.testing.Pipeline;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import jilin.ew.mine.rule.Ch4Alarm;
import jilin.ew.mine.rule.Ch4PowerCut;

/**
 * MINE_CH4_ALARM and MINE_CH4_POWER_CUT (煤矿安全规程 methane sensor settings, alarm and power-cut columns of
 * the default rule set) on LY001, a producing low-gas mine that is not a disaster mine, so levels are the
 * rules' base levels; and calibration readings, which raise nothing.
 */
class MineCh4ThresholdTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MineFeed.cluster();

    /** The sensor under test reads normal, then `value` for three cycles, then normal again; T0 keeps time. */
    private static Pipeline spike(String sensor, double value) throws Exception {
        return spike(sensor, value, "LY001-HD1-T1");
    }

    private static Pipeline spike(String sensor, double value, String clock) throws Exception {
        MineFeed f = new MineFeed();
        f.normal(sensor, 0, 100);
        f.series(sensor, 125, 175, t -> value);
        f.normal(sensor, 200, 400);
        f.normal(clock, 0, 400);
        return f.run();
    }

    @Test
    void workingFaceAtAlarmValueIsYellow() throws Exception {
        Pipeline p = spike("LY001-WF1-T1", 1.00);
        Alert a = onlyNew(p, Ch4Alarm.ID, "LY001-WF1-T1", Level.YELLOW);
        assertEquals("LY001-WF1-T1", a.sensorId);
        assertEquals("LY001", a.mineId);
        assertTrue(a.modifiers.isEmpty(), p.summary());
        quiet(p, Ch4PowerCut.ID);
    }

    @Test
    void workingFaceJustBelowAlarmValueIsQuiet() throws Exception {
        Pipeline p = spike("LY001-WF1-T1", 0.99);
        quiet(p, Ch4Alarm.ID);
        quiet(p, Ch4PowerCut.ID);
    }

    @Test
    void upperCornerAtAlarmValueIsYellow() throws Exception {
        Pipeline p = spike("LY001-WF1-T0", 1.00);
        onlyNew(p, Ch4Alarm.ID, "LY001-WF1-T0", Level.YELLOW);
    }

    @Test
    void upperCornerJustBelowAlarmValueIsQuiet() throws Exception {
        Pipeline p = spike("LY001-WF1-T0", 0.99);
        quiet(p, Ch4Alarm.ID);
    }

    @Test
    void mineReturnAlarmsAt075() throws Exception {
        Pipeline p = spike("LY001-MAIN-RET", 0.75);
        onlyNew(p, Ch4Alarm.ID, "LY001-MAIN-RET", Level.YELLOW);
    }

    @Test
    void mineReturnQuietAt074() throws Exception {
        Pipeline p = spike("LY001-MAIN-RET", 0.74);
        quiet(p, Ch4Alarm.ID);
    }

    /** The mine return row has no power-cut column: however high, it is an alarm (find the cause). */
    @Test
    void mineReturnNeverCutsPower() throws Exception {
        Pipeline p = spike("LY001-MAIN-RET", 2.0);
        onlyNew(p, Ch4Alarm.ID, "LY001-MAIN-RET", Level.YELLOW);
        quiet(p, Ch4PowerCut.ID);
    }

    @Test
    void workingFaceAtPowerCutValueIsOrange() throws Exception {
        Pipeline p = spike("LY001-WF1-T1", 1.50);
        Alert a = onlyNew(p, Ch4PowerCut.ID, "LY001-WF1-T1", Level.ORANGE);
        assertEquals("LY001-WF1-T1", a.sensorId);
    }

    @Test
    void workingFaceJustBelowPowerCutIsOnlyTheAlarm() throws Exception {
        Pipeline p = spike("LY001-WF1-T1", 1.49);
        onlyNew(p, Ch4Alarm.ID, "LY001-WF1-T1", Level.YELLOW);
        quiet(p, Ch4PowerCut.ID);
    }

    /**
     * The working-face return airway (T2) cuts power at 1.0 %, its alarm value too: the reading is a power
     * cut (ORANGE) and, being the graver of the two, the only alert the duty officer gets for it.
     */
    @Test
    void returnAirwayAtOnePercentIsPowerCut() throws Exception {
        Pipeline p = spike("LY001-WF1-T2", 1.0);
        onlyNew(p, Ch4PowerCut.ID, "LY001-WF1-T2", Level.ORANGE);
        quiet(p, Ch4Alarm.ID);
    }

    @Test
    void returnAirwayJustBelowIsQuiet() throws Exception {
        Pipeline p = spike("LY001-WF1-T2", 0.99);
        quiet(p, Ch4PowerCut.ID);
        quiet(p, Ch4Alarm.ID);
    }

    /** A sensor being calibrated is fed test gas: readings above the power-cut value raise nothing at all. */
    @Test
    void calibratingReadingsRaiseNothing() throws Exception {
        MineFeed f = new MineFeed();
        f.normal("LY001-WF1-T1", 0, 100);
        for (long t = 125; t <= 250; t += MineFeed.CYCLE) {
            f.at("LY001-WF1-T1", t, 2.0 + (t - 125) / 250.0, "CALIBRATING");
        }
        f.normal("LY001-WF1-T1", 275, 500);
        f.normal("LY001-WF1-T0", 0, 500);
        Pipeline p = f.run();
        assertTrue(p.alerts.stream().noneMatch(a -> "LY001-WF1-T1".equals(a.subjectId)
                || "LY001/WF1".equals(a.subjectId)), p.summary());
    }
}
