package jilin.ew.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the board must look stale: no input for 60 s, or the lag past 5 minutes (read at a given instant). */
class FreshnessTest {
    @Test
    void noInputForAMinuteIsStale() {
        Freshness f = new Freshness();
        long now = System.currentTimeMillis();
        f.messageIn(TestAlerts.T0);
        assertFalse(f.view(now + 59_000).stale());
        Freshness.View v = f.view(now + 61_000 + 1000);
        assertTrue(v.stale());
        assertEquals("no-input", v.staleReason());
    }

    @Test
    void aWatermarkMoreThanFiveMinutesBehindIsStale() {
        Freshness f = new Freshness();
        long now = System.currentTimeMillis();
        f.messageIn(TestAlerts.T0 + 301_000);
        f.watermark(TestAlerts.T0);
        Freshness.View v = f.view(now);
        assertEquals(301_000, v.lagMs());
        assertEquals("lag", v.staleReason());
        f.watermark(TestAlerts.T0 + 200_000);
        assertFalse(f.view(now).stale());
    }

    @Test
    void inKafkaModeTheLagIsTheClockMinusTheNewestEventTimeAndOnlyAGrowingTotalIsInput() {
        long[] clock = {TestAlerts.T0};
        Freshness f = new Freshness(() -> clock[0]);
        f.lagFromClock();
        long now = TestAlerts.T0;
        f.totalIn(500, now - 10_000, true);
        assertEquals(500, f.view(now).messagesTotal());
        assertEquals(10_000, f.view(now).lagMs());
        clock[0] = now + 50_000;
        f.totalIn(500, Long.MIN_VALUE, false);
        assertTrue(f.view(now + 61_000).stale(), "the topics' history, and no growth since, is not fresh input");
        f.totalIn(510, now + 50_000, false);
        assertFalse(f.view(now + 61_000).stale());
        f.sample(now);
        f.sample(now + 2000);
        assertEquals(0.0, f.view(now + 2000).messagesPerSec(), 1e-9);
    }

    @Test
    void nothingYetMeansNoLag() {
        assertNull(new Freshness().view(System.currentTimeMillis()).lagMs());
    }
}
