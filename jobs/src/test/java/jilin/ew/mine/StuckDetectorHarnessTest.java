package jilin.ew.mine;

import static jilin.ew.testing.Harnesses.send;
import static jilin.ew.testing.Harnesses.side;
import static jilin.ew.testing.Harnesses.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import jilin.ew.alert.Detection;
import jilin.ew.rules.Reference;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSets;
import jilin.ew.schema.Envelope;
import jilin.ew.testing.Harnesses;
import jilin.ew.testing.Msg;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StuckDetector} in Flink's keyed operator harness, keyed by district, fed the STUCK / VARY / UNSTUCK signals
 * the sensor function really derives from readings (its own harness): signals wait for the watermark under timers,
 * are handled in event-time order whatever order they arrive in, and leave one timestamp per varying sensor.
 */
class StuckDetectorHarnessTest {
    static final String T1 = "LY001-WF1-T1";
    static final String T0 = "LY001-WF1-T0";
    static final String DISTRICT = "LY001/WF1";
    /** The rule's duration (default rule set: 30 min). */
    static final long STUCK_SEC = 1800;
    static final Set<String> KINDS = Set.of("STUCK", "VARY", "UNSTUCK"); // what MinePipeline routes to the detector

    RuleSet rules;
    KeyedOneInputStreamOperatorTestHarness<String, MineSignal, Detection> h;

    @BeforeEach
    void open() throws Exception {
        rules = RuleSets.defaults();
        h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new StuckDetector(rules, Reference.classpath()),
                s -> s.districtKey, Types.STRING);
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    /** The stuck-check signals the sensor function derives from the feed, once the watermark has passed it all. */
    List<MineSignal> signals(MineFeed feed, long untilSec) throws Exception {
        try (KeyedBroadcastOperatorTestHarness<String, Envelope, RuleSet, Detection> sensors =
                     Harnesses.bySubject(new MineSensorFunction(rules, Reference.classpath()))) {
            for (String m : feed.messages()) {
                send(sensors, m);
            }
            sensors.processWatermark(Msg.epochMs(untilSec));
            return side(sensors, MineSensorFunction.SIGNALS).stream().filter(s -> KINDS.contains(s.kind().name())).toList();
        }
    }

    void in(List<MineSignal> signals) throws Exception {
        for (MineSignal s : signals) {
            h.processElement(s, s.ts);
        }
    }

    /** T1 repeats 0.30 % from 0 s for the rule's duration while T0 of its district varies. */
    static MineFeed stuckWhileTheDistrictVaries() {
        return new MineFeed().series(T1, 0, STUCK_SEC, t -> 0.30).normal(T0, 0, STUCK_SEC);
    }

    @Test
    void aSensorStuckWhileItsDistrictVariesIsAlertedOnceTheWatermarkPassesAndLeavesNoTimer() throws Exception {
        List<MineSignal> signals = signals(stuckWhileTheDistrictVaries(), STUCK_SEC);
        assertTrue(signals.stream().anyMatch(s -> s.is(MineSignal.Kind.STUCK) && s.sensorId.equals(T1)), signals.toString());
        in(signals);
        assertEquals(List.of(), summary(h), "signals wait for the watermark");
        assertTrue(h.numEventTimeTimers() > 0);
        h.processWatermark(Msg.epochMs(STUCK_SEC) - 1);
        assertEquals(List.of(), summary(h));
        h.processWatermark(Msg.epochMs(STUCK_SEC));
        assertEquals(List.of("MINE_SENSOR_STUCK BLUE " + T1), summary(h));
        Detection d = h.extractOutputValues().get(0);
        assertEquals(Msg.epochMs(0), d.firstEventTs, "stuck since its value last changed");
        assertEquals(Msg.epochMs(STUCK_SEC), d.eventTs);
        assertTrue(d.holdOpen, "open until the sensor varies again");
        assertEquals(0, h.numEventTimeTimers());
        assertEquals(1, h.numKeyedStateEntries(), "only the district's last-vary times; no signal waits");
    }

    @Test
    void theOrderSignalsArriveInDoesNotDecide() throws Exception {
        List<MineSignal> reversed = new ArrayList<>(signals(stuckWhileTheDistrictVaries(), STUCK_SEC));
        Collections.reverse(reversed); // as another thread may deliver them: the reverse of the order they were made in
        in(reversed);
        h.processWatermark(Msg.epochMs(STUCK_SEC));
        assertEquals(List.of("MINE_SENSOR_STUCK BLUE " + T1), summary(h));
    }

    @Test
    void aWholeDistrictFlatIsNoStuckSensor() throws Exception {
        in(signals(new MineFeed().series(T1, 0, STUCK_SEC, t -> 0.30).series(T0, 0, STUCK_SEC, t -> 0.20), STUCK_SEC));
        h.processWatermark(Msg.epochMs(STUCK_SEC));
        assertEquals(List.of(), summary(h));
        assertEquals(0, h.numEventTimeTimers());
    }

    @Test
    void aStuckSensorThatVariesAgainIsClearedInEventTimeOrder() throws Exception {
        long back = STUCK_SEC + MineFeed.CYCLE;
        in(signals(stuckWhileTheDistrictVaries().at(T1, back, 0.35), back));
        h.processWatermark(Msg.epochMs(back));
        assertEquals(List.of("MINE_SENSOR_STUCK BLUE " + T1, "CLEAR MINE_SENSOR_STUCK BLUE " + T1), summary(h));
        assertEquals(Msg.epochMs(back), h.extractOutputValues().get(1).eventTs);
    }

    @Test
    void afterTheEndOfInputSignalsAreHandledAtOnce() throws Exception {
        List<MineSignal> signals = new ArrayList<>(signals(stuckWhileTheDistrictVaries(), STUCK_SEC));
        signals.sort(java.util.Comparator.comparingLong(s -> s.ts)); // nothing orders them now but their arrival
        h.processWatermark(Long.MAX_VALUE); // no timer fires any more
        in(signals);
        assertEquals(List.of("MINE_SENSOR_STUCK BLUE " + T1), summary(h));
        assertEquals(0, h.numEventTimeTimers());
    }
}
