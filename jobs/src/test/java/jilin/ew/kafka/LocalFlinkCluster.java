package jilin.ew.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jilin.ew.testing.Ports;

/**
 * A Flink session cluster on real processes, started and stopped with bin/flink-local (its own home under
 * target/, its own ports), and driven as a user would: through its REST API.
 */
final class LocalFlinkCluster implements AutoCloseable {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path home;
    private final int restPort;
    private final int rpcPort = Ports.free();
    private final int promPort = Ports.free();
    private static final int PROM_PORTS = 20;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Thread hook = new Thread(this::killAll);

    private LocalFlinkCluster(Path home, int restPort) throws IOException {
        this.home = home;
        this.restPort = restPort;
    }

    /** Starts a JobManager and two TaskManagers (two slots each); returns once both TaskManagers registered. */
    static LocalFlinkCluster start(Path home) throws Exception {
        LocalFlinkCluster c = new LocalFlinkCluster(home, Ports.free());
        Runtime.getRuntime().addShutdownHook(c.hook);
        try {
            c.script("start", Duration.ofMinutes(5));
        } catch (Exception | AssertionError e) {
            c.close();
            throw e;
        }
        return c;
    }

    String rest() {
        return "http://127.0.0.1:" + restPort;
    }

    Path home() {
        return home;
    }

    private void script(String command, Duration timeout) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/flink-local").toString(), command)
                .redirectErrorStream(true);
        Files.createDirectories(home);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("flink-local.out").toFile()));
        pb.environment().put("FLINK_LOCAL_HOME", home.toString());
        pb.environment().put("FLINK_LOCAL_REST_PORT", String.valueOf(restPort));
        pb.environment().put("FLINK_LOCAL_RPC_PORT", String.valueOf(rpcPort));
        // each process's reporter takes the first free port of the range; a user's cluster keeps the default range
        pb.environment().put("FLINK_LOCAL_PROM_PORTS", promPort + "-" + (promPort + PROM_PORTS));
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/flink-local " + command + " did not finish in " + timeout);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("bin/flink-local " + command + " exited " + p.exitValue() + ": "
                    + Files.readString(home.resolve("flink-local.out")));
        }
    }

    /** The pid of a process of the cluster ("jobmanager", "taskmanager-1", ...), if it runs. */
    Optional<ProcessHandle> process(String name) throws IOException {
        Path f = home.resolve(name + ".pid");
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readString(f).trim())).filter(ProcessHandle::isAlive);
    }

    /** Uploads a jar (POST /jars/upload) and returns its id for /jars/:id/run. */
    String upload(Path jar) throws Exception {
        String boundary = "----ew" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(URI.create(rest() + "/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(jar), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .timeout(Duration.ofMinutes(2)).build();
        JsonNode r = send(req);
        String file = r.path("filename").asText();
        return file.substring(file.lastIndexOf('/') + 1);
    }

    /** Runs an uploaded jar's main (POST /jars/:id/run) with these program arguments; returns the job id. */
    String run(String jarId, String entryClass, List<String> args) throws Exception {
        return run(jarId, entryClass, args, null);
    }

    /**
     * Runs an uploaded jar's main from a savepoint when {@code savepoint} is not null: every operator state in it
     * must find its operator (allowNonRestoredState false), so a uid that changed fails the submission.
     */
    String run(String jarId, String entryClass, List<String> args, String savepoint) throws Exception {
        var body = JSON.createObjectNode();
        body.put("entryClass", entryClass);
        args.forEach(body.putArray("programArgsList")::add);
        if (savepoint != null) {
            body.put("savepointPath", savepoint);
            body.put("allowNonRestoredState", false);
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(rest() + "/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).timeout(Duration.ofMinutes(2)).build();
        return send(req).path("jobid").asText();
    }

    /** Every process's Prometheus page (GET /metrics on each port of the range that answers), one after another. */
    String scrape() {
        StringBuilder all = new StringBuilder();
        for (int p = promPort; p <= promPort + PROM_PORTS; p++) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + p + "/metrics"))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    all.append(r.body()).append('\n');
                }
            } catch (IOException nothingThere) {
                // a port of the range no process took
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return all.toString();
    }

    JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(rest() + path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    /** Cancels a job (PATCH /jobs/:id) and waits until it is CANCELED. */
    void cancel(String jobId) throws Exception {
        send(HttpRequest.newBuilder(URI.create(rest() + "/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build());
        await(Duration.ofMinutes(2), "job " + jobId + " canceled",
                () -> "CANCELED".equals(get("/jobs/" + jobId).path("state").asText()));
    }

    /**
     * Stops a job with a savepoint (POST /jobs/:id/stop, drain false: no end-of-input watermark, so its timers and
     * windows stay pending in the savepoint) into {@code dir}, polls the trigger and waits until the job is FINISHED;
     * returns the savepoint's location.
     */
    String stopWithSavepoint(String jobId, Path dir) throws Exception {
        var body = JSON.createObjectNode();
        body.put("drain", false);
        body.put("targetDirectory", dir.toUri().toString());
        String trigger = send(HttpRequest.newBuilder(URI.create(rest() + "/jobs/" + jobId + "/stop"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .timeout(Duration.ofSeconds(30)).build()).path("request-id").asText();
        JsonNode[] done = {null};
        await(Duration.ofMinutes(2), "savepoint of job " + jobId, () -> {
            JsonNode r = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(r.path("status").path("id").asText())) {
                done[0] = r.path("operation");
                return true;
            }
            return false;
        });
        if (done[0].has("failure-cause")) {
            throw new AssertionError("stop with a savepoint of job " + jobId + " failed: " + done[0]);
        }
        await(Duration.ofMinutes(1), "job " + jobId + " finished",
                () -> "FINISHED".equals(get("/jobs/" + jobId).path("state").asText()));
        return done[0].path("location").asText();
    }

    /** Free slots of the cluster (GET /overview). */
    int freeSlots() throws Exception {
        return get("/overview").path("slots-available").asInt();
    }

    /** The TaskManagers (resource ids) that run at least one task of the job. */
    List<String> taskManagersOf(String jobId) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
            for (JsonNode tm : get("/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/taskmanagers")
                    .path("taskmanagers")) {
                String id = tm.path("taskmanager-id").asText();
                if (!out.contains(id)) {
                    out.add(id);
                }
            }
        }
        return out;
    }

    private JsonNode send(HttpRequest req) throws Exception {
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError(req.method() + " " + req.uri() + " -> " + r.statusCode() + ": " + r.body());
        }
        return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    /** A condition that may throw (a REST call). */
    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls until the condition holds; fails with {@code what} after the timeout. */
    static void await(Duration timeout, String what, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
            }
            Thread.sleep(250);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            script("stop", Duration.ofMinutes(2));
        } finally {
            killAll();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already
            }
        }
    }

    /** Whatever the script left (or never got to stop): every process of this cluster, by its pid file. */
    private void killAll() {
        for (String p : List.of("taskmanager-1", "taskmanager-2", "jobmanager")) {
            try {
                process(p).ifPresent(ProcessHandle::destroyForcibly);
            } catch (IOException | RuntimeException e) {
                // best effort: a pid file half written
            }
        }
    }

}
