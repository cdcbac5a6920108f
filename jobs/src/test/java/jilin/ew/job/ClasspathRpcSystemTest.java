package jilin.ew.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jilin.ew.pipeline.JobSettings;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.rpc.RpcSystem;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With Flink's Pekko RPC system on the class path, as {@code bin/early-warning} puts it, the embedded cluster runs on
 * it from there ({@link ClasspathRpcSystemLoader}) and a replay raises its alert; without it, Flink's own loader
 * serves, as in the tests and on a cluster. Each in a JVM of its own, since the class path is what differs.
 */
class ClasspathRpcSystemTest {
    /** Unpacked by the build before the tests (jobs/pom.xml, execution rpc-system). */
    private static final Path RPC_JAR = Path.of("target", "rpc", "flink-rpc-akka.jar");

    @TempDir
    Path dir;

    @Test
    void theEmbeddedClusterRunsOnTheRpcSystemFromTheClassPath() throws Exception {
        assertTrue(Files.isRegularFile(RPC_JAR), RPC_JAR + " is missing: the build unpacks it (mvn verify)");
        String out = probe(RPC_JAR.toAbsolutePath() + File.pathSeparator + classPath());
        assertTrue(out.contains("rpc system: org.apache.flink.runtime.rpc.pekko.PekkoRpcSystem from the class path"),
                out);
        assertTrue(out.contains("alert: MINE_CH4_ALARM YELLOW NEW LY001-WF1-T1"), out);
    }

    @Test
    void withoutItFlinksOwnLoaderServes() throws Exception {
        String out = probe(classPath());
        assertTrue(out.contains("rpc system: org.apache.flink.runtime.rpc.CleanupOnCloseRpcSystem"), out);
        assertTrue(out.contains("alert: MINE_CH4_ALARM YELLOW NEW LY001-WF1-T1"), out);
    }

    /** The test class path without Scala 2.13 (the Kafka broker's), which the RPC system's own Scala must not meet. */
    private static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> !e.matches(".*(scala-|kafka_2\\.13|scala-logging).*"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private String probe(String classPath) throws Exception {
        Path input = dir.resolve("in.jsonl");
        Files.write(input, List.of(
                "{\"type\":\"mine.reading\",\"ts\":\"2026-03-20T23:00:00+08:00\",\"sensorId\":\"LY001-WF1-T1\",\"value\":0.31}",
                "{\"type\":\"mine.reading\",\"ts\":\"2026-03-20T23:00:30+08:00\",\"sensorId\":\"LY001-WF1-T1\",\"value\":1.2}"),
                StandardCharsets.UTF_8);
        Path log = dir.resolve("probe-" + System.nanoTime() + ".log");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "-Dlog4j2.configurationFile=log4j2-test.properties", "-cp", classPath, Probe.class.getName(),
                input.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "probe did not finish");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** Loads the RPC system as Flink's embedded cluster does, then replays a file and prints its alerts. */
    public static final class Probe {
        public static void main(String[] args) throws Exception {
            RpcSystem rpc = RpcSystem.load(new Configuration());
            boolean fromClassPath = rpc.getClass().getClassLoader() == Probe.class.getClassLoader();
            System.out.println("rpc system: " + rpc.getClass().getName() + (fromClassPath ? " from the class path" : ""));
            rpc.close();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            LocalRun.run(env, LocalRun.jsonl(env, Path.of(args[0])), new JobSettings(), "rpc probe", o -> {
                if (o.alert != null) {
                    System.out.println("alert: " + o.alert.ruleId + " " + o.alert.level + " " + o.alert.status + " "
                            + o.alert.subjectId);
                }
            });
        }
    }
}
