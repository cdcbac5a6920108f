package jilin.ew.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jilin.ew.alert.Detection;
import jilin.ew.ingest.Outputs;
import jilin.ew.pipeline.DueKeys;
import jilin.ew.pipeline.DueKeysFunction;
import jilin.ew.pipeline.DueKeysOperator;
import jilin.ew.rules.RuleAwareFunction;
import jilin.ew.rules.RuleBroadcast;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.DecodeResult;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.WireCodec;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.AbstractBroadcastStreamOperatorTestHarness;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;

/**
 * Helpers for driving the keyed domain functions in Flink's operator test harnesses: wire messages decoded by
 * the real codec, the functions keyed by subject with the rule-set broadcast, and what is left in keyed state.
 */
public final class Harnesses {
    private static final WireCodec CODEC = new WireCodec();

    private Harnesses() {}

    /** The envelope the job's decoder makes of a wire message; fails the test if it is not a valid one. */
    public static Envelope envelope(String raw) {
        DecodeResult r = CODEC.decode(raw);
        if (!r.isOk()) {
            throw new AssertionError("not a valid message (" + r.deadLetter.reason + ", " + r.deadLetter.detail
                    + "): " + raw);
        }
        return r.event;
    }

    /**
     * A domain function keyed by subject id with the rule-set broadcast, as the domain pipelines wire it; opened,
     * with event time the data's alone ({@link #dataTimeOnly}).
     */
    public static KeyedBroadcastOperatorTestHarness<String, Envelope, RuleSet, Detection> bySubject(
            RuleAwareFunction<Envelope, Detection> function) throws Exception {
        if (function instanceof DueKeysFunction<Envelope, Detection> waiting) {
            return restored(waiting, null);
        }
        return dataTimeOnly(ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(function,
                Envelope::subjectId, Types.STRING, RuleBroadcast.DESCRIPTOR));
    }

    /**
     * {@link #bySubject} for a function whose readings wait under {@link DueKeys}, restored from {@code snapshot}
     * (none: fresh), opened, event time the data's alone.
     */
    public static KeyedBroadcastOperatorTestHarness<String, Envelope, RuleSet, Detection> restored(
            DueKeysFunction<Envelope, Detection> function, OperatorSubtaskState snapshot) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, Envelope, RuleSet, Detection> h =
                new KeyedBroadcastOperatorTestHarness<>(new DueKeysOperator<>(function,
                        List.of(RuleBroadcast.DESCRIPTOR)), Envelope::subjectId, Types.STRING, 1, 1, 0);
        if (snapshot != null) {
            h.initializeState(snapshot);
        }
        h.open();
        return dataTimeOnly(h);
    }

    /** How many keys wait under the harness's {@link DueKeys} (the work an event-time timer per key would be). */
    public static int dueKeys(AbstractStreamOperatorTestHarness<?> h) {
        return ((DueKeysOperator<?, ?>) h.getOperator()).dueKeys();
    }

    /**
     * The job takes the rules stream out of the watermark (RuleBroadcast marks it idle), so a rule-aware operator's
     * event time is the data's; the harness holds the broadcast input at Long.MIN_VALUE instead, which would keep
     * every timer from firing. A broadcast watermark at the end of time leaves the data's watermark in charge.
     */
    public static <H extends AbstractBroadcastStreamOperatorTestHarness<?, ?, ?>> H dataTimeOnly(H h)
            throws Exception {
        h.processBroadcastWatermark(Long.MAX_VALUE);
        return h;
    }

    /** Sends a wire message at its own event time; returns its envelope. */
    public static Envelope send(KeyedBroadcastOperatorTestHarness<String, Envelope, RuleSet, Detection> h, String raw)
            throws Exception {
        Envelope e = envelope(raw);
        h.processElement(new StreamRecord<>(e, e.ts));
        return e;
    }

    /** The main output's detections, keep-alives left out. */
    public static List<Detection> detections(AbstractStreamOperatorTestHarness<Detection> h) {
        return h.extractOutputValues().stream().filter(d -> !d.keepAlive).collect(Collectors.toList());
    }

    /** "RULE LEVEL SUBJECT" of each detection (a clear is prefixed CLEAR), in output order. */
    public static List<String> summary(AbstractStreamOperatorTestHarness<Detection> h) {
        return detections(h).stream().map(d -> (d.clear ? "CLEAR " : "") + d.ruleId + " " + d.baseLevel + " "
                + d.subjectId).collect(Collectors.toList());
    }

    /** What went to a side output, in order. */
    public static <T> List<T> side(AbstractStreamOperatorTestHarness<?> h, OutputTag<T> tag) {
        List<T> out = new ArrayList<>();
        if (h.getSideOutput(tag) != null) {
            for (StreamRecord<T> r : h.getSideOutput(tag)) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    /** The dead letters, in order. */
    public static List<DeadLetter> deadLetters(AbstractStreamOperatorTestHarness<?> h) {
        return side(h, Outputs.DEAD_LETTERS);
    }

    /** Keyed state entries over every key and state of the operator (heap backend, as the harness runs). */
    public static int keyedStateEntries(AbstractStreamOperatorTestHarness<?> h) {
        KeyedStateBackend<Object> backend = h.getOperator().getKeyedStateBackend();
        return ((HeapKeyedStateBackend<?>) backend).numKeyValueStateEntries();
    }

    /** The keys that hold a value of the named keyed state (its descriptor's name). */
    public static Set<String> keysWith(AbstractStreamOperatorTestHarness<?> h, String stateName) {
        KeyedStateBackend<Object> backend = h.getOperator().getKeyedStateBackend();
        try (Stream<Object> keys = backend.getKeys(stateName, VoidNamespace.INSTANCE)) {
            return keys.map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
