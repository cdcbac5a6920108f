package jilin.ew.gas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which candidates of a run go to the leak pattern: both ends, the red level, and one a minute between. */
class LeakSignalRunsTest {
    private static GasSignal at(long sec) {
        return GasSignal.of(GasSignal.LEL_RISE, null, sec * 1000, 12, "{\"t\":" + sec + "}");
    }

    @Test
    void sendsTheStartOneAMinuteAndTheLastOfARun() {
        LeakSignalRuns.Run run = new LeakSignalRuns.Run();
        List<Long> sent = new ArrayList<>();
        for (long t = 0; t <= 150; t += 10) {
            GasSignal s = run.candidate(at(t), false);
            if (s != null) {
                sent.add(s.ts / 1000);
            }
        }
        assertEquals(List.of(0L, 60L, 120L), sent);
        assertEquals(150_000L, run.end().ts, "the run's last candidate goes out when the run ends");
        assertEquals(170_000L, run.candidate(at(170), false).ts, "a new run starts with a signal");
    }

    @Test
    void theRedLevelIsSentAtOnceAndARunEndingOnASentSignalHoldsNothing() {
        LeakSignalRuns.Run run = new LeakSignalRuns.Run();
        run.candidate(at(0), false);
        assertNull(run.candidate(at(10), false));
        assertEquals(20_000L, run.candidate(at(20), true).ts, "first candidate at the red level");
        assertNull(run.candidate(at(30), true), "red already sent in this run");
        assertEquals(30_000L, run.end().ts);
        run.candidate(at(100), false);
        assertNull(run.end(), "nothing held back");
    }
}
