package jilin.ew.reference;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A route's webhook from the routing table (docs/webhooks.md): where to POST, how to find the signing secret (an
 * environment variable or a file, never the secret itself), how often to try and how long to wait in between.
 */
public final class Webhook implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final long DEFAULT_INITIAL_BACKOFF_MS = 1000;
    public static final long DEFAULT_MAX_BACKOFF_MS = 60_000;
    public static final long DEFAULT_TIMEOUT_MS = 10_000;

    private final String route;
    private final URI url;
    private final String secretEnv;
    private final String secretFile;
    private final int maxAttempts;
    private final long initialBackoffMs;
    private final long maxBackoffMs;
    private final long timeoutMs;

    private Webhook(String route, URI url, String secretEnv, String secretFile, int maxAttempts, long initialBackoffMs,
                    long maxBackoffMs, long timeoutMs) {
        this.route = route;
        this.url = url;
        this.secretEnv = secretEnv;
        this.secretFile = secretFile;
        this.maxAttempts = maxAttempts;
        this.initialBackoffMs = initialBackoffMs;
        this.maxBackoffMs = maxBackoffMs;
        this.timeoutMs = timeoutMs;
    }

    /**
     * The webhook of {@code route} from its JSON shape, or null with each problem added to {@code errors} as
     * "FILE: FIELD: what is wrong" ({@code field} is the object's path, e.g. {@code operators[3].webhook}).
     */
    static Webhook of(String route, Spec s, String file, String field, List<String> errors) {
        int before = errors.size();
        URI url = null;
        if (s.url == null || s.url.isBlank()) {
            errors.add(file + ": " + field + ".url is required (the receiver's http or https address)");
        } else {
            try {
                url = new URI(s.url.trim());
                if (!("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                        || url.getHost() == null) {
                    errors.add(file + ": " + field + ".url must be an absolute http or https address, not '"
                            + s.url + "'");
                }
            } catch (java.net.URISyntaxException e) {
                errors.add(file + ": " + field + ".url is not an address: " + e.getMessage());
            }
        }
        if (s.secret != null) {
            // the table is shipped and versioned: a secret written in it is a secret given away
            errors.add(file + ": " + field + ".secret is refused: never write a secret in the routing table; give "
                    + "secretEnv (the name of an environment variable) or secretFile (the path of a file) instead");
        }
        boolean env = s.secretEnv != null && !s.secretEnv.isBlank();
        boolean fileGiven = s.secretFile != null && !s.secretFile.isBlank();
        if (env == fileGiven) {
            errors.add(file + ": " + field + (env ? ": give only one of secretEnv and secretFile"
                    : ".secretEnv or .secretFile is required (where the signing secret is found)"));
        }
        int attempts = s.maxAttempts == null ? DEFAULT_MAX_ATTEMPTS : s.maxAttempts;
        if (attempts < 1 || attempts > 20) {
            errors.add(file + ": " + field + ".maxAttempts must be 1 to 20, not " + attempts);
        }
        long initial = s.backoff == null || s.backoff.initialMs == null ? DEFAULT_INITIAL_BACKOFF_MS : s.backoff.initialMs;
        long max = s.backoff == null || s.backoff.maxMs == null ? Math.max(DEFAULT_MAX_BACKOFF_MS, initial)
                : s.backoff.maxMs;
        if (initial < 1) {
            errors.add(file + ": " + field + ".backoff.initialMs must be at least 1, not " + initial);
        }
        if (max < initial) {
            errors.add(file + ": " + field + ".backoff.maxMs must be at least backoff.initialMs (" + initial
                    + "), not " + max);
        }
        long timeout = s.timeoutMs == null ? DEFAULT_TIMEOUT_MS : s.timeoutMs;
        if (timeout < 1 || timeout > 300_000) {
            errors.add(file + ": " + field + ".timeoutMs must be 1 to 300000, not " + timeout);
        }
        if (errors.size() > before) {
            return null;
        }
        return new Webhook(route, url, env ? s.secretEnv.trim() : null, fileGiven ? s.secretFile.trim() : null,
                attempts, initial, max, timeout);
    }

    public String route() {
        return route;
    }

    public URI url() {
        return url;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public long timeoutMs() {
        return timeoutMs;
    }

    /** The wait before attempt {@code next} (2 or more): the initial backoff doubled per failed attempt, capped. */
    public long backoffMs(int next) {
        long d = initialBackoffMs;
        for (int i = 2; i < next && d < maxBackoffMs; i++) {
            d *= 2;
        }
        return Math.min(d, maxBackoffMs);
    }

    public long maxBackoffMs() {
        return maxBackoffMs;
    }

    /** Where the secret is found, for messages (never the secret). */
    public String secretSource() {
        return secretEnv != null ? "environment variable " + secretEnv : "file " + secretFile;
    }

    /**
     * The signing secret, read where it runs (so it never travels in the job graph or a checkpoint): the
     * environment variable's value or the file's content, without surrounding whitespace.
     */
    public byte[] secret() throws IOException {
        String v;
        if (secretEnv != null) {
            v = System.getenv(secretEnv);
            if (v == null) {
                throw new IOException("webhook of route " + route + ": environment variable " + secretEnv
                        + " is not set");
            }
        } else {
            Path p = Path.of(secretFile);
            if (!Files.isReadable(p)) {
                throw new IOException("webhook of route " + route + ": secret file " + secretFile
                        + " cannot be read");
            }
            v = Files.readString(p, StandardCharsets.UTF_8);
        }
        v = v.strip();
        if (v.isEmpty()) {
            throw new IOException("webhook of route " + route + ": the secret in " + secretSource() + " is empty");
        }
        return v.getBytes(StandardCharsets.UTF_8);
    }

    /** Problems finding the secrets of {@code hooks} here, one sentence each (checked before a job starts). */
    public static List<String> secretProblems(Iterable<Webhook> hooks) {
        List<String> out = new ArrayList<>();
        for (Webhook w : hooks) {
            try {
                w.secret();
            } catch (IOException e) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    @Override
    public String toString() {
        // scheme, host and port only: a path or query may carry a receiver's token
        return route + " -> " + url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    /** The JSON shape of a route's {@code webhook} object in routing.json. */
    public static class Spec {
        public String url;
        public String secretEnv;
        public String secretFile;
        /** Only read to refuse it: a secret never belongs in the table. */
        public String secret;
        public Integer maxAttempts;
        public Backoff backoff;
        public Long timeoutMs;
    }

    /** The JSON shape of {@code webhook.backoff}: the first wait, doubled after each failed attempt up to the cap. */
    public static class Backoff {
        public Long initialMs;
        public Long maxMs;
    }
}
