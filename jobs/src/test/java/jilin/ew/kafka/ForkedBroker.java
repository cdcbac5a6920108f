package jilin.ew.kafka;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import jilin.ew.testing.Ports;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A real Apache Kafka broker (KRaft, combined broker + controller, one node) forked from the test classpath as
 * its own process, listening on 127.0.0.1 only. A process rather than the in-JVM test kit because a test stops it
 * and starts it again on the same ports and data, as an outage would. Killed by a shutdown hook if a test forgets.
 */
public final class ForkedBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final int controllerPort;
    private Process process;
    private final Thread hook = new Thread(this::kill);

    private ForkedBroker(Path dir) throws IOException {
        this.dir = dir;
        this.port = Ports.free();
        this.controllerPort = Ports.free();
    }

    /** A broker with a fresh data folder under the module's target/ (one per test class). */
    public static ForkedBroker startInTarget() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        java.nio.file.Files.createDirectories(target);
        return start(java.nio.file.Files.createTempDirectory(target, "kafka-broker"));
    }

    /** Closes {@code broker} if it was started (for an @AfterAll). */
    public static void stop(ForkedBroker broker) throws InterruptedException {
        if (broker != null) {
            broker.close();
        }
    }

    /** Formats a fresh data folder under {@code dir} and starts the broker; returns once it serves requests. */
    public static ForkedBroker start(Path dir) throws Exception {
        ForkedBroker b = new ForkedBroker(dir);
        Path props = b.writeProperties();
        b.run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", props.toString()),
                "format.log").waitFor(60, TimeUnit.SECONDS);
        Runtime.getRuntime().addShutdownHook(b.hook);
        b.startAgain();
        return b;
    }

    /** Starts the broker if a test (or a failed attempt of one) left it stopped. */
    public void ensureRunning() throws Exception {
        if (process == null || !process.isAlive()) {
            startAgain();
        }
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker (controlled shutdown, as an operator would), keeping its data. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        process = null;
    }

    /** Starts the (stopped) broker again on the same ports and data; returns once it serves requests. */
    public void startAgain() throws Exception {
        process = run(List.of("kafka.Kafka", dir.resolve("server.properties").toString()), "broker.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Properties p = KafkaAdmin.clientConfig(bootstrap(), new Properties());
        p.setProperty("request.timeout.ms", "2000");
        p.setProperty("default.api.timeout.ms", "3000");
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("broker exited; see " + dir.resolve("broker.log"));
            }
            try (Admin a = Admin.create(p)) {
                a.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                a.listTopics().names().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("broker not ready in 90 s; see " + dir.resolve("broker.log"), e);
                }
                Thread.sleep(250);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down; the hook does the same
        }
    }

    private void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private Process run(List<String> mainAndArgs, String log) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(mainAndArgs);
        File out = dir.resolve(log).toFile();
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out)).start();
    }

    private Path writeProperties() throws IOException {
        Files.createDirectories(dir);
        String host = "127.0.0.1";
        String text = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@" + host + ":" + controllerPort,
                "listeners=PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort,
                "advertised.listeners=PLAINTEXT://" + host + ":" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + dir.resolve("data").toAbsolutePath(),
                "num.partitions=1",
                "auto.create.topics.enable=false",
                // one node: internal topics must not ask for three replicas, or group consumers silently get nothing
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=3",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
        Path p = dir.resolve("server.properties");
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }


    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
