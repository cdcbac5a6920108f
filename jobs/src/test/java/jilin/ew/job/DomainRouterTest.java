package jilin.ew.job;

import static jilin.ew.testing.Harnesses.deadLetters;
import static jilin.ew.testing.Harnesses.side;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jilin.ew.mine.MinePipeline;
import jilin.ew.pipeline.DomainPipeline;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.EventType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Each message reaches exactly the domains that take its type; a type no domain takes is a dead letter. */
class DomainRouterTest {
    private static Envelope of(EventType type, long ts) {
        Envelope e = new Envelope();
        e.type = type;
        e.ts = ts;
        e.raw = "{\"type\":\"" + type.wireName() + "\"}";
        return e;
    }

    /** Which domains got each type, by the domains' names. */
    private static Map<String, List<String>> routed(List<DomainPipeline> domains) throws Exception {
        DomainRouter router = new DomainRouter(domains);
        try (OneInputStreamOperatorTestHarness<Envelope, Envelope> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(router)) {
            long ts = 0;
            for (EventType t : EventType.values()) {
                h.processElement(of(t, ++ts), ts);
            }
            Map<String, List<String>> got = new TreeMap<>();
            for (int i = 0; i < domains.size(); i++) {
                List<String> types = new ArrayList<>();
                side(h, router.domain(i)).forEach(e -> types.add(e.type.wireName()));
                got.put(DomainRouter.name(domains.get(i)), types);
            }
            return got;
        }
    }

    @Test
    void everyTypeGoesToEachDomainThatTakesIt() throws Exception {
        Map<String, List<String>> got = routed(EarlyWarningJob.domains());
        assertEquals(Map.of(
                "mine", List.of("mine.sensor", "mine.reading"),
                "gas", List.of("gas.station", "gas.reading"),
                // the hazard-report domain keeps the definitions, to place a report's subject
                "report", List.of("mine.sensor", "gas.station", "vehicle.registration", "hazard.report"),
                "vehicle", List.of("vehicle.registration", "vehicle.position")), got);
    }

    @Test
    void aTypeNoDomainTakesIsADeadLetterNamingIt() throws Exception {
        DomainRouter router = new DomainRouter(List.of(new MinePipeline()));
        try (OneInputStreamOperatorTestHarness<Envelope, Envelope> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(router)) {
            h.processElement(of(EventType.MINE_READING, 1), 1);
            h.processElement(of(EventType.GAS_READING, 2), 2);
            assertEquals(1, side(h, router.domain(0)).size());
            List<DeadLetter> dead = deadLetters(h);
            assertEquals(1, dead.size());
            assertEquals("no-domain", dead.get(0).reason);
            assertEquals("type", dead.get(0).field);
            assertTrue(dead.get(0).detail.contains("'gas.reading'"), dead.get(0).detail);
            assertEquals("{\"type\":\"gas.reading\"}", dead.get(0).raw);
        }
    }

    @Test
    void theRouterFeedsOneConsumerPerDomainBesidesTheRulesAndTheDeadLetters() {
        // Flink offers each routed message to every consumer of every output of the router: the rule-aware
        // operators take the empty rules stream from one operator chained behind it, not each from the router
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        EarlyWarningJob.JobOutputs out = EarlyWarningJob.build(env.fromData("{}"), new JobSettings());
        out.alerts.sinkTo(new DiscardingSink<>());
        out.deadLetters.sinkTo(new DiscardingSink<>());
        StreamGraph graph = env.getStreamGraph();
        StreamNode router = graph.getStreamNodes().stream().filter(n -> n.getOperatorName().equals("by domain"))
                .findFirst().orElseThrow();
        List<String> consumers = new ArrayList<>();
        for (StreamEdge e : router.getOutEdges()) {
            consumers.add(graph.getStreamNode(e.getTargetId()).getOperatorName());
        }
        consumers.sort(null);
        assertEquals(List.of("Sink: Writer", "gas: points", "mine: sensors", "report: subjects", "rules: none",
                "vehicle: positions"), consumers);
    }
}
