package jilin.ew.mine;

import static jilin.ew.mine.MineFeed.onlyNew;
import static jilin.ew.mine.MineFeed.quiet;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;
import jilin.ew.schema.Level;
import jilin.ew.testing.Pipeline;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import jilin.ew.mine.rule.SensorSilent;
import jilin.ew.mine.rule.SensorStuck;

/**
 * The sensor-health rules: MINE_SENSOR_SILENT (no usable reading for 3 polling cycles of 25 s = 75 s; held
 * open until the sensor reports again) and MINE_SENSOR_STUCK (the same value for 30 min while another sensor
 * of the district varies; held open until it varies). Figures from the default rule set.
 */
class MineSensorHealthTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MineFeed.cluster();

    private static List<Alert> withStatus(Pipeline p, String ruleId, AlertStatus status) {
        return p.of(ruleId).stream().filter(a -> a.status == status).collect(Collectors.toList());
    }

    /**
     * T1 stops after its reading at 200 s and reports again at 825 s, longer than the 300 s clear hold;
     * T0 reports throughout. The alert opens at the 75 s deadline and ends only when T1 is back.
     */
    @Test
    void silentSensorIsYellowUntilItReportsAgain() throws Exception {
        MineFeed f = new MineFeed();
        f.normal("LY001-WF1-T1", 0, 200);
        f.normal("LY001-WF1-T1", 825, 1100);
        f.normal("LY001-WF1-T0", 0, 1100);
        Pipeline p = f.run();
        Alert a = onlyNew(p, SensorSilent.ID, "LY001-WF1-T1", Level.YELLOW);
        assertEquals(f.epochMs(200), a.firstEventTs, "silent since its last reading");
        assertEquals(f.epochMs(275), a.lastEventTs, "raised 3 x 25 s after the last reading");
        List<Alert> cleared = withStatus(p, SensorSilent.ID, AlertStatus.CLEARED);
        assertEquals(1, cleared.size(), p.summary());
        assertEquals(f.epochMs(825), cleared.get(0).lastEventTs, "cleared by the first reading back, not before");
    }

    @Test
    void gapOfSeventySecondsIsQuiet() throws Exception {
        MineFeed f = new MineFeed();
        f.normal("LY001-WF1-T1", 0, 200);
        f.normal("LY001-WF1-T1", 270, 600);
        f.normal("LY001-WF1-T0", 0, 600);
        Pipeline p = f.run();
        quiet(p, SensorSilent.ID);
    }

    /**
     * T1's last reading is 100 s before the last message of the input: its 75 s deadline falls within the
     * 30 s out-of-orderness bound of the end, so only the end of the input would pass it, and the end of a
     * recording is not silence. The sensors that report to the end raise nothing either.
     */
    @Test
    void endOfInputIsNotSilence() throws Exception {
        MineFeed f = new MineFeed();
        f.normal("LY001-WF1-T1", 0, 500);
        f.normal("LY001-WF1-T0", 0, 600);
        f.normal("LY001-HD1-T1", 0, 600);
        Pipeline p = f.run();
        quiet(p, SensorSilent.ID);
    }

    /** T1 repeats 0.32 % from 0 s to `flatUntil`, then varies; T0 (same district) varies throughout. */
    private static Pipeline flatT1(long flatUntil, long end) throws Exception {
        MineFeed f = new MineFeed();
        f.series("LY001-WF1-T1", 0, flatUntil, t -> 0.32);
        f.series("LY001-WF1-T1", flatUntil + 25, end, t -> 0.33 + ((t / MineFeed.CYCLE) % 3) * 0.01);
        f.normal("LY001-WF1-T0", 0, end);
        return f.run();
    }

    @Test
    void identicalForThirtyMinutesWhileNeighbourVariesIsBlue() throws Exception {
        Pipeline p = flatT1(1850, 2000);
        onlyNew(p, SensorStuck.ID, "LY001-WF1-T1", Level.BLUE);
        List<Alert> cleared = withStatus(p, SensorStuck.ID, AlertStatus.CLEARED);
        assertEquals(1, cleared.size(), "ends when the sensor varies again\n" + p.summary());
        MineFeed f = new MineFeed();
        assertEquals(f.epochMs(1875), cleared.get(0).lastEventTs, p.summary());
    }

    @Test
    void identicalForTwentyNineMinutesIsQuiet() throws Exception {
        Pipeline p = flatT1(1740, 1950);
        quiet(p, SensorStuck.ID);
    }

    /**
     * Every reporting sensor of LY001/WF1 repeats its value for more than 30 min (another district keeps
     * time): with no sensor varying there is no evidence this one is the broken one, so nothing is raised.
     */
    @Test
    void wholeDistrictFlatIsQuiet() throws Exception {
        MineFeed f = new MineFeed();
        f.series("LY001-WF1-T1", 0, 1900, t -> 0.32);
        f.series("LY001-WF1-T0", 0, 1900, t -> 0.31);
        f.normal("LY001-WF2-T1", 0, 1900);
        Pipeline p = f.run();
        quiet(p, SensorStuck.ID);
    }
}
