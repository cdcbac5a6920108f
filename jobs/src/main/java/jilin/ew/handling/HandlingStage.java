package jilin.ew.handling;

import java.time.Duration;
import jilin.ew.ingest.Outputs;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.Alert;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Handling;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/** Wires the handling operator after the alert lifecycle: commands decoded and timed, keyed and broadcast. */
public final class HandlingStage {
    private HandlingStage() {}

    /** What the stage puts out. */
    public static final class Result {
        /** Every lifecycle message, with the escalations among them. */
        public final DataStream<Alert> alerts;
        public final DataStream<Alert> notifications;
        public final DataStream<Handling> handling;
        /** Commands that could not be decoded or applied. */
        public final DataStream<DeadLetter> deadLetters;

        Result(DataStream<Alert> alerts, DataStream<Alert> notifications, DataStream<Handling> handling,
               DataStream<DeadLetter> deadLetters) {
            this.alerts = alerts;
            this.notifications = notifications;
            this.handling = handling;
            this.deadLetters = deadLetters;
        }
    }

    /**
     * How far behind the watermark the lifecycle's messages may come off live: it sends each alert once the watermark
     * passes it, a late detection's alert keeping its own time, within the out-of-orderness bound; plus the second
     * its clear timers round up to and a watermark step. Generous on purpose: waiting costs only event time.
     */
    static long lateMs(Duration outOfOrderness) {
        return outOfOrderness.toMillis() + 2000;
    }

    /**
     * {@code ordered}: off live (event time: the handling waits for all commands, then follows the alert stream's
     * watermark, {@link #lateMs} behind it); otherwise live (processing time; the commands' watermark bounded by
     * {@code outOfOrderness}, idle after {@code idleness}, keeps the outputs' event time moving). {@code commandsTimed}:
     * off live, the commands come with watermarks of their own in step with the input (the demo), which the handling
     * follows instead of waiting for the commands to end.
     */
    public static Result build(DataStream<Alert> lifecycle, DataStream<String> rawCommands, RuleSet rules,
                               boolean ordered, boolean commandsTimed, Duration outOfOrderness, Duration idleness) {
        // commands are few: decoded and split at their source's parallelism (chained to it), so every handling
        // instance gets them in the order they were written (a SILENCE before its EXPIRE) at any parallelism
        int p = rawCommands.getParallelism();
        SingleOutputStreamOperator<HandlingInput> decoded = rawCommands
                .process(new CommandDecodeFunction(), TypeInformation.of(HandlingInput.class))
                .name("decode commands").uid("decode-commands").setParallelism(p);
        // off live the commands carry no watermark: the handling's time waits until every command is read (a bounded
        // file), so none comes after the time it was given at, whichever source runs first; live, time is the clock's
        WatermarkStrategy<HandlingInput> commandTime = ordered
                ? WatermarkStrategy.<HandlingInput>noWatermarks().withTimestampAssigner((c, t) -> c.ts())
                : WatermarkStrategy.<HandlingInput>forBoundedOutOfOrderness(outOfOrderness)
                        .withTimestampAssigner((c, t) -> c.ts()).withIdleness(idleness);
        SingleOutputStreamOperator<HandlingInput> timed = ordered && commandsTimed
                ? decoded.transform("command time", TypeInformation.of(HandlingInput.class), new CommandTime())
                        .uid("command-time").setParallelism(p)
                : decoded.assignTimestampsAndWatermarks(commandTime).name("command time").uid("command-time")
                        .setParallelism(p);
        DataStream<HandlingInput> keyedCommands = timed.filter(i -> !i.broadcast())
                .name("incident commands").uid("incident-commands").setParallelism(p);
        // each alert message, and word to the incidents it absorbed (those may be under another key); off live also
        // the alert stream's time, to every instance
        SingleOutputStreamOperator<HandlingInput> alerts = lifecycle.transform("alerts to handling",
                TypeInformation.of(HandlingInput.class), new AlertClock(ordered)).uid("alerts-to-handling");
        BroadcastStream<HandlingInput> silences = timed.filter(HandlingInput::broadcast)
                .name("silence commands").uid("silence-commands").setParallelism(p)
                .union(alerts.getSideOutput(AlertClock.TIME))
                .broadcast(HandlingFunction.SILENCES, HandlingFunction.ALERT_TIME);
        SingleOutputStreamOperator<Alert> handled = alerts.union(keyedCommands)
                .keyBy(HandlingInput::key, Types.STRING)
                .connect(silences)
                .process(new HandlingFunction(rules, ordered, ordered ? lateMs(outOfOrderness) : 0),
                        TypeInformation.of(Alert.class))
                .name("alert handling").uid("alert-handling");
        return new Result(handled, handled.getSideOutput(HandlingOutputs.NOTIFICATIONS),
                handled.getSideOutput(HandlingOutputs.HANDLING),
                decoded.getSideOutput(Outputs.DEAD_LETTERS).union(handled.getSideOutput(Outputs.DEAD_LETTERS)));
    }

    /** Stamps each command with its time and passes the stream's own watermarks on (see {@code commandsTimed}). */
    static final class CommandTime extends AbstractStreamOperator<HandlingInput>
            implements OneInputStreamOperator<HandlingInput, HandlingInput> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processElement(StreamRecord<HandlingInput> r) {
            output.collect(r.replace(r.getValue(), r.getValue().ts()));
        }
    }
}
