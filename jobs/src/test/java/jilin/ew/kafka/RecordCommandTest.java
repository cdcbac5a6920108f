package jilin.ew.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import jilin.ew.cli.EarlyWarningCli;
import jilin.ew.schema.WireCodec;
import jilin.ew.testing.Msg;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code record} on a real broker: one message, one line, always. A message with line breaks is one line that
 * decodes as the message did; a line break inside a JSON string stays invalid; a tombstone is skipped and counted.
 */
class RecordCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static ForkedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = ForkedBroker.startInTarget();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        ForkedBroker.stop(broker);
    }

    @Test
    void everyMessageIsOneLineAndTombstonesAreSkippedAndCounted() throws Exception {
        KafkaTopics topics = KafkaTopics.prefixed("record.");
        String readings = topics.get(KafkaTopics.MINE_READINGS);
        KafkaAdmin.createTopics(broker.bootstrap(), new Properties(), topics.inputs(), 1, (short) 1);

        String compact = Msg.reading("LY001-WF1-T1", 25, 1.2);
        String pretty = JSON.readTree(Msg.reading("LY001-WF1-T1", 50, 1.3)).toPrettyString().replace("\n", "\r\n");
        String breakInString = "{\"type\":\"mine.reading\",\"ts\":\"" + Msg.ts(75) + "\",\"sensorId\":\"LY001-WF1-\nT1\","
                + "\"value\":1.4}";
        assertTrue(pretty.contains("\n"));
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        records.add(new ProducerRecord<>(readings, 0, "k", pretty));
        records.add(new ProducerRecord<>(readings, 0, "k", null)); // tombstone
        records.add(new ProducerRecord<>(readings, 0, "k", breakInString));
        records.add(new ProducerRecord<>(readings, 0, "k", compact));
        try (KafkaProducer<String, String> p = Topics.producer(broker.bootstrap())) {
            for (ProducerRecord<String, String> r : records) {
                p.send(r).get();
            }
        }

        Path out = Files.createTempFile(Path.of("target").toAbsolutePath(), "record", ".jsonl");
        List<String> args = new ArrayList<>(List.of("record", "--kafka", broker.bootstrap(), "--output", out.toString(),
                "--max-messages", "3", "--idle-sec", "0"));
        topics.byRole().forEach((role, name) -> {
            args.add("--topic");
            args.add(role + "=" + name);
        });
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream old = System.out;
        int rc;
        try {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            rc = EarlyWarningCli.commandLine().execute(args.toArray(new String[0]));
        } finally {
            System.setOut(old);
        }
        String printed = console.toString(StandardCharsets.UTF_8);
        assertEquals(0, rc, printed);

        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(3, lines.size(), "one line per message, the tombstone skipped: " + lines);
        WireCodec codec = new WireCodec();
        // the pretty-printed message decodes on its one line exactly as it did on the topic
        assertEquals(JSON.readTree(pretty), JSON.readTree(lines.get(0)));
        assertTrue(codec.decode(lines.get(0)).isOk(), lines.get(0));
        // a line break inside a string was not JSON live, and is not on replay either
        assertEquals("malformed-json", codec.decode(breakInString).deadLetter.reason);
        assertEquals("malformed-json", codec.decode(lines.get(1)).deadLetter.reason, lines.get(1));
        assertEquals(compact, lines.get(2));
        assertTrue(printed.contains("3 messages written") && printed.contains("1 tombstones (null values) skipped"),
                printed);
    }
}
