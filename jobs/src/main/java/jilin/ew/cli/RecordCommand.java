package jilin.ew.cli;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import jilin.ew.kafka.KafkaAdmin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code record}: captures the live input topics to a JSONL recording for later replays and backtests. One message,
 * one line, always: line breaks in a message are re-encoded ({@link #oneLine}); a tombstone (null value) carries no
 * message, is skipped as the job skips it, and counted.
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = {"Capture the input topics to a JSONL recording (one message per line) for replay and backtest.",
                "Line breaks in a message become spaces (control character U+001F inside a JSON string);"
                        + " tombstones (null values) are skipped and counted, as the job skips them.",
                "Stops after --idle-sec without new messages, after --max-messages, or on Ctrl-C."})
public class RecordCommand implements Callable<Integer> {
    @Option(names = "--kafka", required = true, paramLabel = "HOST:PORT") String kafka;
    @Option(names = "--output", required = true, paramLabel = "FILE.jsonl") Path output;
    @Option(names = "--from", defaultValue = "earliest",
            description = "earliest (everything kept on the topics) or latest (from now on); default ${DEFAULT-VALUE}")
    String from;
    @Option(names = "--idle-sec", defaultValue = "10",
            description = "stop after this many seconds without a new message (0: never); default ${DEFAULT-VALUE}")
    int idleSec;
    @Option(names = "--max-messages", defaultValue = "0", description = "stop after this many (0: no limit)")
    long maxMessages;
    @Mixin KafkaOptions kafkaOptions;

    @Override
    public Integer call() throws Exception {
        if (!from.equals("earliest") && !from.equals("latest")) {
            System.err.println("early-warning record: --from must be earliest or latest, not " + from);
            return 2;
        }
        Properties p = KafkaAdmin.clientConfig(kafka, kafkaOptions.clientProperties());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "ew-record-" + System.currentTimeMillis());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, from);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        AtomicBoolean stop = new AtomicBoolean();
        Thread main = Thread.currentThread();
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                main.join(5000);
            } catch (InterruptedException ignored) {
                // shutting down anyway
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        long n = 0;
        long tombstones = 0;
        long lastMessage = System.nanoTime();
        long lastReport = lastMessage;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
             BufferedWriter w = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            consumer.subscribe(kafkaOptions.topics().inputs());
            System.out.println("record: " + String.join(", ", kafkaOptions.topics().inputs()) + " from " + kafka
                    + " to " + output + " (Ctrl-C stops)");
            while (!stop.get()) {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(500));
                long now = System.nanoTime();
                for (ConsumerRecord<String, String> r : batch) {
                    lastMessage = now;
                    if (r.value() == null) {
                        tombstones++;
                        continue;
                    }
                    w.write(oneLine(r.value()));
                    w.write('\n');
                    n++;
                    if (maxMessages > 0 && n >= maxMessages) {
                        stop.set(true);
                        break;
                    }
                }
                if (idleSec > 0 && now - lastMessage > idleSec * 1_000_000_000L) {
                    break;
                }
                if (now - lastReport > 10_000_000_000L) {
                    lastReport = now;
                    System.out.println("record: " + n + " messages");
                }
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
        System.out.println("record: " + n + " messages written to " + output
                + (tombstones == 0 ? "" : "; " + tombstones + " tombstones (null values) skipped"));
        return 0;
    }

    /**
     * The message on one line, meaning the same to the job. Outside a JSON string a line break is whitespace, so it
     * becomes a space. Inside one it makes the message invalid JSON (the job dead-letters it as malformed-json); it
     * becomes U+001F, a control character JSON refuses just the same, so the replay dead-letters it too (an escape
     * such as \n would make it valid and the replay would differ from what the job saw live).
     */
    static String oneLine(String value) {
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        StringBuilder b = new StringBuilder(value.length());
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r') {
                b.append(inString ? '\u001f' : ' ');
                escaped = false;
                continue;
            }
            b.append(c);
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = inString;
            } else if (c == '"') {
                inString = !inString;
            }
        }
        return b.toString();
    }
}
