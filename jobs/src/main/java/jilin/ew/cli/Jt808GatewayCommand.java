package jilin.ew.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import jilin.ew.gateway.Output;
import jilin.ew.gateway.jt808.Jt808Gateway;
import jilin.ew.gateway.jt808.TerminalDirectory;
import jilin.ew.schema.EventType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jt808-gateway}: the JT/T 808 TCP gateway for vehicle terminals, in front of the raw topics. */
@Command(name = "jt808-gateway", mixinStandardHelpOptions = true,
        description = {"Accept JT/T 808 (2013 and 2019) vehicle terminals over TCP: registration, authentication,"
                + " heartbeats, location reports and batches. Positions go to the vehicle-positions topic as"
                + " vehicle.position (keyed by vehicle), refusals to the dead-letters topic; or to JSONL files"
                + " with --output. Runs until Ctrl-C. See docs/gateways.md."})
public class Jt808GatewayCommand implements Callable<Integer> {
    @Option(names = "--listen", required = true, paramLabel = "HOST:PORT", description = "address to listen on")
    String listen;
    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "produce to this Kafka cluster") String kafka;
    @Option(names = "--output", paramLabel = "FILE.jsonl", description = "append positions here instead of Kafka")
    Path output;
    @Option(names = "--dead-letter", paramLabel = "FILE.jsonl", description = "with --output: append dead letters here")
    Path deadLetter;
    @Option(names = "--terminals", paramLabel = "FILE", description = "terminal register (default: the seeds'"
            + " jt808-terminals.json)") Path terminals;
    @Option(names = "--auth-secret-file", paramLabel = "FILE", description = "secret the authentication codes are"
            + " derived from (default: a fixed development secret)") Path secretFile;
    @Option(names = "--max-connections", defaultValue = "20000", description = "default: ${DEFAULT-VALUE}")
    int maxConnections;
    @Option(names = "--max-frame-bytes", defaultValue = "2200", description = "default: ${DEFAULT-VALUE}")
    int maxFrameBytes;
    @Option(names = "--heartbeat", defaultValue = "60", paramLabel = "SECONDS",
            description = "terminals' heartbeat period; silent for three periods closes them (default: ${DEFAULT-VALUE})")
    int heartbeat;
    @Mixin KafkaOptions kafkaOptions;
    @Spec CommandSpec spec;

    /** The secret used when none is given: fine for a demo, never for terminals on a public network. */
    static final byte[] DEV_SECRET = "jilin-ew-development-secret".getBytes(StandardCharsets.UTF_8);

    @Override
    public Integer call() throws Exception {
        Jt808Gateway.Config c = new Jt808Gateway.Config();
        int colon = listen.lastIndexOf(':');
        try {
            c.host = listen.substring(0, colon);
            c.port = Integer.parseInt(listen.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--listen must be HOST:PORT, not " + listen);
        }
        if (maxConnections < 1 || maxFrameBytes < 64 || heartbeat < 1) {
            throw new ParameterException(spec.commandLine(), "--max-connections, --max-frame-bytes (>= 64) and"
                    + " --heartbeat must be positive");
        }
        c.maxConnections = maxConnections;
        c.maxFrameBytes = maxFrameBytes;
        c.heartbeat = Duration.ofSeconds(heartbeat);
        if (terminals != null && !Files.isRegularFile(terminals)) {
            throw new ParameterException(spec.commandLine(), "terminal register not found: " + terminals);
        }
        byte[] secret = secretFile == null ? DEV_SECRET : Files.readAllBytes(secretFile);
        TerminalDirectory dir = TerminalDirectory.load(terminals, secret);
        Output out;
        try {
            out = GatewayOutputs.open(spec, kafka, kafkaOptions, output, deadLetter, EventType.VEHICLE_POSITION);
        } catch (GatewayOutputs.Unavailable e) {
            System.err.println("early-warning jt808-gateway: " + e.getMessage());
            return 2;
        }
        Jt808Gateway gateway = new Jt808Gateway(c, dir, out);
        if (output != null) {
            // a file is for watching (tail -f): written out every second rather than when a buffer fills
            java.util.concurrent.ScheduledExecutorService flusher = java.util.concurrent.Executors
                    .newSingleThreadScheduledExecutor(r -> {
                        Thread t = new Thread(r, "jsonl-flush");
                        t.setDaemon(true);
                        return t;
                    });
            flusher.scheduleWithFixedDelay(() -> {
                try {
                    out.flush();
                } catch (Exception e) {
                    System.err.println("jt808-gateway: " + e.getMessage());
                }
            }, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            try {
                out.flush();
            } catch (Exception e) {
                System.err.println("jt808-gateway: " + e.getMessage());
            }
            out.close();
            System.out.println("jt808-gateway: stopped; " + gateway.stats());
            stopped.countDown();
        }));
        java.net.InetSocketAddress bound = gateway.start();
        System.out.println("jt808-gateway: listening on " + bound.getHostString() + ":" + bound.getPort() + " for "
                + dir.all().size() + " registered terminals; " + (kafka != null ? "producing to " + kafka
                : "writing " + output) + (secretFile == null ? " (development auth secret)" : ""));
        gateway.awaitClose();
        stopped.await();
        return 0;
    }
}
