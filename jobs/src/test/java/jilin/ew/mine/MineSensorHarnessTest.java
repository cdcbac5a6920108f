package jilin.ew.mine;

import static jilin.ew.testing.Harnesses.deadLetters;
import static jilin.ew.testing.Harnesses.detections;
import static jilin.ew.testing.Harnesses.dueKeys;
import static jilin.ew.testing.Harnesses.keyedStateEntries;
import static jilin.ew.testing.Harnesses.keysWith;
import static jilin.ew.testing.Harnesses.send;
import static jilin.ew.testing.Harnesses.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import jilin.ew.alert.Detection;
import jilin.ew.reference.Reference;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSets;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Envelope;
import jilin.ew.testing.Harnesses;
import jilin.ew.testing.Msg;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link MineSensorFunction} in Flink's keyed broadcast operator harness, keyed by sensor id with the rule set
 * broadcast: single-reading breaches on arrival, the silence timer armed by the watermark and firing once, held
 * readings of unknown sensors and their hold timers, what stays in keyed state, and a broadcast rule set.
 */
class MineSensorHarnessTest {
    static final String T1 = "LY001-WF1-T1"; // seed: working face, alarm 1.0 %, power cut 1.5 % (section 11.2)
    static final String NEW_SENSOR = "LY001-WF1-T9"; // in no seed: unknown until a definition comes

    KeyedBroadcastOperatorTestHarness<String, Envelope, RuleSet, Detection> h;

