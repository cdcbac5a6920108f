package jilin.ew.kafka;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import jilin.ew.seeds.SeedCatalog;
import jilin.ew.sim.MineSimConfig;
import jilin.ew.sim.MineSimulator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Benchmark (run on purpose, not a test; {@code bin/bench cluster}): the shaded jar on a bin/flink-local session
 * cluster and a forked broker, at parallelism 1 and 2. Throughput: a mine recording of all 45 seeded mines, loaded
 * into a two-partition topic first, consumed by the job from the start (rate between the first and the last offset
 * commit). Checkpoints: size and duration from GET /jobs/:id/checkpoints, and the state per sensor (the
 * checkpointed state divided by the sensors defined). Latency: LatencyBench's load (stream-defined background
 * sensors, as many as report every 25 s at the rate, and a single-reading breach every 50 ms) at one rate, from
 * produce to alert readable, live and read_committed; and its checkpoints, with tens of thousands of sensors.
 * Prints the load average before and after: the machine is shared.
 *
 * <p>Args: {@code [messages=600000] [latencyRate=2000] [latencySeconds=30] [checkpointMs=1000]}.
 */
public final class ClusterBench {
    /** The mine monitoring system's polling cycle (docs/design.md section 6, MINE_SENSOR_SILENT). */
    private static final int POLL_SEC = 25;

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 600_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        long checkpointMs = args.length > 3 ? Long.parseLong(args[3]) : 1000;
        Path jar = LocalFlinkCluster.ROOT.resolve("jobs/target/jobs-0.1.0-SNAPSHOT-flink.jar");
        Path work = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-bench");
        List<String> recording = recording(messages);
        int seedSensors = SeedCatalog.fromClasspath().sensors().size();
        System.out.printf(Locale.ROOT, "cluster bench: %,d mine messages (%d seed sensors), latency at %,d msg/s (%,d sensors) for %d s,"
                + " checkpoints every %d ms; load average %s%n", recording.size(), seedSensors, rate, rate * POLL_SEC,
                seconds, checkpointMs, loadAverage());
        try (ForkedBroker broker = ForkedBroker.start(work.resolve("kafka"));
                LocalFlinkCluster cluster = LocalFlinkCluster.start(work.resolve("flink"))) {
            String jarId = cluster.upload(jar);
            String in = "bench.in";
            KafkaAdmin.createTopics(broker.bootstrap(), new Properties(), List.of(in), 2, (short) 1);
            long t0 = System.nanoTime();
            load(broker, in, recording);
            System.out.printf(Locale.ROOT, "loaded %,d messages into %s (2 partitions) in %.1f s%n", recording.size(), in,
                    (System.nanoTime() - t0) / 1e9);
            for (int p = 1; p <= 2; p++) {
                throughput(cluster, jarId, broker, in, recording.size(), p, checkpointMs, seedSensors);
            }
            for (int p = 1; p <= 2; p++) {
                latency(cluster, jarId, broker, p, rate, seconds, checkpointMs, seedSensors);
            }
        }
        System.out.println("load average after: " + loadAverage());
        System.exit(0);
    }

    /** Consumes the loaded recording from its start; prints the rate and the checkpoints at the end. */
    private static void throughput(LocalFlinkCluster cluster, String jarId, ForkedBroker broker, String in, long total,
            int parallelism, long checkpointMs, int sensors) throws Exception {
        KafkaTopics t = KafkaTopics.prefixed("tp" + parallelism + ".");
        for (String role : KafkaTopics.INPUT_ROLES) {
            t.set(role, in);
        }
        createOutputs(broker, t);
        String group = "tp" + parallelism;
        // no idleness: the recording's partitions both run to its end, and a partition declared idle while the
        // other races ahead would make its sensors look silent (docs/kafka.md, event time)
        String job = ClusterRuns.submit(cluster, jarId, broker, t, group, parallelism, null, checkpointMs,
                ClusterRuns.IDLENESS_SEC);
        long firstAt = 0;
        long firstCount = 0;
        long doneAt;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (true) {
            long n = consumed(broker, in, group);
            long now = System.nanoTime();
            if (n > 0 && firstAt == 0) {
                firstAt = now;
                firstCount = n;
            }
            if (n >= total) {
                doneAt = now;
                break;
            }
            if (now > deadline) {
                throw new AssertionError("job " + job + " took " + n + " of " + total + " in 15 min");
            }
            Thread.sleep(200);
        }
        double rate = (total - firstCount) / ((doneAt - firstAt) / 1e9);
        // the state once everything is in: two more checkpoints, the second begun after the input ended
        ClusterRuns.awaitDone(cluster, broker, job, t, group);
        System.out.printf(Locale.ROOT, "throughput p=%d: %,.0f msg/s (%,d messages between the first and the last offset"
                + " commit, %.1f s)%n", parallelism, rate, total - firstCount, (doneAt - firstAt) / 1e9);
        checkpoints(cluster, job, "throughput p=" + parallelism, sensors);
        cluster.cancel(job);
    }

    /** LatencyBench's load against a job on the cluster: a settling step, then the measured one. */
    private static void latency(LocalFlinkCluster cluster, String jarId, ForkedBroker broker, int parallelism, int rate,
            int seconds, long checkpointMs, int seedSensors) throws Exception {
        KafkaTopics t = ClusterRuns.topics(broker, "lat" + parallelism + ".");
        // live sensors report every few seconds: idleness as a live deployment sets it (LatencyBench's 5 s)
        String job = ClusterRuns.submit(cluster, jarId, broker, t, "lat" + parallelism, parallelism, null, checkpointMs,
                5);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> committed = new ConcurrentHashMap<>();
        Map<String, Long> live = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread rc = LatencyBench.reader(broker.bootstrap(), t.get(KafkaTopics.ALERTS), "read_committed", committed, stop);
        Thread ru = LatencyBench.reader(broker.bootstrap(), t.get(KafkaTopics.ALERTS_LIVE), "read_uncommitted", live, stop);
        List<String> background = new ArrayList<>();
        // as many sensors as report every 25 s (the polling cycle) at this rate: the ordered path then holds about
        // as many readings per sensor as in a mine, so the state per sensor is a mine's
        int backgroundSensors = rate * POLL_SEC;
        int warmUp = 30;
        int breaches = (warmUp + seconds + 10) * 20 + 100;
        try (KafkaProducer<String, String> producer = LatencyBench.gateway(broker.bootstrap())) {
            List<String> mines = SeedCatalog.fromClasspath().mines().stream()
                    .filter(m -> m.status() == jilin.ew.seeds.MineStatus.PRODUCING).map(jilin.ew.seeds.Mine::mineId).toList();
            for (int i = 0; i < backgroundSensors; i++) {
                String id = "BG-" + i;
                background.add(id);
                producer.send(new ProducerRecord<>(t.get(KafkaTopics.MINE_SENSORS), id, String.format(Locale.ROOT,
                        "{\"type\":\"mine.sensor\",\"ts\":\"%s\",\"mineId\":\"LY001\",\"sensorId\":\"%s\",\"kind\":\"CH4\","
                                + "\"location\":\"MINE_RETURN\",\"district\":\"BG%d\"}", LatencyBench.now(), id, i % 200)));
            }
            for (int i = 0; i < breaches; i++) {
                String id = "BENCH-" + i;
                producer.send(new ProducerRecord<>(t.get(KafkaTopics.MINE_SENSORS), id, String.format(Locale.ROOT,
                        "{\"type\":\"mine.sensor\",\"ts\":\"%s\",\"mineId\":\"%s\",\"sensorId\":\"%s\",\"kind\":\"CH4\","
                                + "\"location\":\"WORKING_FACE\",\"district\":\"WF1\"}", LatencyBench.now(),
                        mines.get(i % mines.size()), id)));
            }
            // settling, not reported: class loading and JIT in the TaskManagers, the ordered path's buffer filling
            int breachNo = LatencyBench.step(producer, t, background, rate, warmUp, 50, new ConcurrentHashMap<>(), 0);
            int first = breachNo;
            long s0 = System.nanoTime();
            breachNo = LatencyBench.step(producer, t, background, rate, seconds, 50, sentAt, breachNo);
            double achieved = (double) rate * seconds / ((System.nanoTime() - s0) / 1e9);
            // the background goes on while the last alerts commit
            LatencyBench.step(producer, t, background, rate, (int) (3 + 2 * checkpointMs / 1000), -1, null, 0);
            System.out.printf(Locale.ROOT, "latency p=%d (rate msg/s | achieved | live: seen p50 / p99 / max ms |"
                    + " committed: seen p50 / p99 / max ms | commit wait p50 ms)%n", parallelism);
            LatencyBench.report(rate, achieved, breachNo - first, sentAt, live, committed);
            checkpoints(cluster, job, "latency p=" + parallelism, seedSensors + backgroundSensors + breaches);
        } finally {
            stop.set(true);
            rc.join();
            ru.join();
            cluster.cancel(job);
        }
    }

    /** The job's checkpoints (GET /jobs/:id/checkpoints): the latest, the summary, and the state per sensor. */
    private static void checkpoints(LocalFlinkCluster cluster, String job, String what, int sensors) throws Exception {
        var c = cluster.get("/jobs/" + job + "/checkpoints");
        var latest = c.path("latest").path("completed");
        var summary = c.path("summary");
        long size = latest.path("state_size").asLong();
        System.out.printf(Locale.ROOT, "checkpoints %s: %d completed; latest %,d bytes (%,d checkpointed) in %d ms;"
                        + " state size min/avg/max %,d / %,d / %,d bytes; duration min/avg/max %d / %d / %d ms;"
                        + " %,.0f bytes per sensor (%,d sensors defined)%n",
                what, c.path("counts").path("completed").asInt(), size, latest.path("checkpointed_size").asLong(),
                latest.path("end_to_end_duration").asLong(), summary.path("state_size").path("min").asLong(),
                summary.path("state_size").path("avg").asLong(), summary.path("state_size").path("max").asLong(),
                summary.path("end_to_end_duration").path("min").asLong(),
                summary.path("end_to_end_duration").path("avg").asLong(),
                summary.path("end_to_end_duration").path("max").asLong(), (double) size / sensors, sensors);
    }

    /** A run's output topics (every role but the inputs, every route), two partitions each. */
    private static void createOutputs(ForkedBroker broker, KafkaTopics t) throws Exception {
        List<String> out = new ArrayList<>(t.all().stream().distinct().toList());
        out.removeAll(t.inputs());
        out.addAll(new KafkaTopics().routes(jilin.ew.reference.Routing.classpath()));
        KafkaAdmin.createTopics(broker.bootstrap(), new Properties(), out, 2, (short) 1);
    }

    /** The recording into one topic, each message keyed by its subject (one sensor's readings stay in order). */
    private static void load(ForkedBroker broker, String topic, List<String> recording) {
        MessageRouter router = new MessageRouter(KafkaTopics.prefixed("route."));
        try (KafkaProducer<String, String> p = LatencyBench.gateway(broker.bootstrap())) {
            for (String m : recording) {
                String key;
                try {
                    key = router.route(m).key;
                } catch (IllegalArgumentException bad) {
                    key = null;
                }
                p.send(new ProducerRecord<>(topic, key, m));
            }
            p.flush();
        }
    }

    /** The group's committed offsets on the topic, summed over its partitions. */
    private static long consumed(ForkedBroker broker, String topic, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            long n = 0;
            for (var e : committed.entrySet()) {
                if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                    n += e.getValue().offset();
                }
            }
            return n;
        }
    }

    /** The first {@code n} messages of a mine recording of all 45 seeded mines (kept under target/bench). */
    private static List<String> recording(int n) throws Exception {
        Path dir = Path.of("target", "bench");
        Files.createDirectories(dir);
        // ~84k messages per simulated hour; the same file ThroughputBench keeps
        long hours = Math.max(1, (n + 83_000) / 83_000);
        Path file = dir.resolve("mine-" + hours + "h.jsonl");
        if (!Files.exists(file)) {
            MineSimulator sim = new MineSimulator(MineSimConfig.builder().seed(1).mineCount(45)
                    .duration(Duration.ofHours(hours)).build());
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                sim.write(w);
            }
            Files.move(tmp, file);
        }
        List<String> out = new ArrayList<>(n);
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String l = r.readLine(); l != null && out.size() < n; l = r.readLine()) {
                out.add(l);
            }
        }
        return out;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "(unknown)";
        }
    }

    private ClusterBench() {}
}
