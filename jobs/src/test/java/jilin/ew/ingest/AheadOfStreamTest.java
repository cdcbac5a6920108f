package jilin.ew.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jilin.ew.schema.DeadLetter;
import jilin.ew.sim.MineSimConfig;
import jilin.ew.sim.MineSimulator;
import jilin.ew.testing.AlertLines;
import jilin.ew.testing.Pipeline;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A gateway that stamps local time (UTC+8) as UTC sends a reading eight hours ahead of everything else: it is
 * dead-lettered {@code ts-ahead-of-stream} and moves no event time, so every other alert of the replay stays
 * exactly as without it (later on-time readings are not late, patterns and silence timers are unaffected).
 */
class AheadOfStreamTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void aReadingEightHoursAheadIsDeadLetteredAndChangesNoAlert() throws Exception {
        MineSimulator sim = new MineSimulator(MineSimConfig.builder().seed(42).duration(Duration.ofHours(6))
                .mineCount(10).scenarios(true).build());
        List<String> clean = new ArrayList<>();
        sim.lines().forEachRemaining(clean::add);
        int middle = clean.size() / 2;
        while (!clean.get(middle).contains("\"mine.reading\"")) {
            middle++;
        }
        String skewed = clean.get(middle).replace("+08:00\"", "Z\"");
        assertFalse(skewed.equals(clean.get(middle)), "the reading's time is local, with its offset: " + skewed);
        List<String> withSkew = new ArrayList<>(clean);
        withSkew.add(middle + 1, skewed);

        Pipeline a = Pipeline.run(clean);
        Pipeline b = Pipeline.run(withSkew);

        assertTrue(a.alerts.size() > 20, a.summary());
        assertEquals(AlertLines.of(a.alerts), AlertLines.of(b.alerts), "the skewed reading changes no alert");
        assertTrue(a.deadLetters.isEmpty(), a.summary());
        assertEquals(1, b.deadLetters.size(), b.summary());
        DeadLetter d = b.deadLetters.get(0);
        assertEquals("ts-ahead-of-stream", d.reason);
        assertEquals("ts", d.field);
        assertEquals(skewed, d.raw);
        assertTrue(d.detail.contains("480 min ahead"), d.detail);
    }
}
