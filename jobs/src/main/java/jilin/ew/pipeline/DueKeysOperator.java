package jilin.ew.pipeline;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jilin.ew.rules.RuleSet;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.operators.InternalTimer;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * Flink's keyed broadcast operator, plus a {@link DueKeys} queue its function schedules keys on: when a watermark
 * comes, every key due at or before it is handed to the function's {@code onTimer} (with the key current and the
 * due time as the timer's), earliest first, before the watermark's own timers fire and before it goes downstream;
 * exactly what an event-time timer per key would do, for less. The function's other timers stay Flink timers.
 */
public class DueKeysOperator<IN, OUT> extends CoBroadcastWithKeyedOperator<String, IN, RuleSet, OUT> {
    private static final long serialVersionUID = 1L;

    private final DueKeysFunction<IN, OUT> waiter;
    private transient DueKeys due;
    private transient DueTimer timer;

    public DueKeysOperator(DueKeysFunction<IN, OUT> function, List<MapStateDescriptor<?, ?>> broadcastStates) {
        super(function, broadcastStates);
        this.waiter = function;
    }

    /** {@code keyed} connected to {@code broadcast} and processed by {@code function} under this operator. */
    public static <IN, OUT> SingleOutputStreamOperator<OUT> process(KeyedStream<IN, String> keyed,
                                                                    BroadcastStream<RuleSet> broadcast,
                                                                    DueKeysFunction<IN, OUT> function,
                                                                    TypeInformation<OUT> type) {
        DataStream<RuleSet> rules = new DataStream<>(keyed.getExecutionEnvironment(), broadcast.getTransformation());
        DueKeysFunction<IN, OUT> clean = keyed.getExecutionEnvironment().clean(function);
        return keyed.connect(rules).transform("Co-Process-Broadcast-Keyed", type,
                new DueKeysOperator<>(clean, broadcast.getBroadcastStateDescriptors()));
    }

    @Override
    public void open() throws Exception {
        super.open();
        due = new DueKeys();
        timer = new DueTimer();
        waiter.attach(due);
        // restored: what waits is in the keyed state, the queue is not checkpointed
        List<String> keys;
        String waiting = waiter.waitingState();
        try (Stream<String> s = this.<String>getKeyedStateBackend().getKeys(waiting, VoidNamespace.INSTANCE)) {
            keys = s.collect(Collectors.toList());
        }
        for (String key : keys) {
            setCurrentKey(key);
            waiter.requeue(key);
        }
    }

    /** How many keys are due (waiting for the watermark). */
    public int dueKeys() {
        return due.size();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        long time = mark.getTimestamp();
        due.advanceTo(time);
        for (int slot = due.poll(time); slot >= 0; slot = due.poll(time)) {
            String key = due.key(slot);
            setCurrentKey(key);
            timer.key = key;
            timer.timestamp = due.dueAt(slot);
            onEventTime(timer);
        }
        super.processWatermark(mark);
    }

    /** The due key as the function's timer context sees it (reused: the context lets it go after each call). */
    private static final class DueTimer implements InternalTimer<String, VoidNamespace> {
        String key;
        long timestamp;

        @Override
        public long getTimestamp() {
            return timestamp;
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public VoidNamespace getNamespace() {
            return VoidNamespace.INSTANCE;
        }

        @Override
        public int comparePriorityTo(InternalTimer<?, ?> other) {
            return Long.compare(timestamp, other.getTimestamp());
        }
    }
}
