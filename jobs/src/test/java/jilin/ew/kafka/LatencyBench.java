package jilin.ew.kafka;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import jilin.ew.pipeline.JobSettings;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Benchmark (run on purpose, not a test): time from a breaching reading being produced to its alert being readable
 * on the alert topic, at steady produce rates. Background: normal CH4 readings of 20,000 stream-defined sensors
 * (1 s apart at 20k msg/s, 10 s at 2k msg/s), each at a steady level drifting by thousandths; every 50 ms one fresh stream-defined
 * sensor breaches once (a single-reading CH4_ALARM) and then reports normal levels with the background, the breaching
 * sensors spread over the seeds' producing mines. Readers: the live alert topic (at least once, written as each
 * alert is decided) and the alert topic read_committed (what exactly-once consumers see, bounded by the checkpoint
 * cycle); "commit wait" is the part between the job's sink writing an alert and a read_committed reader seeing it.
 * A breach whose alert a reader has not seen by the end of its step counts as infinitely late in the percentiles.
 *
 * <p>Args: {@code [bootstrap|-] [checkpointMs=100] [secondsPerStep=30] [rate ...]}; "-" forks a local broker.
 * JVM options: {@code -Dbench.parallelism=N} (default 2), {@code -Dbench.flink="key=value;..."} (Flink options),
 * {@code -Dbench.settleSec=S} (default 60) and {@code -Dbench.settleRate=R} (default 2000): a first, unreported run
 * at a low rate while the JIT compiles; {@code -Dbench.warmupSec=S} (default 40: an unreported settling step before
 * each rate, long enough for the ordered path's buffer to reach its steady size), {@code -Dbench.dump=PREFIX}
 * (each breach's latencies, in time order, to PREFIX-RATE.txt).
 */
public final class LatencyBench {
    private static final DateTimeFormatter TS = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final int BACKGROUND_SENSORS = 20_000;
    private static final long PACE_NS = 1_000_000;
    private static final List<Double> COMMIT_WAIT = java.util.Collections.synchronizedList(new ArrayList<>());

    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "-";
        long checkpointMs = args.length > 1 ? Long.parseLong(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        List<Integer> rates = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            rates.add(Integer.parseInt(args[i]));
        }
        if (rates.isEmpty()) {
            rates = List.of(5000, 10000, 20000, 30000, 40000);
        }
        ForkedBroker broker = null;
        if ("-".equals(bootstrap)) {
            broker = ForkedBroker.start(Files.createTempDirectory("ew-bench-broker"));
            bootstrap = broker.bootstrap();
        }
        try {
            run(bootstrap, checkpointMs, seconds, rates);
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
        System.exit(0);
    }

    static void run(String bootstrap, long checkpointMs, int seconds, List<Integer> rates) throws Exception {
        String prefix = "bench" + System.currentTimeMillis() % 100000 + ".";
        KafkaTopics topics = KafkaTopics.prefixed(prefix);
        KafkaAdmin.createTopics(bootstrap, new Properties(), topics.all(jilin.ew.reference.Routing.classpath()), 3,
                (short) 1);

        Configuration conf = new Configuration();
        conf.setString("taskmanager.numberOfTaskSlots", "2");
        // the ordered path buffers every reading for the out-of-orderness bound: far beyond the 5 MB in-memory limit
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                java.nio.file.Files.createTempDirectory("ew-bench-cp").toUri().toString());
        // experiments: -Dbench.flink="key=value;key=value" adds Flink options
        for (String kv : System.getProperty("bench.flink", "").split(";")) {
            if (kv.contains("=")) {
                conf.setString(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
            }
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                Integer.getInteger("bench.parallelism", 2), conf);
        KafkaJob.exactlyOnce(env, Duration.ofMillis(checkpointMs));
        JobSettings settings = new JobSettings().withIdleness(Duration.ofSeconds(5));
        // experiments: -Dbench.kafka="key=value;..." adds Kafka client properties to the job's source and sinks
        Properties client = new Properties();
        for (String kv : System.getProperty("bench.kafka", "").split(";")) {
            if (kv.contains("=")) {
                client.setProperty(kv.substring(0, kv.indexOf('=')).trim(), kv.substring(kv.indexOf('=') + 1).trim());
            }
        }
        new KafkaJob(bootstrap).withClientProperties(client).withTopics(topics).withGroupId(prefix + "job").withTransactionalIdPrefix(prefix + "job")
                .withSettings(settings).build(env);
        JobClient job = env.executeAsync("latency bench");

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> committed = new ConcurrentHashMap<>();
        Map<String, Long> live = new ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread rc = reader(bootstrap, topics.get(KafkaTopics.ALERTS), "read_committed", committed, stop);
        Thread ru = reader(bootstrap, topics.get(KafkaTopics.ALERTS_LIVE), "read_uncommitted", live, stop);

        // background: many sensors each at a realistic polling cycle (20k msg/s over 20k sensors is one reading a
        // second each; 2k msg/s, one every 10 s: within the 25 s cycle, so no sensor counts as silent)
        List<String> background = new ArrayList<>();
        for (int i = 0; i < BACKGROUND_SENSORS; i++) {
            background.add("BG-" + i);
        }
        System.out.printf(Locale.ROOT, "latency bench: broker %s, checkpoint every %d ms, %d background CH4 sensors (stream-defined),"
                + " %d s per rate%n", bootstrap, checkpointMs, background.size(), seconds);
        System.out.println("rate msg/s | achieved | live: seen  p50 / p99 / max ms | committed: seen  p50 / p99 / max ms"
                + " | commit wait p50 ms");
        KafkaTopics router = topics;
        int breachNo = 0;
        try (KafkaProducer<String, String> producer = gateway(bootstrap)) {
            // warm-up: definitions of the sensors that will breach, and a few seconds of background
            for (int i = 0; i < background.size(); i++) {
                String id = background.get(i);
                producer.send(new ProducerRecord<>(topics.get(KafkaTopics.MINE_SENSORS), id, String.format(Locale.ROOT,
                        "{\"type\":\"mine.sensor\",\"ts\":\"%s\",\"mineId\":\"LY001\",\"sensorId\":\"%s\",\"kind\":\"CH4\","
                                + "\"location\":\"MINE_RETURN\",\"district\":\"BG%d\"}", now(), id, i % 200)));
            }
            int maxBreaches = (rates.size() * (seconds + Integer.getInteger("bench.warmupSec", 40) + 10)
                    + Integer.getInteger("bench.settleSec", 60)) * 20 + 100;
            // breaching sensors spread over the province's producing mines: alerts are grouped by mine, and twenty
            // new alerts a second in one mine for the whole run is no province's load
            List<String> mines = jilin.ew.seeds.SeedCatalog.fromClasspath().mines().stream()
                    .filter(m -> m.status() == jilin.ew.seeds.MineStatus.PRODUCING).map(jilin.ew.seeds.Mine::mineId).toList();
            for (int i = 0; i < maxBreaches; i++) {
                String id = "BENCH-" + i;
                producer.send(new ProducerRecord<>(topics.get(KafkaTopics.MINE_SENSORS), id, String.format(Locale.ROOT,
                        "{\"type\":\"mine.sensor\",\"ts\":\"%s\",\"mineId\":\"%s\",\"sensorId\":\"%s\",\"kind\":\"CH4\","
                                + "\"location\":\"WORKING_FACE\",\"district\":\"WF1\"}", now(), mines.get(i % mines.size()), id)));
            }
            int warmUp = Integer.getInteger("bench.warmupSec", 40);
            breachNo = settle(producer, router, background, Integer.getInteger("bench.settleRate", 2000), breachNo);
            for (int rate : rates) {
                // settling, not reported: at each rate the ordered path's buffer grows to a new steady size over the
                // out-of-orderness bound (and the job's first seconds are class loading, JIT, first checkpoints);
                // breaches too, so that their path is warm
                breachNo = step(producer, router, background, rate, warmUp, 50, new ConcurrentHashMap<>(), breachNo);
                sentAt.clear();
                committed.clear();
                live.clear();
                long t0 = System.nanoTime();
                int first = breachNo;
                breachNo = step(producer, router, background, rate, seconds, 50, sentAt, breachNo);
                double achieved = (double) rate * seconds / ((System.nanoTime() - t0) / 1e9);
                // let the last alerts commit, the background going on: a pause in the input is not the steady state
                // the step measures, and its restart is a burst for the next step
                step(producer, router, background, rate, (int) (3 + 2 * checkpointMs / 1000), -1, null, 0);
                report(rate, achieved, breachNo - first, sentAt, live, committed);
            }
        } finally {
            stop.set(true);
            rc.join();
            ru.join();
            job.cancel().get();
        }
    }

    /**
     * Runs at a low rate for {@code -Dbench.settleSec} (default 60) before the first rate, printing the JIT compile
     * time of each 10 s: a long-running job is measured warm, and at the measured rates the two cores are busy, so
     * a cold compiler gets little of them. (On this machine the JIT kept compiling for minutes even at 2,000 msg/s,
     * its times inflated by steal, so the settling is a fixed time, not a JIT threshold.)
     */
    static int settle(KafkaProducer<String, String> producer, KafkaTopics router, List<String> background, int rate,
                      int breachNo) {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        int windows = Integer.getInteger("bench.settleSec", 60) / 10;
        for (int w = 1; w <= windows; w++) {
            long before = jit.getTotalCompilationTime();
            breachNo = step(producer, router, background, rate, 10, 50, new ConcurrentHashMap<>(), breachNo);
            System.out.printf(Locale.ROOT, "settling at %d msg/s: %d s, JIT compiled %.1f s of the last 10 s%n", rate,
                    10 * w, (jit.getTotalCompilationTime() - before) / 1e3);
        }
        return breachNo;
    }

    /** Produces at {@code rate} for {@code seconds}; a breach every {@code breachEveryMs}; returns the next breach number. */
    static int step(KafkaProducer<String, String> producer, KafkaTopics router, List<String> background, int rate,
                    int seconds, int breachEveryMs, Map<String, Long> sentAt, int breachNo) {
        long n = (long) rate * seconds;
        long t0 = System.nanoTime();
        long nextBreach = t0;
        int bg = 0;
        for (long i = 0; i < n; i++) {
            long due = t0 + (long) (i * 1e9 / rate);
            long nowNs = System.nanoTime();
            if (due - nowNs > PACE_NS) {
                // paced to the millisecond: a park per message (every 50 µs at 20,000 msg/s) cost the generator,
                // which shares the two cores with the job, most of its CPU
                LockSupport.parkNanos(due - nowNs);
            }
            if (breachEveryMs > 0 && System.nanoTime() >= nextBreach) {
                nextBreach += breachEveryMs * 1_000_000L;
                String id = "BENCH-" + breachNo++;
                String msg = String.format(Locale.ROOT,
                        "{\"type\":\"mine.reading\",\"ts\":\"%s\",\"sensorId\":\"%s\",\"value\":1.2}", now(), id);
                sentAt.put(id, System.nanoTime());
                producer.send(new ProducerRecord<>(router.get(KafkaTopics.MINE_READINGS), id, msg));
                // and from then on it reports normal levels with the background, as a real sensor would: one that
                // went quiet after its breach would raise a SILENT alert that never clears, twenty more a second
                background.add(id);
                continue;
            }
            // a sensor at a steady level: its base (0.20-0.30 %) and a drift of a few thousandths between polls, so
            // the background raises nothing (a jump of 0.1 % a second would be a rapid rise, not a background)
            int sensor = bg % background.size();
            int round = bg++ / background.size();
            String id = background.get(sensor);
            String msg = "{\"type\":\"mine.reading\",\"ts\":\"" + now() + "\",\"sensorId\":\"" + id
                    + "\",\"value\":0." + (200 + 10 * (sensor % 11) + round % 5) + "}";
            producer.send(new ProducerRecord<>(router.get(KafkaTopics.MINE_READINGS), id, msg));
        }
        producer.flush();
        return breachNo;
    }

    /**
     * The load generator's producer, configured as a site gateway would be: Kafka's defaults (idempotent, batches
     * lingering up to 5 ms), where the tests' producer sends one request at a time. At 20,000 msg/s the tests'
     * settings cost the broker, which shares the two cores with the job, several times the CPU.
     */
    static KafkaProducer<String, String> gateway(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("linger.ms", "5");
        p.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        p.put("value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    private static long nowMs = -1;
    private static String nowText;

    /** The current time as the contract writes it (formatted once per millisecond: the generator shares the CPU). */
    static String now() {
        long ms = System.currentTimeMillis();
        if (ms != nowMs) {
            nowMs = ms;
            nowText = Instant.ofEpochMilli(ms).atOffset(ZoneOffset.ofHours(8)).format(TS);
        }
        return nowText;
    }

    static Thread reader(String bootstrap, String topic, String isolation, Map<String, Long> seen, AtomicBoolean stop) {
        Thread t = new Thread(() -> {
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrap);
            p.put("isolation.level", isolation);
            // the broker answers a fetch as soon as an alert arrives (fetch.min.bytes 1): the wait only ends empty
            // fetches, so it delays nothing measured; 10 ms cost the readers and the broker a tenth of a core
            p.put("fetch.max.wait.ms", System.getProperty("bench.readerWaitMs", "500"));
            p.put("key.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
            p.put("value.deserializer", org.apache.kafka.common.serialization.StringDeserializer.class.getName());
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
                List<TopicPartition> parts = new ArrayList<>();
                c.partitionsFor(topic).forEach(pi -> parts.add(new TopicPartition(topic, pi.partition())));
                c.assign(parts);
                c.seekToBeginning(parts);
                while (!stop.get()) {
                    for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(20))) {
                        long at = System.nanoTime();
                        int i = r.value().indexOf("\"subjectId\":\"BENCH-");
                        if (i >= 0) {
                            String id = r.value().substring(i + 13, r.value().indexOf('"', i + 13));
                            if (seen.putIfAbsent(id, at) == null && isolation.equals("read_committed")) {
                                // the record's timestamp is when the job's sink wrote it: the rest is the commit
                                COMMIT_WAIT.add((double) (System.currentTimeMillis() - r.timestamp()));
                            }
                        }
                    }
                }
            }
        }, "reader-" + isolation);
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void report(int rate, double achieved, int breaches, Map<String, Long> sentAt, Map<String, Long> live,
                       Map<String, Long> committed) {
        List<Double> c = latencies(sentAt, committed);
        List<Double> u = latencies(sentAt, live);
        String dump = System.getProperty("bench.dump");
        if (dump != null) {
            // each breach: seconds into the step, live and committed latency in ms (-1: not seen)
            long t0 = sentAt.values().stream().mapToLong(Long::longValue).min().orElse(0);
            StringBuilder b = new StringBuilder();
            sentAt.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(e -> b.append(String.format(
                    Locale.ROOT, "%.2f %.0f %.0f%n", (e.getValue() - t0) / 1e9,
                    live.containsKey(e.getKey()) ? (live.get(e.getKey()) - e.getValue()) / 1e6 : -1.0,
                    committed.containsKey(e.getKey()) ? (committed.get(e.getKey()) - e.getValue()) / 1e6 : -1.0)));
            try {
                Files.writeString(java.nio.file.Path.of(dump + "-" + rate + ".txt"), b);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        List<Double> w;
        synchronized (COMMIT_WAIT) {
            w = new ArrayList<>(COMMIT_WAIT);
            COMMIT_WAIT.clear();
        }
        Collections.sort(w);
        System.out.printf(Locale.ROOT, "%10d | %8.0f | %4d/%-4d %6.0f / %6.0f / %6.0f | %4d/%-4d %6.0f / %6.0f / %6.0f"
                        + " | %7.0f%n", rate, achieved, seen(u), breaches, pct(u, 50), pct(u, 99), pct(u, 100), seen(c),
                breaches, pct(c, 50), pct(c, 99), pct(c, 100), pct(w, 50));
    }

    /** Latency of every breach in ms; one not seen counts as infinitely late, so it cannot flatter a percentile. */
    static List<Double> latencies(Map<String, Long> sentAt, Map<String, Long> seen) {
        List<Double> l = new ArrayList<>();
        sentAt.forEach((id, t) -> {
            Long at = seen.get(id);
            l.add(at == null ? Double.POSITIVE_INFINITY : (at - t) / 1e6);
        });
        Collections.sort(l);
        return l;
    }

    static int seen(List<Double> latencies) {
        return (int) latencies.stream().filter(d -> !d.isInfinite()).count();
    }

    static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private LatencyBench() {}

}
