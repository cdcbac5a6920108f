package jilin.ew.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jilin.ew.schema.Alert;
import jilin.ew.schema.AlertStatus;

/**
 * The part of an alert stream that is independent of processing timing: for every alert key, the highest level its
 * first incident reached. Whether a breach that resumes shortly after a clear opens a second incident (with the
 * REPEAT raise) or continues the first depends on whether the clear's timer or the pattern detections of another
 * path arrived first (live, detections are handled as they arrive); see docs/routing.md.
 */
public final class Incidents {
    private Incidents() {}

    /** "key LEVEL" per key, sorted, for the first incident of each key (in arrival order per key). */
    public static List<String> first(List<Alert> alerts) {
        Map<String, Alert> top = new LinkedHashMap<>();
        Map<String, Boolean> closed = new LinkedHashMap<>();
        for (Alert a : alerts) {
            if (closed.getOrDefault(a.key, false)) {
                continue;
            }
            Alert t = top.get(a.key);
            if (t == null || a.level.ordinal() > t.level.ordinal()) {
                top.put(a.key, a);
            }
            if (a.status == AlertStatus.CLEARED) {
                closed.put(a.key, true);
            }
        }
        List<String> out = new ArrayList<>();
        top.forEach((k, a) -> out.add(k + " " + a.level));
        out.sort(null);
        return out;
    }
}
