package jilin.ew.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jilin.ew.schema.DeadLetter;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.client.JobCancellationException;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** A local run's outputs reach the reader whole and in order, a failed job fails the reader, closing cancels. */
class LocalOutputsTest {
    private static DataStream<JobOutput> numbered(StreamExecutionEnvironment env, long n, long failAt) {
        return env.fromSequence(1, n).map(i -> {
            if (i == failAt) {
                throw new IllegalArgumentException("bad output " + i);
            }
            return JobOutput.of(DeadLetter.of("test", "n", "#" + i, "{}", i));
        }).returns(JobOutput.class).name("numbered");
    }

    @Test
    void everyOutputArrivesInOrderWhileTheReaderLags() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        int n = 3 * LocalOutputs.CAPACITY + 17;
        List<String> got = new ArrayList<>();
        try (LocalOutputs it = LocalOutputs.start(env, Map.of("numbers", numbered(env, n, -1)), "order")) {
            while (it.hasNext()) {
                got.add(it.next().deadLetter.detail);
                if (got.size() == 1) {
                    Thread.sleep(1000); // the job fills the queue meanwhile and has to wait for room
                }
            }
        }
        assertEquals(n, got.size());
        for (int i = 0; i < n; i++) {
            assertEquals("#" + (i + 1), got.get(i), "output " + i);
        }
    }

    @Test
    void aFailedJobFailsTheReader() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        try (LocalOutputs it = LocalOutputs.start(env, Map.of("numbers", numbered(env, 1000, 500)), "failing")) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
                while (it.hasNext()) {
                    it.next();
                }
            });
            boolean named = false;
            for (Throwable t = e; t != null; t = t.getCause()) {
                named |= String.valueOf(t.getMessage()).contains("bad output 500");
            }
            assertTrue(named, "the job's own failure reaches the reader: " + e);
        }
    }

    @Test
    void closingCancelsTheJob() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        LocalOutputs it = LocalOutputs.start(env, Map.of("numbers", numbered(env, Long.MAX_VALUE, -1)),
                "endless");
        assertTrue(it.hasNext());
        assertEquals("#1", it.next().deadLetter.detail);
        it.close();
        assertFalse(it.hasNext(), "nothing follows a close");
        // the job ends, cancelled (a job still running would time this out and fail the test)
        Throwable ended = it.client().getJobExecutionResult().handle((r, t) -> t).get(60, TimeUnit.SECONDS);
        boolean cancelled = false;
        for (Throwable t = ended; t != null; t = t.getCause()) {
            cancelled |= t instanceof JobCancellationException;
        }
        assertTrue(cancelled, "the job was cancelled: " + ended);
    }
}
