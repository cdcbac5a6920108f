package jilin.ew.ingest;

import static jilin.ew.testing.Harnesses.deadLetters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Envelope;
import jilin.ew.testing.Msg;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Live, a message more than a day ahead of the clock is refused; a replay leaves event time to its own guard. */
class DecodeFunctionTest {
    /** Seconds from {@link Msg#T0} to now plus {@code days}: times relative to the clock, so any day gives the same. */
    private static long fromNow(double days) {
        return (System.currentTimeMillis() - Msg.epochMs(0)) / 1000 + (long) (days * 86_400);
    }

    private static List<String> decoded(boolean live, String... lines) throws Exception {
        try (OneInputStreamOperatorTestHarness<String, Envelope> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new DecodeFunction(live))) {
            for (String l : lines) {
                h.processElement(l, 0);
            }
            List<DeadLetter> dead = deadLetters(h);
            dead.forEach(d -> assertTrue(d.detail.contains("more than a day ahead"), d.detail));
            return h.extractOutputValues().stream().map(e -> e.mineReading.sensorId).toList();
        }
    }

    @Test
    void liveAMessageMoreThanADayAheadOfTheClockIsADeadLetter() throws Exception {
        String now = Msg.reading("NOW", fromNow(0), 0.3);
        String soon = Msg.reading("SOON", fromNow(0.5), 0.3);
        String twoDays = Msg.reading("TWO-DAYS", fromNow(2), 0.3);
        assertEquals(List.of("NOW", "SOON"), decoded(true, now, twoDays, soon));
        try (OneInputStreamOperatorTestHarness<String, Envelope> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new DecodeFunction(true))) {
            h.processElement(twoDays, 0);
            List<DeadLetter> dead = deadLetters(h);
            assertEquals(1, dead.size());
            assertEquals("ts-too-far-ahead", dead.get(0).reason);
            assertEquals("ts", dead.get(0).field);
            assertEquals(twoDays, dead.get(0).raw);
        }
    }

    @Test
    void aReplayIsNotMeasuredAgainstTheClock() throws Exception {
        // a recording made in the future of this machine's clock replays whole (StreamTimeGuard judges its leads)
        assertEquals(List.of("NOW", "TWO-DAYS", "SOON"), decoded(false, Msg.reading("NOW", fromNow(0), 0.3),
                Msg.reading("TWO-DAYS", fromNow(2), 0.3), Msg.reading("SOON", fromNow(0.5), 0.3)));
    }
}
