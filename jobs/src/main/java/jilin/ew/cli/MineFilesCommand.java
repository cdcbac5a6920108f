package jilin.ew.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import jilin.ew.gateway.Output;
import jilin.ew.gateway.minefiles.MineFileIngester;
import jilin.ew.gateway.minefiles.MineFileMapping;
import jilin.ew.schema.EventType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code mine-files}: ingests coal-mine monitoring upload files (point definitions and real-time values). */
@Command(name = "mine-files", mixinStandardHelpOptions = true,
        description = {"Watch a folder of mine monitoring upload files (AQMC/AQKC point definitions, AQSS real-time"
                + " values), ingest them in name order, each once across restarts (ledger in DIR/.mine-files),"
                + " as mine.sensor / mine.reading on the input topics (or --output FILE). Malformed files move to"
                + " DIR/quarantine with a reason file. See docs/gateways.md."})
public class MineFilesCommand implements Callable<Integer> {
    @Option(names = "--watch", required = true, paramLabel = "DIR", description = "the upload folder") Path dir;
    @Option(names = "--kafka", paramLabel = "HOST:PORT", description = "produce to this Kafka cluster") String kafka;
    @Option(names = "--output", paramLabel = "FILE.jsonl", description = "append messages here instead of Kafka")
    Path output;
    @Option(names = "--dead-letter", paramLabel = "FILE.jsonl", description = "with --output: append dead letters here")
    Path deadLetter;
    @Option(names = "--mapping", paramLabel = "FILE.json",
            description = "field layout and code tables (default: the built-in " + MineFileMapping.BUILTIN + ")")
    Path mapping;
    @Option(names = "--state", paramLabel = "DIR", description = "where the ledger lives (default: DIR/.mine-files)")
    Path state;
    @Option(names = "--poll", defaultValue = "2", paramLabel = "SECONDS",
            description = "folder scan period; a file is taken once unchanged for one period (default: ${DEFAULT-VALUE})")
    double poll;
    @Option(names = "--once", description = "ingest what is in the folder now and exit") boolean once;
    @Mixin KafkaOptions kafkaOptions;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new ParameterException(spec.commandLine(), "not a folder: " + dir);
        }
        if (poll <= 0) {
            throw new ParameterException(spec.commandLine(), "--poll must be positive");
        }
        MineFileMapping m;
        try {
            m = MineFileMapping.load(mapping);
        } catch (java.io.IOException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Output opened;
        try {
            opened = GatewayOutputs.open(spec, kafka, kafkaOptions, output, deadLetter, EventType.MINE_SENSOR,
                    EventType.MINE_READING);
        } catch (GatewayOutputs.Unavailable e) {
            System.err.println("early-warning mine-files: " + e.getMessage());
            return 2;
        }
        try (Output out = opened) {
            MineFileIngester in = new MineFileIngester(dir, state, m, out);
            if (once) {
                MineFileIngester.Result r = in.pass(false, Integer.MAX_VALUE);
                System.out.println("mine-files: " + r);
                return 0;
            }
            AtomicBoolean running = new AtomicBoolean(true);
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                running.set(false);
                main.interrupt();
                try {
                    main.join(10_000);
                } catch (InterruptedException ignored) {
                    // shutting down anyway
                }
            }));
            System.out.println("mine-files: watching " + dir + " (layout " + m.layout + ")");
            try {
                in.watch(Duration.ofMillis((long) (poll * 1000)), running::get, r -> System.out.println("mine-files: " + r));
            } catch (InterruptedException e) {
                // Ctrl-C while waiting for the next pass: every ingested file is already in the ledger
            }
            return 0;
        }
    }
}
