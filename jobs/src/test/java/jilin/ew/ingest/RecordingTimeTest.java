package jilin.ew.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import jilin.ew.job.OutputOrder;
import jilin.ew.schema.DeadLetter;
import jilin.ew.testing.Msg;
import jilin.ew.testing.Pipeline;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A replay measures "too far ahead" against the recording's own newest event time, never the day it runs: a
 * recording dated twenty years ahead and one twenty years back give the same alerts and no ts-too-far-ahead, and a
 * message two days past the recording's newest is refused in both.
 */
class RecordingTimeTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** A working-face alarm that clears, at {@link Msg#T0}'s date moved to {@code year}. */
    private static List<String> recording(int year) {
        List<String> m = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            m.add(Msg.reading("LY001-WF1-T1", i * 25L, i >= 10 && i < 16 ? 1.2 : 0.3 + (i % 3) * 0.01));
            m.add(Msg.reading("LY001-WF1-T0", i * 25L + 3, 0.35 + (i % 4) * 0.01));
        }
        return m.stream().map(s -> s.replace("\"ts\":\"2026-", "\"ts\":\"" + year + "-")).collect(Collectors.toList());
    }

    private static List<String> reasons(Pipeline p) {
        return p.deadLetters.stream().map(d -> d.reason).sorted().collect(Collectors.toList());
    }

    @Test
    void recordingsOfAnyYearReplayAlike() throws Exception {
        Pipeline future = Pipeline.run(recording(2046));
        Pipeline past = Pipeline.run(recording(2006));
        assertEquals(List.of(), reasons(future), future.summary());
        assertEquals(List.of(), reasons(past), past.summary());
        assertEquals(1, future.opened("MINE_CH4_ALARM").size(), future.summary());
        assertEquals(outline(past), outline(future));
    }

    /** Status, level, key and evidence count of each alert, in replay order. */
    private static List<String> outline(Pipeline p) {
        return OutputOrder.alerts(p.alerts).stream().map(a -> a.status + " " + a.level + " " + a.key + " "
                + a.evidence.size()).collect(Collectors.toList());
    }

    @Test
    void aRecordingThatPausesForTwoHoursLosesNothing() throws Exception {
        List<String> m = recording(2026);
        List<String> later = recording(2026).stream().map(s -> s.replace("T08:", "T10:").replace("T09:", "T11:"))
                .collect(Collectors.toList());
        m.addAll(later);
        Pipeline p = Pipeline.run(m);
        assertEquals(List.of(), reasons(p), "the stream moved on: nothing held is dead-lettered\n" + p.summary());
        assertEquals(2, p.opened("MINE_CH4_ALARM").size(), "the alarm before the pause and the one after\n"
                + p.summary());
    }

    @Test
    void twoDaysPastTheRecordingsNewestIsRefused() throws Exception {
        for (int year : new int[] {2006, 2046}) {
            List<String> m = recording(year);
            // 40 readings in (16 min 40 s), one stamped two days after its neighbours
            String ahead = Msg.reading("LY001-WF1-T0", 1000 + 2 * 86_400L, 0.35)
                    .replace("\"ts\":\"2026-", "\"ts\":\"" + year + "-");
            m.add(40, ahead);
            Pipeline p = Pipeline.run(m);
            assertEquals(List.of("ts-too-far-ahead"), reasons(p), year + ": " + p.summary());
            DeadLetter d = p.deadLetters.get(0);
            assertEquals(ahead, d.raw);
            assertEquals("ts", d.field);
            assertTrue(d.detail.contains("more than a day ahead"), d.detail);
            assertFalse(p.opened("MINE_CH4_ALARM").isEmpty(), p.summary());
        }
    }
}
