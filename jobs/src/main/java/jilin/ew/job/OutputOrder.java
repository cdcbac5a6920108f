package jilin.ew.job;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import jilin.ew.schema.Alert;
import jilin.ew.schema.DeadLetter;

/**
 * The order a bounded run writes its outputs in, whatever order parallel subtasks delivered them: alerts by event
 * time, then key, each key's messages in the order the lifecycle emitted them; dead letters by event time, then
 * their content. Live outputs go out as they come instead.
 */
public final class OutputOrder {
    private OutputOrder() {}

    /**
     * Alerts ordered by the latest event time their key had reached (the running maximum of {@code lastEventTs}
     * over the key's messages so far, so a key's messages keep their order), then key, then position in the key.
     */
    public static List<Alert> alerts(List<Alert> arrived) {
        Map<String, long[]> reached = new HashMap<>();
        Map<String, int[]> seq = new HashMap<>();
        List<long[]> sortKeys = new ArrayList<>(arrived.size());
        for (Alert a : arrived) {
            long[] r = reached.computeIfAbsent(a.key, k -> new long[] {Long.MIN_VALUE});
            r[0] = Math.max(r[0], a.lastEventTs);
            int n = seq.computeIfAbsent(a.key, k -> new int[1])[0]++;
            sortKeys.add(new long[] {r[0], n});
        }
        List<Integer> idx = new ArrayList<>(arrived.size());
        for (int i = 0; i < arrived.size(); i++) {
            idx.add(i);
        }
        idx.sort(Comparator.<Integer>comparingLong(i -> sortKeys.get(i)[0])
                .thenComparing(i -> arrived.get(i).key)
                .thenComparingLong(i -> sortKeys.get(i)[1]));
        List<Alert> out = new ArrayList<>(arrived.size());
        for (int i : idx) {
            out.add(arrived.get(i));
        }
        return out;
    }

    /** Dead letters by event time (unreadable first), then raw message, reason, field and detail. */
    public static List<DeadLetter> deadLetters(List<DeadLetter> arrived) {
        List<DeadLetter> out = new ArrayList<>(arrived);
        out.sort(Comparator.<DeadLetter>comparingLong(d -> d.ts == null ? Long.MIN_VALUE : d.ts)
                .thenComparing(d -> Objects.toString(d.raw, ""))
                .thenComparing(d -> Objects.toString(d.reason, ""))
                .thenComparing(d -> Objects.toString(d.field, ""))
                .thenComparing(d -> Objects.toString(d.detail, "")));
        return out;
    }
}
