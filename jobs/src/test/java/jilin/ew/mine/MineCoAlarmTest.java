package jilin.ew.mine;

import static jilin.ew.mine.MineFeed.onlyNew;
import static jilin.ew.mine.MineFeed.quiet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Level;
import jilin.ew.testing.Pipeline;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import jilin.ew.mine.rule.CoAlarm;

/**
 * MINE_CO_ALARM: CO at or above 24 ppm (煤矿安全规程 gas limits) is YELLOW; CO rising >= 5 ppm together with
 * temperature rising >= 1 °C in one district within 10 min (spontaneous-combustion precursor, design
 * choice) raises it one grade, to ORANGE. LY001 is not a disaster mine.
 */
class MineCoAlarmTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MineFeed.cluster();

    private static final String CO = "LY001-WF1-CO";
    private static final String TEMP = "LY001-WF1-TEMP";
    private static final long END = 800;

    /** CO background 5.0 to 5.3 ppm. */
    private static double co(long t) {
        return 5.0 + ((t / MineFeed.CYCLE) % 4) * 0.1;
    }

    /** Temperature background 22.0 to 22.2 °C. */
    private static double temp(long t) {
        return 22.0 + ((t / MineFeed.CYCLE) % 3) * 0.1;
    }

    private static MineFeed base() {
        MineFeed f = new MineFeed();
        f.normal("LY001-WF1-T1", 0, END);
        return f;
    }

    private static Pipeline coSpike(double ppm) throws Exception {
        MineFeed f = base();
        f.series(CO, 0, 100, MineCoAlarmTest::co);
        f.series(CO, 125, 175, t -> ppm);
        f.series(CO, 200, END, MineCoAlarmTest::co);
        f.series(TEMP, 0, END, MineCoAlarmTest::temp);
        return f.run();
    }

    @Test
    void coAtLimitIsYellow() throws Exception {
        Pipeline p = coSpike(24.0);
        onlyNew(p, CoAlarm.ID, CO, Level.YELLOW);
        assertTrue(p.of(CoAlarm.ID).stream().noneMatch(a -> a.level.atLeast(Level.ORANGE)), p.summary());
    }

    @Test
    void coJustBelowLimitIsQuiet() throws Exception {
        Pipeline p = coSpike(23.9);
        quiet(p, CoAlarm.ID);
    }

    /** CO climbs 1 ppm a cycle from about 5 to 12 ppm from 125 s (below the limit); TEMP as given. */
    private static Pipeline coRising(double coBase, String tempSensor, boolean tempRises) throws Exception {
        MineFeed f = base();
        f.series(CO, 0, 100, t -> co(t) - 5.0 + coBase);
        long top = f.values(CO, 125, coBase + 1, coBase + 2, coBase + 3, coBase + 4, coBase + 5, coBase + 6,
                coBase + 7);
        f.series(CO, top + 25, END, t -> coBase + 7 + ((t / MineFeed.CYCLE) % 2) * 0.1);
        if (tempRises) {
            f.series(tempSensor, 0, 175, MineCoAlarmTest::temp);
            long hot = f.values(tempSensor, 200, 22.4, 22.7, 23.0, 23.3, 23.6);
            f.series(tempSensor, hot + 25, END, t -> 23.6 + ((t / MineFeed.CYCLE) % 2) * 0.1);
        } else {
            f.series(tempSensor, 0, END, MineCoAlarmTest::temp);
        }
        return f.run();
    }

    @Test
    void coAndTemperatureRisingTogetherAreOrange() throws Exception {
        Pipeline p = coRising(5.0, TEMP, true);
        // CO stays below 24 ppm, so the incident opens at ORANGE directly
        onlyNew(p, CoAlarm.ID, CO, Level.ORANGE);
    }

    /**
     * Above the limit (YELLOW) while the temperature rises with it: one incident that reaches ORANGE. The limit
     * breach is raised on arrival and the combined trend by CEP behind the watermark; they reach the lifecycle
     * by different paths, so the incident either opens YELLOW and escalates, or opens ORANGE when the trend
     * arrives first. Both give the duty officer one ORANGE incident, which is what is asserted.
     */
    @Test
    void coAboveLimitWithTemperatureRisingIsOneOrangeIncident() throws Exception {
        Pipeline p = coRising(20.0, TEMP, true);
        List<Alert> opened = p.opened(CoAlarm.ID);
        assertEquals(1, opened.size(), p.summary());
        assertEquals(CO, opened.get(0).subjectId);
        assertTrue(p.of(CoAlarm.ID).stream().anyMatch(a -> a.level == Level.ORANGE && a.subjectId.equals(CO)
                && (a.status == AlertStatus.NEW || a.status == AlertStatus.ESCALATED)), p.summary());
    }

    @Test
    void coRisingAloneIsNotOrange() throws Exception {
        Pipeline p = coRising(5.0, TEMP, false);
        quiet(p, CoAlarm.ID);
    }

    @Test
    void coRisingAloneAboveLimitStaysYellow() throws Exception {
        Pipeline p = coRising(20.0, TEMP, false);
        onlyNew(p, CoAlarm.ID, CO, Level.YELLOW);
        assertTrue(p.of(CoAlarm.ID).stream().noneMatch(a -> a.level.atLeast(Level.ORANGE)), p.summary());
    }

    /** The temperature that rises belongs to another district: no combined precursor. */
    @Test
    void temperatureOfAnotherDistrictDoesNotCount() throws Exception {
        Pipeline p = coRising(5.0, "LY001-WF2-TEMP", true);
        quiet(p, CoAlarm.ID);
    }
}
