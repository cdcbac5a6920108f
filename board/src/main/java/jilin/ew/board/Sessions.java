package jilin.ew.board;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Logged-in sessions: a random token (the HttpOnly cookie) per login, with its user and its CSRF token. Bounded:
 * idle sessions end after {@link #IDLE_MS}, and past {@link #MAX_SESSIONS} the least recently used goes.
 */
final class Sessions {
    static final long IDLE_MS = 12 * 3600_000L;
    static final int MAX_SESSIONS = 10_000;
    static final String COOKIE = "ew_session";

    /** One login: who, and the token every command must carry. */
    record Session(String token, Users.User user, String csrf, long[] lastSeen) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byToken = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
            return size() > MAX_SESSIONS;
        }
    };

    String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    synchronized Session open(Users.User user, long now) {
        Session s = new Session(token(), user, token(), new long[] {now});
        byToken.put(s.token(), s);
        return s;
    }

    /** The live session of a token, or null (unknown, or idle too long: then it is ended). */
    synchronized Session get(String token, long now) {
        if (token == null) {
            return null;
        }
        Session s = byToken.get(token);
        if (s == null) {
            return null;
        }
        if (now - s.lastSeen()[0] > IDLE_MS) {
            byToken.remove(token);
            return null;
        }
        s.lastSeen()[0] = now;
        return s;
    }

    /** Whether a session is still open, without counting this as activity. */
    synchronized boolean alive(String token) {
        return byToken.containsKey(token);
    }

    synchronized void close(String token) {
        if (token != null) {
            byToken.remove(token);
        }
    }

    /** Constant-time comparison of a presented CSRF token with the expected one. */
    static boolean sameToken(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