    @BeforeEach
    void open() throws Exception {
        h = Harnesses.bySubject(new MineSensorFunction(RuleSets.defaults(), Reference.classpath()));
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    void watermark(long sec) throws Exception {
        h.processWatermark(Msg.epochMs(sec));
    }

    @Test
    void aCh4BreachComesOutOnArrivalWithoutWaitingForTheWatermark() throws Exception {
        send(h, Msg.reading(T1, 0, 1.2));
        assertEquals(List.of("MINE_CH4_ALARM YELLOW " + T1), summary(h), "no watermark has come yet");
        send(h, Msg.reading(T1, 25, 1.6));
        assertEquals(List.of("MINE_CH4_ALARM YELLOW " + T1, "MINE_CH4_POWER_CUT ORANGE " + T1), summary(h));
        assertEquals(Msg.epochMs(25), detections(h).get(1).eventTs);
        // both readings wait for the watermark for the sequence rules: the sensor is due once (at the oldest)
        assertEquals(1, dueKeys(h));
        assertEquals(0, h.numEventTimeTimers(), "waiting readings need no timer");
        assertEquals(Set.of(T1), keysWith(h, "sensor"));
    }

    @Test
    void theSilenceTimerIsArmedByTheWatermarkFiresOnceAtTheDeadlineAndLeavesNoTimer() throws Exception {
        send(h, Msg.reading(T1, 0, 0.30));
        send(h, Msg.reading(T1, 25, 0.31));
        send(h, Msg.reading(T1, 50, 0.32));
        assertEquals(1, dueKeys(h), "the sensor is due once, at its oldest waiting reading");
        watermark(50);
        assertEquals(0, dueKeys(h), "the readings are taken");
        assertEquals(1, h.numEventTimeTimers(), "the silence timer waits");
        // 3 polling cycles of 25 s after the last reading (50 s): silent at 125 s, not a millisecond before
        h.processWatermark(Msg.epochMs(125) - 1);
        assertEquals(List.of(), summary(h));
        assertEquals(1, h.numEventTimeTimers(), "re-armed at the latest deadline");
        watermark(125);
        assertEquals(List.of("MINE_SENSOR_SILENT YELLOW " + T1), summary(h));
        Detection silent = detections(h).get(0);
        assertEquals(Msg.epochMs(125), silent.eventTs);
        assertEquals(Msg.epochMs(50), silent.firstEventTs, "silent since its last reading");
        assertTrue(silent.holdOpen, "only a reading ends a silence");
        assertEquals(0, h.numEventTimeTimers(), "a silent sensor keeps no timer");
        watermark(3600);
        assertEquals(1, summary(h).size(), "one alert per silence");

        send(h, Msg.reading(T1, 3700, 0.30)); // reports again: cleared in event-time order
        assertEquals(1, summary(h).size(), "the clear waits for the watermark");
        watermark(3700);
        assertEquals(List.of("MINE_SENSOR_SILENT YELLOW " + T1, "CLEAR MINE_SENSOR_SILENT YELLOW " + T1), summary(h));
        assertEquals(1, h.numEventTimeTimers(), "a new silence timer");
        assertEquals(1, keyedStateEntries(h), "one sensor, one state entry");
    }

    @Test
    void readingsWaitingInACheckpointAreTakenAfterTheRestoreAsIfNothingHadStopped() throws Exception {
        send(h, Msg.reading(T1, 0, 0.30));
        send(h, Msg.reading(T1, 25, 0.31));
        send(h, Msg.reading(T1, 50, 0.32));
        OperatorSubtaskState snapshot = h.snapshot(1, Msg.epochMs(50));
        h.close();
        h = Harnesses.restored(new MineSensorFunction(RuleSets.defaults(), Reference.classpath()), snapshot);
        assertEquals(1, dueKeys(h), "due again from what the keyed state holds");
        watermark(50);
        assertEquals(0, dueKeys(h));
        h.processWatermark(Msg.epochMs(125) - 1);
        assertEquals(List.of(), summary(h));
        watermark(125);
        assertEquals(List.of("MINE_SENSOR_SILENT YELLOW " + T1), summary(h),
                "the restored readings were taken in order: silent 75 s after the last of them");
        assertEquals(Msg.epochMs(50), detections(h).get(0).firstEventTs);
    }

    @Test
    void theEndOfARecordingIsNoSilence() throws Exception {
        send(h, Msg.reading(T1, 0, 0.30));
        send(h, Msg.reading(T1, 25, 0.31));
        h.processWatermark(Long.MAX_VALUE);
        assertEquals(List.of(), summary(h));
        assertEquals(0, h.numEventTimeTimers());
        assertEquals(0, dueKeys(h));
    }

    @Test
    void aReadingOfAnUnknownSensorIsHeldUnderATimerAndDeadLetteredWhenItsHoldPasses() throws Exception {
        send(h, Msg.reading(NEW_SENSOR, 0, 2.0));
        assertEquals(List.of(), summary(h), "no thresholds without a definition");
        assertEquals(1, h.numEventTimeTimers(), "the hold timer");
        assertEquals(Set.of(NEW_SENSOR), keysWith(h, "held-unknown"));
        h.processWatermark(Msg.epochMs(0) + MineSensorFunction.UNKNOWN_HOLD_MS - 1);
        assertEquals(List.of(), deadLetters(h));
        h.processWatermark(Msg.epochMs(0) + MineSensorFunction.UNKNOWN_HOLD_MS);
        List<DeadLetter> dead = deadLetters(h);
        assertEquals(1, dead.size());
        assertEquals("unknown-subject", dead.get(0).reason);
        assertEquals("sensorId", dead.get(0).field);
        assertTrue(dead.get(0).detail.contains(NEW_SENSOR), dead.get(0).detail);
        assertEquals(0, keyedStateEntries(h), "nothing is kept of the unknown sensor");
        assertEquals(0, h.numEventTimeTimers());
    }

    @Test
    void aDefinitionWithinTheHoldReleasesTheHeldReadingAgainstItsThresholds() throws Exception {
        send(h, Msg.reading(NEW_SENSOR, 10, 1.2));
        send(h, Msg.sensorDef("LY001", NEW_SENSOR, "CH4", "WORKING_FACE", "WF1"));
        assertEquals(List.of("MINE_CH4_ALARM YELLOW " + NEW_SENSOR), summary(h));
        assertEquals(Set.of(), keysWith(h, "held-unknown"));
        assertEquals(Set.of(NEW_SENSOR), keysWith(h, "definition"), "a stream definition is kept");
        watermark(3600); // the hold timer fires on a known sensor: nothing is dead-lettered
        assertEquals(List.of(), deadLetters(h));
    }

    @Test
    void aDefinitionStampedAfterTheHoldDeadLettersTheHeldReading() throws Exception {
        send(h, Msg.reading(NEW_SENSOR, 10, 1.2));
        // stamped 100 s: the reading's 60 s hold had passed in event time, whether or not its timer fired
        send(h, Msg.sensorDef("LY001", NEW_SENSOR, "CH4", "WORKING_FACE", "WF1").replace(Msg.ts(0), Msg.ts(100)));
        assertEquals(List.of(), summary(h));
        assertEquals(List.of("unknown-subject"), deadLetters(h).stream().map(d -> d.reason).toList());
        assertEquals(Set.of(), keysWith(h, "held-unknown"));
    }

    @Test
    void aRepeatedReadingIsDeadLetteredAsADuplicateAndAlertsOnce() throws Exception {
        send(h, Msg.reading(T1, 0, 1.2));
        send(h, Msg.reading(T1, 0, 1.2));
        assertEquals(List.of("MINE_CH4_ALARM YELLOW " + T1), summary(h));
        assertEquals(List.of("duplicate"), deadLetters(h).stream().map(d -> d.reason).toList());
    }

    @Test
    void aBroadcastRuleSetWithALowerAlarmValueRaisesAnAlarmTheDefaultDidNot() throws Exception {
        send(h, Msg.reading(T1, 0, 0.8));
        assertEquals(List.of(), summary(h), "0.8 % is below the working face's 1.0 %");
        RuleSet lower = RuleSets.defaults().edit().version("lower-face-alarm").ch4("WORKING_FACE").alarm(0.7).build();
        h.processBroadcastElement(lower, Msg.epochMs(10));
        send(h, Msg.reading(T1, 25, 0.8));
        assertEquals(List.of("MINE_CH4_ALARM YELLOW " + T1), summary(h));
        assertEquals("lower-face-alarm", detections(h).get(0).ruleSetVersion);
    }

    /** The rising steps sent to the rapid-rise pattern so far, as "second:value". */
    List<String> riseSteps() {
        List<String> l = new java.util.ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<org.apache.flink.streaming.runtime.streamrecord.StreamRecord<MineSignal>>
                q = h.getSideOutput(MineSensorFunction.SIGNALS);
        if (q != null) {
            for (org.apache.flink.streaming.runtime.streamrecord.StreamRecord<MineSignal> r : q) {
                if (r.getValue().is(MineSignal.Kind.RISE_STEP)) {
                    l.add((r.getValue().ts - Msg.epochMs(0)) / 1000 + ":" + r.getValue().value);
                }
            }
        }
        return l;
    }

    @Test
    void risingStepsAreHeldUntilTheirRunIsLongEnoughToMatchAndAShortRunNeverReachesThePattern() throws Exception {
        // MINE_CH4_RAPID_RISE by default: 3 steps of >= 0.5 %/min, no gap over 90 s; readings 25 s apart
        send(h, Msg.reading(T1, 0, 0.30));
        send(h, Msg.reading(T1, 25, 0.60)); // +0.72 %/min: a step
        send(h, Msg.reading(T1, 50, 0.90)); // a step: two in the run
        send(h, Msg.reading(T1, 75, 0.95)); // +0.12 %/min: the run ends at two
        watermark(75);
        assertEquals(List.of(), riseSteps(), "a run of two can never match three: the pattern never sees it");

        send(h, Msg.reading(T1, 100, 1.20));
        send(h, Msg.reading(T1, 125, 1.45));
        watermark(125);
        assertEquals(List.of(), riseSteps(), "two steps of a new run are held");
        send(h, Msg.reading(T1, 150, 1.70));
        watermark(150);
        assertEquals(List.of("100:1.2", "125:1.45", "150:1.7"), riseSteps(),
                "the third step sends the whole run, each step with its own time and value");
        assertEquals(0.6, h.getSideOutput(MineSensorFunction.SIGNALS).stream()
                .filter(r -> r.getValue().is(MineSignal.Kind.RISE_STEP)).findFirst().orElseThrow().getValue().rate,
                1e-9, "each step keeps its rate (0.25 %% in 25 s)");
        send(h, Msg.reading(T1, 175, 1.95));
        watermark(175);
        assertEquals(3, riseSteps().size(), "after a match the next run starts from nothing, as the pattern does");
    }
}
