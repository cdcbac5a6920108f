package jilin.ew.board;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows repeated failed logins, per user name and per address: after the n-th failure in a row, the next attempt is
 * refused unchecked for 2^(n-1) seconds (1, 2, 4, ... at most 5 minutes). A success clears the user's count, not the
 * address's. Bounded:
 * the oldest entries are forgotten past {@link #MAX_ENTRIES}.
 */
final class LoginThrottle {
    static final int MAX_ENTRIES = 10_000;
    static final long MAX_DELAY_MS = 5 * 60_000L;

    private record Failures(int count, long notBefore) {}

    private final Map<String, Failures> byKey = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** How long one user's attempt may take before another attempt on that name is checked anyway. */
    static final long IN_FLIGHT_MS = 10_000;

    /**
     * Milliseconds the attempt must still wait, or 0: go ahead, and the user's name is taken until {@link #failed}
     * or {@link #succeeded} (so a burst of parallel guesses on one name is checked one at a time, each failure
     * raising the next one's wait).
     */
    synchronized long acquire(String user, String address, long now) {
        long wait = waitMs(user, address, now);
        if (wait == 0) {
            // the name and the address both: parallel guesses on many names from one address wait their turn too
            reserve("u:" + user, now);
            reserve("a:" + address, now);
        }
        return wait;
    }

    private void reserve(String key, long now) {
        Failures f = byKey.get(key);
        byKey.put(key, new Failures(f == null ? 0 : f.count(), now + IN_FLIGHT_MS));
    }

    /** Milliseconds the attempt must still wait (0: go ahead). */
    synchronized long waitMs(String user, String address, long now) {
        long until = Math.max(notBefore("u:" + user), notBefore("a:" + address));
        return Math.max(0, until - now);
    }

    private long notBefore(String key) {
        Failures f = byKey.get(key);
        return f == null ? 0 : f.notBefore();
    }

    /** Records a failure; returns the delay now imposed (ms). */
    synchronized long failed(String user, String address, long now) {
        return Math.max(fail("u:" + user, now), fail("a:" + address, now));
    }

    private long fail(String key, long now) {
        Failures f = byKey.get(key);
        int n = f == null ? 1 : Math.min(f.count() + 1, 30);
        long delay = Math.min(MAX_DELAY_MS, 1000L << Math.min(n - 1, 20));
        byKey.put(key, new Failures(n, now + delay));
        return delay;
    }

    /**
     * Clears the user's failures and frees the address for its next attempt without forgiving its failures: a valid
     * login of one's own must not reset the count of guesses at other names from the same address.
     */
    synchronized void succeeded(String user, String address) {
        byKey.remove("u:" + user);
        Failures a = byKey.get("a:" + address);
        if (a != null && a.count() == 0) {
            byKey.remove("a:" + address);
        } else if (a != null) {
            byKey.put("a:" + address, new Failures(a.count(), 0));
        }
    }
}
