package jilin.ew.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jilin.ew.pipeline.JobSettings;
import jilin.ew.sim.MixedSimConfig;
import jilin.ew.sim.MixedSimulator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded cluster of a local run ({@link LocalRun#configuration}): a large recording at parallelism 1 gets
 * 512 KiB network buffers, and enough network memory for what every task's buffer pool asks for, the handling
 * stage's included, so that Flink never has to share out fewer buffers than asked (and warn about it).
 */
class LocalRunConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void largeRecordingsAtParallelismOneGetLargeBuffersAndTheRestFlinksDefaults() {
        Configuration large = LocalRun.configuration(LocalRun.LARGE_RECORDING_BYTES, 1);
        assertEquals(MemorySize.parse("512kb"), large.get(TaskManagerOptions.MEMORY_SEGMENT_SIZE));
        assertEquals(large.get(TaskManagerOptions.NETWORK_MEMORY_MIN), large.get(TaskManagerOptions.NETWORK_MEMORY_MAX),
                "a fixed amount of network memory");
        for (Configuration c : new Configuration[] {
                LocalRun.configuration(LocalRun.LARGE_RECORDING_BYTES - 1, 1),
                LocalRun.configuration(LocalRun.LARGE_RECORDING_BYTES, 2),
                LocalRun.configuration(0, 1)}) {
            assertEquals(TaskManagerOptions.MEMORY_SEGMENT_SIZE.defaultValue(),
                    c.get(TaskManagerOptions.MEMORY_SEGMENT_SIZE), "Flink's default buffers");
            assertTrue(!c.contains(TaskManagerOptions.NETWORK_MEMORY_MAX), "Flink's default network memory");
        }
    }

    /**
     * Flink's {@code RequestedMemoryUsage} gauge (the buffers every pool may ask for, as a share of the network
     * memory), read while the job with the handling stage runs on a large recording's cluster: at most 100 %.
     */
    @Test
    void theNetworkMemoryCoversWhatEveryPoolAsksForWithTheHandlingStage() throws Exception {
        Path recording = dir.resolve("sim.jsonl");
        try (Writer w = Files.newBufferedWriter(recording, StandardCharsets.UTF_8)) {
            new MixedSimulator(MixedSimConfig.builder().build()).write(w);
        }
        Path commands = dir.resolve("commands.jsonl");
        Files.writeString(commands, "{\"type\":\"alert.command\",\"ts\":\"2026-06-10T08:06:20+08:00\",\"commandId\":"
                + "\"c-1\",\"action\":\"ACKNOWLEDGE\",\"actor\":\"duty.officer\",\"incidentId\":\"none\"}\n");
        InMemoryReporter reporter = InMemoryReporter.create();
        Configuration conf = reporter.addToConfiguration(LocalRun.configuration(LocalRun.LARGE_RECORDING_BYTES, 1));
        AtomicLong maxUsage = new AtomicLong(-1);
        AtomicInteger outputs = new AtomicInteger();
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(conf)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(1).build())) {
            cluster.start();
            TestStreamEnvironment.setAsContext(cluster, 1);
            try {
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
                LocalRun.run(env, LocalRun.jsonl(env, recording), LocalRun.jsonl(env, commands, "commands"),
                        new JobSettings(), "network memory", null, o -> {
                            // each output comes while the job runs, so every task's pool exists
                            outputs.incrementAndGet();
                            maxUsage.accumulateAndGet(requestedMemoryUsage(reporter), Math::max);
                        });
            } finally {
                TestStreamEnvironment.unsetAsContext();
            }
        }
        assertTrue(outputs.get() > 0, "the recording raises alerts");
        assertTrue(maxUsage.get() > 0, "the gauge was read while the job ran: " + maxUsage.get());
        assertTrue(maxUsage.get() <= 100, "the pools ask for " + maxUsage.get() + " % of the network memory");
    }

    private static long requestedMemoryUsage(InMemoryReporter reporter) {
        for (Map.Entry<MetricGroup, Map<String, Metric>> g : reporter.getMetricsByGroup().entrySet()) {
            Metric m = g.getValue().get("RequestedMemoryUsage");
            if (m instanceof Gauge<?> gauge && gauge.getValue() instanceof Number n) {
                return n.longValue();
            }
        }
        return -1;
    }
}
