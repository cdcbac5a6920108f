package jilin.ew.mine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongToDoubleFunction;
import java.util.stream.Collectors;
import jilin.ew.schema.Alert;
import jilin.ew.testing.Msg;
import jilin.ew.testing.Pipeline;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * Builds a mine test input in event-time order from per-sensor series (seconds from {@link Msg#T0}), so
 * several sensors can be written one after another and still arrive interleaved as a real feed does.
 */
final class MineFeed {
    /** The polling cycle of the seeds' sensors (docs/design.md section 11.2: <= 25 s). */
    static final long CYCLE = 25;

    private final List<Entry> entries = new ArrayList<>();
    private final long offsetSec;

    private record Entry(long sec, int seq, String message) {}

    /** A feed at times relative to {@link Msg#T0}. */
    MineFeed() {
        this(0);
    }

    /** A feed whose times are all shifted by offsetSec (e.g. into a key period). */
    MineFeed(long offsetSec) {
        this.offsetSec = offsetSec;
    }

    static MiniClusterExtension cluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    }

    MineFeed at(String sensorId, long sec, double value) {
        entries.add(new Entry(sec, entries.size(), Msg.reading(sensorId, offsetSec + sec, value)));
        return this;
    }

    MineFeed at(String sensorId, long sec, double value, String status) {
        entries.add(new Entry(sec, entries.size(), Msg.reading(sensorId, offsetSec + sec, value, status)));
        return this;
    }

    /** One reading each polling cycle over [from, to], value a function of the time. */
    MineFeed series(String sensorId, long from, long to, LongToDoubleFunction value) {
        for (long t = from; t <= to; t += CYCLE) {
            at(sensorId, t, value.applyAsDouble(t));
        }
        return this;
    }

    /** Harmless CH4 readings over [from, to] that vary a little (0.30 to 0.33 %), e.g. to let event time pass. */
    MineFeed normal(String sensorId, long from, long to) {
        return series(sensorId, from, to, t -> 0.30 + ((t / CYCLE) % 4) * 0.01);
    }

    /** Fixed values, one per polling cycle from `from`; returns the time of the last one. */
    long values(String sensorId, long from, double... values) {
        long t = from;
        for (double v : values) {
            at(sensorId, t, v);
            t += CYCLE;
        }
        return t - CYCLE;
    }

    /** The messages sorted by event time (ties keep the order they were added in). */
    List<String> messages() {
        return entries.stream().sorted(Comparator.comparingLong(Entry::sec).thenComparingInt(Entry::seq))
                .map(Entry::message).collect(Collectors.toList());
    }

    Pipeline run() throws Exception {
        return Pipeline.run(messages());
    }

    /** Epoch ms of a time of this feed. */
    long epochMs(long sec) {
        return Msg.epochMs(offsetSec + sec);
    }

    /** Asserts the rule opened exactly one alert (one NEW), on the subject, at the level; returns it. */
    static Alert onlyNew(Pipeline p, String ruleId, String subjectId, jilin.ew.schema.Level level) {
        List<Alert> opened = p.opened(ruleId);
        assertEquals(1, opened.size(), "one NEW " + ruleId + "\n" + p.summary());
        Alert a = opened.get(0);
        assertEquals(ruleId, a.ruleId, p.summary());
        assertEquals(subjectId, a.subjectId, p.summary());
        assertEquals(level, a.level, p.summary());
        return a;
    }

    /** Asserts the rule opened exactly one alert (one NEW) on this subject, at the level (others may have theirs). */
    static Alert oneNewOn(Pipeline p, String ruleId, String subjectId, jilin.ew.schema.Level level) {
        List<Alert> opened = p.opened(ruleId).stream().filter(a -> a.subjectId.equals(subjectId))
                .collect(Collectors.toList());
        assertEquals(1, opened.size(), "one NEW " + ruleId + " on " + subjectId + "\n" + p.summary());
        assertEquals(level, opened.get(0).level, p.summary());
        return opened.get(0);
    }

    /** Asserts the rule raised nothing at all (optionally: about one subject). */
    static void quiet(Pipeline p, String ruleId) {
        assertTrue(p.of(ruleId).isEmpty(), "no " + ruleId + "\n" + p.summary());
    }

    static void quiet(Pipeline p, String ruleId, String subjectId) {
        assertTrue(p.of(ruleId).stream().noneMatch(a -> a.subjectId.equals(subjectId)),
                "no " + ruleId + " on " + subjectId + "\n" + p.summary());
    }

    static boolean has(Alert a, String modifier) {
        return a.modifiers.stream().anyMatch(m -> m.modifier.equals(modifier));
    }
}
