package jilin.ew.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import jilin.ew.JobSettings;
import jilin.ew.cli.EarlyWarningCli;
import jilin.ew.gateway.KafkaOutput;
import jilin.ew.gateway.jt808.Jt808Gateway;
import jilin.ew.gateway.jt808.TerminalDirectory;
import jilin.ew.gateway.minefiles.MineFileIngester;
import jilin.ew.gateway.minefiles.MineFileMapping;
import jilin.ew.schema.Alert;
import jilin.ew.schema.Domain;
import jilin.ew.schema.EventType;
import jilin.ew.testing.Incidents;
import jilin.ew.testing.Pipeline;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import jilin.ew.mine.rule.Ch4Alarm;
import jilin.ew.mine.rule.Ch4Escalation;

/**
 * The device gateways in front of the job on a real broker: JT/T 808 terminals -> gateway -> Kafka -> job -> VEH_*
 * alerts, and mine upload files -> mine-files -> Kafka -> job -> MINE_* alerts.
 */
class GatewayPipelineTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static ForkedBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = ForkedBroker.startInTarget();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        ForkedBroker.stop(broker);
    }

    /** Every topic the job writes, the route topics included: a missing one would stall its exactly-once sink. */
    static KafkaTopics createTopics(String prefix) throws Exception {
        return Topics.createAll(broker.bootstrap(), prefix, 2);
    }

    static KafkaOutput output(KafkaTopics topics, EventType... types) {
        Map<EventType, String> byType = new java.util.EnumMap<>(EventType.class);
        for (EventType t : types) {
            byType.put(t, topics.forType(t));
        }
        KafkaOutput out = new KafkaOutput(KafkaAdmin.clientConfig(broker.bootstrap(), new Properties()), byType,
                topics.get(KafkaTopics.DEAD_LETTERS));
        out.checkTopics();
        return out;
    }

    static List<Alert> runJob(KafkaTopics topics, String name) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        KafkaJob.exactlyOnce(env, Duration.ofMillis(100));
        new KafkaJob(broker.bootstrap()).withTopics(topics).withGroupId(name).withTransactionalIdPrefix(name)
                .withSettings(new JobSettings()).bounded(true).build(env);
        env.execute(name);
        return Topics.alerts(Topics.readAll(broker.bootstrap(), topics.get(KafkaTopics.ALERTS)));
    }

    @Test
    void terminalsThroughTheJt808GatewayRaiseTheVehicleAlertsOfTheRecording(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        KafkaTopics topics = createTopics("gw808.");
        Jt808Gateway.Config c = new Jt808Gateway.Config();
        c.host = "127.0.0.1";
        c.port = 0;
        InetSocketAddress at;
        try (KafkaOutput out = output(topics, EventType.VEHICLE_POSITION)) {
            Jt808Gateway gateway = new Jt808Gateway(c, TerminalDirectory.load(null,
                    "test".getBytes(StandardCharsets.UTF_8)), out);
            try {
                at = gateway.start();
                int rc = EarlyWarningCli.commandLine().execute("simulate", "--jt808", "127.0.0.1:" + at.getPort(),
                        "--rate", "1000000", "--labels", tmp.resolve("labels.jsonl").toString());
                assertEquals(0, rc, "simulate --jt808");
            } finally {
                gateway.close();
            }
            out.flush();
            assertTrue(gateway.stats().positions.get() > 10_000, gateway.stats().toString());
        }
        List<Alert> alerts = runJob(topics, "gw808");
        String board = alerts.stream().map(a -> a.key + " " + a.level + " " + a.status).sorted()
                .collect(Collectors.joining("\n  "));
        assertTrue(alerts.stream().anyMatch(a -> a.domain == Domain.VEHICLE && a.ruleId.startsWith("VEH_")), board);
        // every labelled scenario's rule fires for its vehicle
        for (String line : Files.readAllLines(tmp.resolve("labels.jsonl"))) {
            com.fasterxml.jackson.databind.JsonNode l = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
            String rule = l.path("ruleId").asText(null);
            String vehicle = l.path("vehicleId").asText(l.path("subjectId").asText());
            if (rule != null && !rule.isEmpty() && !"null".equals(rule)) {
                assertTrue(alerts.stream().anyMatch(a -> a.ruleId.equals(rule) && a.subjectId.equals(vehicle)),
                        rule + " for " + vehicle + " in\n  " + board);
            }
        }
        // and the board is the one the same recording gives through the file path
        Path rec = tmp.resolve("rec.jsonl");
        assertEquals(0, EarlyWarningCli.commandLine().execute("simulate", "--output", rec.toString(), "--domains",
                "vehicle"));
        List<String> expected = Incidents.first(Pipeline.run(Files.readAllLines(rec)).alerts);
        assertEquals(expected, Incidents.first(alerts));
    }

    @Test
    void mineUploadFilesThroughTheReaderRaiseMineAlerts(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        KafkaTopics topics = createTopics("gwmine.");
        Charset gbk = Charset.forName("GBK");
        Files.write(dir.resolve("220402001_AQMC_20260610080000.txt"), ("220402001;辽源市龙山区德盛煤矿;2026-06-10 08:00:00~\r\n"
                + "GW0001;KJ90X;F01;0001;02;综采工作面;%CH4;0;4;;;;WF1~\r\n"
                + "GW0002;KJ90X;F01;0001;01;上隅角;%CH4;0;4;;;;WF1~\r\n").getBytes(gbk));
        double[] rise = {0.3, 0.4, 0.6, 0.8, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.7, 1.7};
        for (int i = 1; i <= 60; i++) {
            java.time.LocalDateTime t = java.time.LocalDateTime.of(2026, 6, 10, 8, 0).plusSeconds(25L * i);
            String ts = t.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
            double x = i - 10 >= 0 && i - 10 < rise.length ? rise[i - 10] : 0.3 + (i % 3) * 0.01;
            String name = "220402001_AQSS_" + t.format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
                    + ".txt";
            Files.write(dir.resolve(name), ("220402001;辽源市龙山区德盛煤矿;" + ts + "~\r\n"
                    + "GW0001;0001;" + x + ";0;" + ts + "~\r\n"
                    + "GW0002;0001;" + (0.3 + (i % 4) * 0.01) + ";0;" + ts + "~\r\n").getBytes(gbk));
        }
        try (KafkaOutput out = output(topics, EventType.MINE_SENSOR, EventType.MINE_READING)) {
            MineFileIngester in = new MineFileIngester(dir, null, MineFileMapping.load(null), out);
            MineFileIngester.Result r = in.pass(false, 30);
            // a restart in the middle of the folder: a new reader over the same ledger takes the rest, once
            MineFileIngester.Result rest = new MineFileIngester(dir, null, MineFileMapping.load(null), out)
                    .pass(false, Integer.MAX_VALUE);
            assertEquals(61, r.files + rest.files, r + " / " + rest);
            assertEquals(2 + 120, r.messages + rest.messages);
        }
        List<Alert> alerts = runJob(topics, "gwmine");
        String board = alerts.stream().map(a -> a.key + " " + a.level + " " + a.status).sorted()
                .collect(Collectors.joining("\n  "));
        assertTrue(alerts.stream().anyMatch(a -> a.ruleId.equals(Ch4Alarm.ID)
                && a.subjectId.equals("LY001-GW0001")), board);
        assertTrue(alerts.stream().anyMatch(a -> a.ruleId.equals(Ch4Escalation.ID)
                && a.subjectId.equals("LY001-GW0001")), board);
        assertFalse(alerts.stream().anyMatch(a -> a.subjectId.equals("LY001-GW0002")), board);
        Map<String, Integer> dead = Topics.deadLetterReasons(broker.bootstrap(), topics.get(KafkaTopics.DEAD_LETTERS));
        assertFalse(dead.containsKey("duplicate"), dead.toString());
        assertEquals(new ArrayList<>(), new ArrayList<>(dead.keySet()), "nothing refused: " + dead);
    }

    @Test
    void gatewaysRefuseToStartWhenATopicTheyWriteIsMissing(@org.junit.jupiter.api.io.TempDir Path dir) {
        for (String[] args : new String[][] {
            {"mine-files", "--watch", dir.toString(), "--once", "--kafka", broker.bootstrap(),
                "--topic", "mine-readings=nowhere.readings"},
            {"jt808-gateway", "--listen", "127.0.0.1:0", "--kafka", broker.bootstrap(),
                "--topic", "vehicle-positions=nowhere.positions"},
        }) {
            java.io.StringWriter err = new java.io.StringWriter();
            java.io.PrintStream old = System.err;
            java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
            System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
            int rc;
            try {
                picocli.CommandLine cl = EarlyWarningCli.commandLine();
                cl.setErr(new java.io.PrintWriter(err, true));
                rc = cl.execute(args);
            } finally {
                System.setErr(old);
            }
            assertEquals(2, rc, String.join(" ", args));
            String said = captured.toString(StandardCharsets.UTF_8);
            String topic = args[args.length - 1].split("=")[1];
            assertTrue(said.contains("missing topics") && said.contains(topic), said);
        }
    }
}
