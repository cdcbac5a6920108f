package jilin.ew.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jilin.ew.job.LocalRun;
import jilin.ew.sim.MixedSimConfig;
import jilin.ew.sim.MixedSimulator;
import jilin.ew.testing.AlertLines;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} is deterministic: the same recording (six simulated hours of mines, gas networks and key
 * vehicles, every scenario injected) replayed twice gives byte-identical alert files, {@code emittedAt} aside, at
 * parallelism 1 and at 2, and the two parallelisms give the same file too.
 */
class ReplayDeterminismTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    static Path dir;
    static Path recording;

    @BeforeAll
    static void record() throws Exception {
        recording = dir.resolve("sim.jsonl");
        try (Writer w = Files.newBufferedWriter(recording, StandardCharsets.UTF_8)) {
            new MixedSimulator(MixedSimConfig.builder().build()).write(w);
        }
    }

    private static List<String> replay(int parallelism, String name) throws Exception {
        Path out = dir.resolve(name + ".jsonl");
        int code = EarlyWarningCli.commandLine().execute("replay", "--input", recording.toString(),
                "--output", out.toString(), "--dead-letter", dir.resolve(name + "-dead.jsonl").toString(),
                "--parallelism", String.valueOf(parallelism));
        assertEquals(0, code, "replay exit code");
        return Files.readAllLines(out, StandardCharsets.UTF_8).stream().map(AlertLines::withoutEmittedAt)
                .collect(Collectors.toList());
    }

    private static void assertAllDomains(List<String> lines) {
        for (String domain : List.of("MINE", "GAS_NETWORK", "VEHICLE")) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"domain\":\"" + domain + "\"")),
                    "the recording raises " + domain + " alerts");
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"inhibited\":true")),
                "the recording has inhibited sensor alerts (the race this guards against)");
    }

    @Test
    void sameRecordingSameAlertFilesAtParallelismOneAndTwo() throws Exception {
        List<String> p1a = replay(1, "p1a");
        List<String> p1b = replay(1, "p1b");
        assertAllDomains(p1a);
        assertSame(p1a, p1b, "two replays at parallelism 1");
        List<String> p2a = replay(2, "p2a");
        List<String> p2b = replay(2, "p2b");
        assertSame(p2a, p2b, "two replays at parallelism 2");
        assertSame(p1a, p2a, "parallelism 1 and 2");
    }

    /**
     * A large recording's embedded cluster at parallelism 1 ({@link LocalRun#configuration}: 512 KiB network buffers)
     * gives the same alert file as Flink's default buffers (the configuration itself: {@code
     * LocalRunConfigurationTest}).
     */
    @Test
    void largeRecordingsNetworkBuffersGiveTheSameAlertFile() throws Exception {
        Configuration large = LocalRun.configuration(LocalRun.LARGE_RECORDING_BYTES, 1);
        List<String> expected = replay(1, "default-buffers");
        assertAllDomains(expected);
        try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(large)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(1).build())) {
            cluster.start();
            TestStreamEnvironment.setAsContext(cluster, 1);
            try {
                assertSame(expected, replay(1, "large-buffers"), "default and large network buffers");
            } finally {
                TestStreamEnvironment.unsetAsContext();
            }
        }
    }

    /** Equal lists; else a message with the lines only one of them has (the full files are long). */
    private static void assertSame(List<String> a, List<String> b, String what) {
        if (!a.equals(b)) {
            List<String> onlyA = a.stream().filter(l -> !b.contains(l)).collect(Collectors.toList());
            List<String> onlyB = b.stream().filter(l -> !a.contains(l)).collect(Collectors.toList());
            assertEquals(a, b, what + ": " + a.size() + " and " + b.size() + " lines; only in the first:\n"
                    + String.join("\n", onlyA) + "\nonly in the second:\n" + String.join("\n", onlyB)
                    + "\n(otherwise in another order)");
        }
    }
}
