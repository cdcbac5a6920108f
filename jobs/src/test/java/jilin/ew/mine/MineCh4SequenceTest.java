package jilin.ew.mine;

import static jilin.ew.mine.MineFeed.oneNewOn;
import static jilin.ew.mine.MineFeed.onlyNew;
import static jilin.ew.mine.MineFeed.quiet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jilin.ew.schema.Alert;
import jilin.ew.schema.Level;
import jilin.ew.testing.Pipeline;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import jilin.ew.mine.rule.Ch4Alarm;
import jilin.ew.mine.rule.Ch4Escalation;
import jilin.ew.mine.rule.Ch4PowerCut;
import jilin.ew.mine.rule.Ch4RapidRise;
import jilin.ew.mine.rule.MultiSensor;

/**
 * The CH4 sequence rules, matched by CEP on the ordered path: MINE_CH4_ESCALATION (window 600 s),
 * MINE_CH4_RAPID_RISE (>= 0.5 %/min over 3 consecutive rises, gaps <= 90 s) and MINE_MULTI_SENSOR (two CH4
 * sensors of one district enter alarm within 300 s); figures from the default rule set. Sensors poll every
 * 25 s; a second sensor keeps event time moving so windows can pass.
 */
class MineCh4SequenceTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MineFeed.cluster();

    /** T1: normal, alarm band (1.2 %) from 125 s, power-cut band (1.6 %) from 125 s + gap, then normal. */
    private static Pipeline alarmThenCut(long gapSec) throws Exception {
        MineFeed f = new MineFeed();
        long cut = 125 + gapSec;
        long end = cut + 400;
        f.normal("LY001-WF1-T1", 0, 100);
        f.series("LY001-WF1-T1", 125, cut - 1, t -> 1.2);
        f.series("LY001-WF1-T1", cut, cut + 75, t -> 1.6);
        f.normal("LY001-WF1-T1", cut + 100, end);
        f.normal("LY001-HD1-T1", 0, end);
        return f.run();
    }

    @Test
    void alarmThenPowerCutWithinTenMinutesIsRed() throws Exception {
        Pipeline p = alarmThenCut(540);
        Alert a = onlyNew(p, Ch4Escalation.ID, "LY001-WF1-T1", Level.RED);
        assertEquals("LIKELY", a.certainty);
        // the single-reading alerts fire too, each once
        onlyNew(p, Ch4Alarm.ID, "LY001-WF1-T1", Level.YELLOW);
        onlyNew(p, Ch4PowerCut.ID, "LY001-WF1-T1", Level.ORANGE);
    }

    @Test
    void sameBandsElevenMinutesApartDoNotEscalate() throws Exception {
        Pipeline p = alarmThenCut(660);
        quiet(p, Ch4Escalation.ID);
        onlyNew(p, Ch4PowerCut.ID, "LY001-WF1-T1", Level.ORANGE);
    }

    /** Straight from normal to power cut is the power-cut alert, not an escalation through the alarm band. */
    @Test
    void jumpStraightToPowerCutIsNoEscalation() throws Exception {
        Pipeline p = alarmThenCut(0);
        quiet(p, Ch4Escalation.ID);
        onlyNew(p, Ch4PowerCut.ID, "LY001-WF1-T1", Level.ORANGE);
    }

    private static Pipeline heading(double... values) throws Exception {
        MineFeed f = new MineFeed();
        f.normal("LY001-HD1-T1", 0, 100);
        long last = f.values("LY001-HD1-T1", 125, values);
        f.series("LY001-HD1-T1", last + 25, last + 100, t -> values[values.length - 1]);
        f.normal("LY001-HD1-T1", last + 125, last + 400);
        f.normal("LY001-WF1-T0", 0, last + 400);
        return f.run();
    }

    /** 0.25 % a cycle of 25 s is 0.6 %/min, three times in a row. */
    @Test
    void threeRapidRisesAreOrange() throws Exception {
        Pipeline p = heading(0.10, 0.35, 0.60, 0.85);
        Alert a = onlyNew(p, Ch4RapidRise.ID, "LY001-HD1-T1", Level.ORANGE);
        assertEquals("LY001-HD1-T1", a.sensorId);
    }

    /** A rise that goes on (six steps of 0.22 %, 0.53 %/min, into the alarm band) is still one incident. */
    @Test
    void longerRiseIsOneIncident() throws Exception {
        Pipeline p = heading(0.02, 0.24, 0.46, 0.68, 0.90, 1.12, 1.34);
        onlyNew(p, Ch4RapidRise.ID, "LY001-HD1-T1", Level.ORANGE);
    }

    /** 0.1875 % a cycle is 0.45 %/min: below the rate, however many times. */
    @Test
    void risesBelowTheRateAreQuiet() throws Exception {
        Pipeline p = heading(0.10, 0.2875, 0.475, 0.6625, 0.85);
        quiet(p, Ch4RapidRise.ID);
    }

    /** Two rises, a flat reading, two rises: no three consecutive rising readings. */
    @Test
    void flatReadingBreaksTheRun() throws Exception {
        Pipeline p = heading(0.02, 0.24, 0.46, 0.46, 0.68, 0.90);
        quiet(p, Ch4RapidRise.ID);
    }

    /** T0 enters alarm at 125 s, `second` enters alarm `gapSec` later; both stay in alarm a while. */
    private static Pipeline twoEnterAlarm(String second, long gapSec) throws Exception {
        MineFeed f = new MineFeed();
        long enter2 = 125 + gapSec;
        long end = enter2 + 500;
        f.normal("LY001-WF1-T0", 0, 100);
        f.series("LY001-WF1-T0", 125, enter2 + 100, t -> 1.1);
        f.normal("LY001-WF1-T0", enter2 + 125, end);
        f.normal(second, 0, enter2 - 1);
        f.series(second, enter2, enter2 + 100, t -> 1.1);
        f.normal(second, enter2 + 125, end);
        f.normal("LY001-HD1-T1", 0, end);
        return f.run();
    }

    @Test
    void twoSensorsOfADistrictThreeMinutesApartAreRed() throws Exception {
        Pipeline p = twoEnterAlarm("LY001-WF1-T1", 180);
        Alert a = onlyNew(p, MultiSensor.ID, "LY001/WF1", Level.RED);
        assertEquals("WF1", a.district);
        assertEquals("LY001", a.mineId);
        assertNull(a.sensorId, "a district alert names no single sensor");
    }

    @Test
    void twoSensorsSixMinutesApartAreQuiet() throws Exception {
        Pipeline p = twoEnterAlarm("LY001-WF1-T1", 360);
        quiet(p, MultiSensor.ID);
    }

    @Test
    void twoSensorsOfDifferentDistrictsAreQuiet() throws Exception {
        Pipeline p = twoEnterAlarm("LY001-WF2-T1", 180);
        quiet(p, MultiSensor.ID);
        oneNewOn(p, Ch4Alarm.ID, "LY001-WF1-T0", Level.YELLOW);
        oneNewOn(p, Ch4Alarm.ID, "LY001-WF2-T1", Level.YELLOW);
    }
}
