package jilin.ew.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;

class StringKeySerializerTest {

    /** Keys cannot migrate: the bytes must be Flink's own, for every length and character range. */
    @Test
    void writesTheBytesOfFlinksStringSerializer() throws Exception {
        List<String> keys = new ArrayList<>(List.of("", "BG-1", "LY001", "LY001/MINE_CH4_ALARM/LY001-CH4-07",
                "长春燃气-站03", "\u007f\u0080\u3fff\u4000\uffff", "a".repeat(126), "b".repeat(127), "c".repeat(16_383),
                "d".repeat(16_384)));
        for (String k : keys) {
            DataOutputSerializer flink = new DataOutputSerializer(64);
            StringSerializer.INSTANCE.serialize(k, flink);
            DataOutputSerializer own = new DataOutputSerializer(64);
            new StringKeySerializer().serialize(k, own);
            assertArrayEquals(flink.getCopyOfBuffer(), own.getCopyOfBuffer(), "bytes of a key of " + k.length() + " chars");
            assertEquals(k, StringSerializer.INSTANCE.deserialize(new DataInputDeserializer(own.getCopyOfBuffer())));
            assertEquals(k, new StringKeySerializer().deserialize(new DataInputDeserializer(flink.getCopyOfBuffer())));
        }
    }

    @Test
    void stateAndTimersKeyedByFlinksStringSerializerRestore() throws Exception {
        OperatorSubtaskState saved;
        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> before = harness(Types.STRING)) {
            before.open();
            before.processElement(new StreamRecord<>("LY001-CH4-07", 1));
            before.processElement(new StreamRecord<>("长春燃气-站03", 2));
            before.processElement(new StreamRecord<>("LY001-CH4-07", 3));
            saved = before.snapshot(1, 10);
        }
        assertTrue(new StringKeySerializer.Snapshot()
                .resolveSchemaCompatibility(StringSerializer.INSTANCE.snapshotConfiguration()).isCompatibleAsIs());
        try (KeyedOneInputStreamOperatorTestHarness<String, String, String> after = harness(StringKeySerializer.TYPE)) {
            after.initializeState(saved);
            after.open();
            after.processElement(new StreamRecord<>("LY001-CH4-07", 4));
            after.processElement(new StreamRecord<>("长春燃气-站03", 5));
            after.processWatermark(1_000);
            List<String> out = after.extractOutputValues();
            assertEquals(List.of("LY001-CH4-07 seen 3 times", "长春燃气-站03 seen 2 times"), out.subList(0, 2));
            // the timers set before the snapshot fire once each, under their own keys (order among equal times is
            // the queue's)
            assertEquals(java.util.Set.of("LY001-CH4-07 timer at 1000", "长春燃气-站03 timer at 1000"),
                    new java.util.HashSet<>(out.subList(2, out.size())));
            assertEquals(4, out.size());
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, String, String> harness(TypeInformation<String> key)
            throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new Count()), k -> k, key);
    }

    /** Counts each key's messages in keyed state and sets a timer per key. */
    static final class Count extends KeyedProcessFunction<String, String, String> {
        private transient ValueState<Integer> seen;

        @Override
        public void open(OpenContext ctx) {
            seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.INT));
        }

        @Override
        public void processElement(String k, Context ctx, Collector<String> out) throws Exception {
            int n = seen.value() == null ? 1 : seen.value() + 1;
            seen.update(n);
            ctx.timerService().registerEventTimeTimer(1_000);
            out.collect(k + " seen " + n + " times");
        }

        @Override
        public void onTimer(long t, OnTimerContext ctx, Collector<String> out) {
            out.collect(ctx.getCurrentKey() + " timer at " + t);
        }
    }
}
