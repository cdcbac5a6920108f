package jilin.ew.cli;

import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import jilin.ew.kafka.RawEventTime;
import jilin.ew.schema.Command;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * The demo's command channel: what its board's users do reaches the embedded job in the same JVM, as the command
 * topic carries it to the live job. The simulated source takes each command in between its own messages and stamps
 * it with the simulated time it has reached (the demo's clock runs faster than the wall clock, and the job handles
 * commands in event time off live).
 */
final class DemoCommands {
    private static final Map<String, Queue<Command>> INBOXES = new ConcurrentHashMap<>();

    private DemoCommands() {}

    /** A new inbox; its id travels with the (serialized) source. */
    static String open() {
        String id = UUID.randomUUID().toString();
        INBOXES.put(id, new ConcurrentLinkedQueue<>());
        return id;
    }

    static void close(String id) {
        INBOXES.remove(id);
    }

    /** Hands a command to the job; false when the demo has ended. */
    static boolean offer(String id, Command c) {
        Queue<Command> q = INBOXES.get(id);
        return q != null && q.offer(c);
    }

    /** The next waiting command, or null. */
    static Command poll(String id) {
        Queue<Command> q = id == null ? null : INBOXES.get(id);
        return q == null ? null : q.poll();
    }

    /** Whether a line of the simulated source is a command (the source writes them with their type first). */
    static boolean isCommand(String line) {
        return line.startsWith("{\"type\":\"" + Command.TYPE + "\"");
    }

    /**
     * The commands among the source's lines, with watermarks that follow the simulated messages between them (their
     * newest event time less the out-of-orderness bound): the handling then keeps pace with the alerts, where a
     * command stream of its own would hold it back until the demo ends.
     */
    static final class Clock extends AbstractStreamOperator<String> implements OneInputStreamOperator<String, String> {
        private static final long serialVersionUID = 1L;
        private final long outOfOrdernessMs;
        private long newest = Long.MIN_VALUE;
        private long emitted = Long.MIN_VALUE;

        Clock(long outOfOrdernessMs) {
            this.outOfOrdernessMs = outOfOrdernessMs;
        }

        @Override
        public void processElement(StreamRecord<String> r) {
            String line = r.getValue();
            if (isCommand(line)) {
                output.collect(r);
                return;
            }
            long ts = RawEventTime.of(line);
            if (ts != Long.MIN_VALUE && ts > newest) {
                newest = ts;
                // a watermark a second at most: the demo's messages are many, its commands few
                if (newest - outOfOrdernessMs >= emitted + 1000) {
                    emitted = newest - outOfOrdernessMs;
                    output.emitWatermark(new Watermark(emitted));
                }
            }
        }
    }
}
