package jilin.ew.pipeline;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.TimerService;

/**
 * The keys of one operator instance that have elements waiting for the watermark, each at the event time of its
 * oldest: what {@link DueKeysOperator} takes, in event-time order, before it lets a watermark pass. It does the work
 * of one event-time timer per key without Flink's timer queue (an add and a poll per element there, over a heap of
 * every key's timers, was over a third of the mine sensor task on a dense recording). Not checkpointed: it is
 * rebuilt from the keyed state on restore ({@link DueKeysFunction#oldestWaiting}). A key keeps its slot for the life
 * of the operator instance, so the slots are as many as the keys its keyed state has held.
 */
public final class DueKeys {
    private final Map<String, Integer> slotOf = new HashMap<>();
    private String[] keys = new String[64];
    /** Per slot: when the key is due (valid while queued). */
    private long[] dueAt = new long[64];
    /** Per slot: its place in {@link #heap}, -1 when not queued. */
    private int[] place = new int[64];
    /** Slots by (due time, slot): a binary min-heap. */
    private int[] heap = new int[64];
    private int size;
    private long watermark = Long.MIN_VALUE;

    /** {@code key} is due at {@code ts}; a key already due no later stays as it is (each key is queued once). */
    public void schedule(String key, long ts) {
        int slot = slot(key);
        int at = place[slot];
        if (at < 0) {
            dueAt[slot] = ts;
            put(size, slot);
            up(size++);
        } else if (ts < dueAt[slot]) {
            dueAt[slot] = ts;
            up(at);
        }
    }

    /**
     * The watermark in force for a function of this queue's operator: while due keys are taken, the one being passed
     * (the timer service's still lags it, as it would not for a timer), else the timer service's.
     */
    public long watermark(TimerService timers) {
        return Math.max(timers.currentWatermark(), watermark);
    }

    /** How many keys are queued. */
    public int size() {
        return size;
    }

    void advanceTo(long watermark) {
        this.watermark = Math.max(this.watermark, watermark);
    }

    /** Takes the earliest key due at or before {@code time}: its slot, or -1 when none is. */
    int poll(long time) {
        if (size == 0 || dueAt[heap[0]] > time) {
            return -1;
        }
        int slot = heap[0];
        place[slot] = -1;
        if (--size > 0) {
            put(0, heap[size]);
            down(0);
        }
        return slot;
    }

    String key(int slot) {
        return keys[slot];
    }

    long dueAt(int slot) {
        return dueAt[slot];
    }

    /** The key's slot in this queue, the same for as long as the queue lives. */
    private int slot(String key) {
        Integer s = slotOf.get(key);
        if (s != null) {
            return s;
        }
        int slot = slotOf.size();
        if (slot == keys.length) {
            int n = slot * 2;
            keys = Arrays.copyOf(keys, n);
            dueAt = Arrays.copyOf(dueAt, n);
            place = Arrays.copyOf(place, n);
            heap = Arrays.copyOf(heap, n);
        }
        keys[slot] = key;
        place[slot] = -1;
        slotOf.put(key, slot);
        return slot;
    }

    /**
     * Ties go to the key seen first (after a restore: requeued first), never to hashing or the heap's shape; the
     * outputs of a run do not depend on that order (each key's own work is the same whichever goes first).
     */
    private boolean before(int a, int b) {
        return dueAt[a] < dueAt[b] || (dueAt[a] == dueAt[b] && a < b);
    }

    private void up(int i) {
        int slot = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(slot, heap[parent])) {
                break;
            }
            put(i, heap[parent]);
            i = parent;
        }
        put(i, slot);
    }

    private void down(int i) {
        int slot = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], slot)) {
                break;
            }
            put(i, heap[child]);
            i = child;
        }
        put(i, slot);
    }

    private void put(int i, int slot) {
        heap[i] = slot;
        place[slot] = i;
    }
}
