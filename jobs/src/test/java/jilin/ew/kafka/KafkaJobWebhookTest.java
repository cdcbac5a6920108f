package jilin.ew.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.reference.Reference;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run}'s Kafka job delivers webhooks when the routing table has them, and their failures go to the
 * dead-letter topic; with the shipped table (no webhook) the job has no webhook operator at all. Checked on the
 * job's graph: building it needs no broker.
 */
class KafkaJobWebhookTest {
    private static StreamGraph graph(JobSettings settings, boolean webhooks) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        new KafkaJob("127.0.0.1:1").withSettings(settings).bounded(true).withWebhooks(webhooks).build(env);
        return env.getStreamGraph();
    }

    private static List<String> namesAfter(StreamGraph g, String operator) {
        StreamNode n = g.getStreamNodes().stream().filter(x -> x.getOperatorName().equals(operator)).findFirst()
                .orElseThrow(() -> new AssertionError("no operator " + operator));
        return n.getOutEdges().stream().map(e -> g.getStreamNode(e.getTargetId()).getOperatorName())
                .collect(Collectors.toList());
    }

    private static boolean has(StreamGraph g, String operator) {
        return g.getStreamNodes().stream().anyMatch(x -> x.getOperatorName().equals(operator));
    }

    @Test
    void webhookFailuresJoinTheDeadLetterTopicWhenTheTableHasWebhooks(@TempDir Path dir) throws Exception {
        String table;
        try (InputStream in = KafkaJobWebhookTest.class.getResourceAsStream("/seeds/routing.json")) {
            table = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("routing.json"), table.replaceFirst("\"route\": \"province\",",
                "\"route\": \"province\", \"webhook\": {\"url\": \"https://cc.example/hook\", \"secretEnv\": \"X\"},"));
        JobSettings withHooks = new JobSettings().withReference(Reference.directory(dir));
        assertEquals(1, withHooks.reference().routing().webhooks().size(), "the table was edited");

        StreamGraph g = graph(withHooks, true);
        assertEquals(List.of("webhooks: deliver"), namesAfter(g, "webhooks: one delivery per route"));
        assertEquals(List.of("dead-letter metrics"), namesAfter(g, "webhooks: deliver"));
        assertTrue(g.getStreamNodes().stream().filter(n -> n.getOperatorName().equals("webhooks: deliver"))
                .allMatch(n -> "webhook-sender".equals(n.getTransformationUID())));

        assertTrue(!has(graph(withHooks, false), "webhooks: deliver"), "withWebhooks(false) leaves them out");
        assertTrue(!has(graph(new JobSettings(), true), "webhooks: deliver"), "the shipped table has none");
    }
}
