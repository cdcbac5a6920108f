package jilin.ew.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link DueKeys}: the keys a watermark passes come out earliest first (ties in the order the keys were first seen),
 * each key once at its earliest time, and none that the watermark has not passed.
 */
class DueKeysTest {
    /** Every key due at or before {@code time}, as "key@time", in the order they are taken. */
    static List<String> take(DueKeys due, long time) {
        List<String> out = new ArrayList<>();
        for (int slot = due.poll(time); slot >= 0; slot = due.poll(time)) {
            out.add(due.key(slot) + "@" + due.dueAt(slot));
        }
        return out;
    }

    @Test
    void aWatermarkTakesTheKeysItPassesEarliestFirstAndLeavesTheRest() {
        DueKeys due = new DueKeys();
        due.schedule("c", 3_000);
        due.schedule("a", 1_000);
        due.schedule("b", 2_000);
        due.schedule("d", 9_000);
        assertEquals(List.of("a@1000", "b@2000", "c@3000"), take(due, 3_000));
        assertEquals(1, due.size());
        assertEquals(List.of(), take(due, 8_999), "not a millisecond before it is due");
        assertEquals(List.of("d@9000"), take(due, 9_000));
        assertEquals(0, due.size());
    }

    @Test
    void aKeyIsQueuedOnceAtItsEarliestTime() {
        DueKeys due = new DueKeys();
        due.schedule("s1", 5_000);
        due.schedule("s1", 7_000); // a later reading of a sensor already due: nothing changes
        due.schedule("s2", 6_000);
        due.schedule("s1", 4_000); // an earlier one (out of order): due earlier
        assertEquals(2, due.size());
        assertEquals(List.of("s1@4000", "s2@6000"), take(due, Long.MAX_VALUE));
        due.schedule("s1", 8_000); // taken, then due again at its next reading
        assertEquals(List.of("s1@8000"), take(due, 8_000));
    }

    @Test
    void keysDueAtTheSameTimeComeOutInTheOrderTheyWereFirstSeen() {
        DueKeys due = new DueKeys();
        for (String k : List.of("m3", "m1", "m2")) {
            due.schedule(k, 1_000);
        }
        take(due, 1_000);
        for (String k : List.of("m2", "m1", "m3")) {
            due.schedule(k, 2_000);
        }
        assertEquals(List.of("m3@2000", "m1@2000", "m2@2000"), take(due, 2_000));
    }

    @Test
    void manyKeysScheduledInAnyOrderComeOutOnceEachAtTheirEarliestInTimeOrder() {
        Random random = new Random(19);
        DueKeys due = new DueKeys();
        java.util.Map<String, Long> earliest = new java.util.HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String key = "k" + random.nextInt(1_500);
            long ts = random.nextInt(100_000);
            due.schedule(key, ts);
            earliest.merge(key, ts, Math::min);
        }
        assertEquals(earliest.size(), due.size());
        long last = Long.MIN_VALUE;
        int taken = 0;
        List<Long> watermarks = new ArrayList<>();
        for (long w = 0; w < 100_000; w += 997) {
            watermarks.add(w);
        }
        watermarks.add(Long.MAX_VALUE);
        for (long w : watermarks) {
            for (String s : take(due, w)) {
                long ts = Long.parseLong(s.substring(s.indexOf('@') + 1));
                String key = s.substring(0, s.indexOf('@'));
                assertEquals(earliest.get(key), ts, key);
                assertEquals(true, ts <= w && ts >= last, s + " after " + last + " under watermark " + w);
                last = ts;
                taken++;
            }
        }
        assertEquals(earliest.size(), taken, "every key once");
        assertEquals(0, due.size());
    }
}
