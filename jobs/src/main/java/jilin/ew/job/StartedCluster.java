package jilin.ew.job;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.apache.flink.api.dag.Pipeline;
import org.apache.flink.client.ClientUtils;
import org.apache.flink.client.deployment.executors.PipelineExecutorUtils;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.PipelineExecutor;
import org.apache.flink.core.execution.PipelineExecutorFactory;
import org.apache.flink.core.execution.PipelineExecutorServiceLoader;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * The embedded cluster of one local run, started on a thread of its own before the job is built, so that its
 * start-up (half a second of a short replay) runs beside the command's own work: the options, the settings and the job
 * graph (docs/performance.md, time to the first message). The job runs on it as Flink's local executor would run it
 * on a cluster of its own, which is shut down when the job ends ({@link #close} shuts it down if no job came).
 */
public final class StartedCluster implements AutoCloseable {
    private static final String TARGET = "started-cluster";

    private final Configuration configuration;
    private final CompletableFuture<MiniCluster> cluster;
    private volatile boolean submitted;

    private StartedCluster(Configuration configuration, int parallelism) {
        this.configuration = configuration;
        MiniClusterConfiguration c = clusterConfiguration(configuration, parallelism);
        this.cluster = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                MiniCluster m = new MiniCluster(c);
                m.start();
                cluster.complete(m);
            } catch (Throwable t) {
                cluster.completeExceptionally(t);
            }
        }, "embedded cluster start");
        starter.setDaemon(true);
        starter.start();
    }

    /**
     * Starts the cluster of a local run over {@code recordingBytes} of recording at {@code parallelism} ({@link
     * LocalRun#configuration}); null inside a test's or a cluster's context, whose environment the run takes instead.
     */
    public static StartedCluster startFor(long recordingBytes, int parallelism) {
        Configuration conf = LocalRun.configuration(recordingBytes, parallelism);
        if (StreamExecutionEnvironment.getExecutionEnvironment(conf).getClass() != LocalStreamEnvironment.class) {
            return null;
        }
        return new StartedCluster(conf, parallelism);
    }

    /** An environment whose job runs on this cluster. */
    public StreamExecutionEnvironment environment() {
        Configuration conf = new Configuration(configuration);
        conf.set(DeploymentOptions.TARGET, TARGET);
        conf.set(DeploymentOptions.ATTACHED, true);
        return new StreamExecutionEnvironment(new Loader(), conf, Thread.currentThread().getContextClassLoader());
    }

    /** Shuts the cluster down unless a job was submitted to it (the job's end does that). */
    @Override
    public void close() {
        if (!submitted) {
            cluster.thenAccept(MiniCluster::closeAsync);
        }
    }

    /** As Flink's per-job embedded cluster: one slot per parallel instance, random ports, one RPC service. */
    private static MiniClusterConfiguration clusterConfiguration(Configuration conf, int parallelism) {
        Configuration c = new Configuration(conf);
        if (!c.contains(RestOptions.BIND_PORT)) {
            c.set(RestOptions.BIND_PORT, "0");
        }
        int taskManagers = c.get(TaskManagerOptions.MINI_CLUSTER_NUM_TASK_MANAGERS);
        return new MiniClusterConfiguration.Builder()
                .setConfiguration(c)
                .setNumTaskManagers(taskManagers)
                .setRpcServiceSharing(RpcServiceSharing.SHARED)
                .setNumSlotsPerTaskManager(c.getOptional(TaskManagerOptions.NUM_TASK_SLOTS)
                        .orElse((parallelism + taskManagers - 1) / taskManagers))
                .build();
    }

    private CompletableFuture<JobClient> submit(Pipeline pipeline, Configuration conf, ClassLoader loader)
            throws Exception {
        StreamGraph graph = PipelineExecutorUtils.getStreamGraph(pipeline, conf);
        MiniCluster m = cluster.get();
        submitted = true;
        return m.submitJob(graph)
                .thenApplyAsync(r -> {
                    try {
                        ClientUtils.waitUntilJobInitializationFinished(() -> m.getJobStatus(r.getJobID()).get(),
                                () -> m.requestJobResult(r.getJobID()).get(), loader);
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                    return (JobClient) new MiniClusterJobClient(r.getJobID(), m, loader,
                            MiniClusterJobClient.JobFinalizationBehavior.SHUTDOWN_CLUSTER);
                })
                .whenComplete((c, failed) -> {
                    if (failed != null) {
                        m.closeAsync();
                    }
                });
    }

    /** Hands the environment this cluster's executor. */
    private final class Loader implements PipelineExecutorServiceLoader, PipelineExecutorFactory {
        @Override
        public PipelineExecutorFactory getExecutorFactory(Configuration conf) {
            return this;
        }

        @Override
        public Stream<String> getExecutorNames() {
            return Stream.of(TARGET);
        }

        @Override
        public String getName() {
            return TARGET;
        }

        @Override
        public boolean isCompatibleWith(Configuration conf) {
            return TARGET.equals(conf.get(DeploymentOptions.TARGET));
        }

        @Override
        public PipelineExecutor getExecutor(Configuration conf) {
            return StartedCluster.this::submit;
        }
    }
}
