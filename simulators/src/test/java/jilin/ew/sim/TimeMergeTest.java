package jilin.ew.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeMergeTest {
    /** A timeline that writes "name@t" at the given times, nothing (null) at negative ones. */
    private static TimeMerge.Timeline at(String name, int rank, long... times) {
        return new TimeMerge.Timeline() {
            int i;

            public long nextTs() {
                return i < times.length ? Math.abs(times[i]) : TimeMerge.DONE;
            }

            public int rank() {
                return rank;
            }

            public String take() {
                long t = times[i++];
                return t < 0 ? null : name + "@" + t;
            }
        };
    }

    @Test
    void mergesByTimeThenRankAndSkipsStepsThatWriteNothing() {
        List<String> out = new ArrayList<>();
        new TimeMerge(List.of(at("b", 2, 1, 5, 9), at("a", 1, 5, -7, 9), at("r", -1, 9)))
                .forEachRemaining(out::add);
        assertEquals(List.of("b@1", "a@5", "b@5", "r@9", "a@9", "b@9"), out);
        assertFalse(new TimeMerge(List.of(at("x", 0, -3))).hasNext());
    }

    @Test
    void linesOfWholeSimulatorsMergeOnTheirOwnTimestamps() {
        String a = "{\"type\":\"x\",\"ts\":\"2026-03-20T23:00:05+08:00\"}";
        String b = "{\"type\":\"y\",\"ts\":\"2026-03-20T15:00:05Z\"}"; // the same second, later source
        String c = "{\"type\":\"y\",\"ts\":\"2026-03-20T23:00:04+08:00\"}";
        List<String> out = new ArrayList<>();
        new TimeMerge(List.of(TimeMerge.of(List.of(b).iterator(), 1), TimeMerge.of(List.of(c, a).iterator(), 0)))
                .forEachRemaining(out::add);
        assertEquals(List.of(c, a, b), out);
    }
}
