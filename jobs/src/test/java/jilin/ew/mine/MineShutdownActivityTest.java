package jilin.ew.mine;

import static jilin.ew.mine.MineFeed.onlyNew;
import static jilin.ew.mine.MineFeed.quiet;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jilin.ew.schema.Alert;
import jilin.ew.schema.Level;
import jilin.ew.testing.Pipeline;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import jilin.ew.mine.rule.ShutdownActivity;

/**
 * MINE_SHUTDOWN_ACTIVITY: in a SHUTDOWN_LONG_TERM mine (LY007) a face CH4 sensor that climbs 0.3 % above its
 * minimum of the last 30 min suggests illegal production (ORANGE). The climb is slow (0.05 % a cycle,
 * 0.12 %/min) so no other rule fires on it.
 */
class MineShutdownActivityTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MineFeed.cluster();

    /** `sensor` rests at 0.10 %, then climbs to `top` from 325 s and stays there; another sensor keeps time. */
    private static Pipeline climb(String sensor, double top, String clock) throws Exception {
        MineFeed f = new MineFeed();
        f.series(sensor, 0, 300, t -> 0.10);
        long t = 325;
        for (double v = 0.15; v <= top + 1e-9; v += 0.05) {
            f.at(sensor, t, Math.round(v * 100) / 100.0);
            t += MineFeed.CYCLE;
        }
        f.series(sensor, t, t + 300, x -> top);
        f.normal(clock, 0, t + 300);
        return f.run();
    }

    @Test
    void faceClimbInShutdownMineIsOrange() throws Exception {
        Pipeline p = climb("LY007-WF1-T1", 0.40, "LY007-MAIN-RET");
        Alert a = onlyNew(p, ShutdownActivity.ID, "LY007-WF1-T1", Level.ORANGE);
        assertEquals("LY007", a.mineId);
    }

    @Test
    void headingFaceClimbInShutdownMineIsOrange() throws Exception {
        Pipeline p = climb("LY007-HD1-T1", 0.40, "LY007-MAIN-RET");
        onlyNew(p, ShutdownActivity.ID, "LY007-HD1-T1", Level.ORANGE);
    }

    @Test
    void climbOfQuarterPercentIsQuiet() throws Exception {
        Pipeline p = climb("LY007-WF1-T1", 0.35, "LY007-MAIN-RET");
        quiet(p, ShutdownActivity.ID);
    }

    @Test
    void sameClimbInProducingMineIsQuiet() throws Exception {
        Pipeline p = climb("LY001-WF1-T1", 0.40, "LY001-MAIN-RET");
        quiet(p, ShutdownActivity.ID);
    }

    /** The rule watches the face sensors (production shows there first), not the mine return. */
    @Test
    void climbAtMineReturnIsQuiet() throws Exception {
        Pipeline p = climb("LY007-MAIN-RET", 0.40, "LY007-WF1-T0");
        quiet(p, ShutdownActivity.ID);
    }
}
