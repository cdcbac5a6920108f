package jilin.ew.gas;

import static jilin.ew.testing.Harnesses.deadLetters;
import static jilin.ew.testing.Harnesses.keyedStateEntries;
import static jilin.ew.testing.Harnesses.keysWith;
import static jilin.ew.testing.Harnesses.send;
import static jilin.ew.testing.Harnesses.side;
import static jilin.ew.testing.Harnesses.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import jilin.ew.alert.Detection;
import jilin.ew.gas.rule.LelLevel1;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSets;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Envelope;
import jilin.ew.testing.Harnesses;
import jilin.ew.testing.Msg;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GasStationFunction} in Flink's keyed broadcast operator harness, keyed by station id with the rule set
 * broadcast: %LEL levels judged on arrival with no timer, the leak-signal runs and the state they keep, held
 * readings of unknown points under their hold timers, and a broadcast rule set.
 */
class GasStationHarnessTest {
    static final String MANHOLE = "CC-MH-001"; // seed: a manhole detector in 长春
    static final String REGULATOR = "JL-RS-004"; // seed: a regulator station, MEDIUM_A, nominal 0.3 MPa
    static final String NEW_POINT = "CC-MH-900"; // in no seed

    KeyedBroadcastOperatorTestHarness<String, Envelope, RuleSet, Detection> h;

    @BeforeEach
    void open() throws Exception {
        h = Harnesses.bySubject(new GasStationFunction(RuleSets.defaults()));
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    List<String> leakSignals() {
        return side(h, GasStationFunction.SIGNALS).stream().map(s -> s.kind + " " + s.point.stationId + " " + s.value)
                .toList();
    }

    @Test
    void lelLevelsComeOutOnArrivalAndNeedNoTimer() throws Exception {
        send(h, GasMsg.lel(MANHOLE, 0, 30));
        assertEquals(List.of("GAS_LEL_LEVEL1 YELLOW " + MANHOLE), summary(h), "no watermark has come");
        send(h, GasMsg.lel(MANHOLE, 10, 55));
        assertEquals(List.of("GAS_LEL_LEVEL1 YELLOW " + MANHOLE, "GAS_LEL_LEVEL2 ORANGE " + MANHOLE), summary(h));
        assertEquals(Msg.epochMs(10), h.extractOutputValues().get(1).eventTs);
        send(h, GasMsg.lel(MANHOLE, 20, 5));
        assertEquals(2, summary(h).size(), "5 % LEL is below both levels");
        assertEquals(0, h.numEventTimeTimers());
        assertEquals(0, h.numProcessingTimeTimers());
    }

    @Test
    void aPointKeepsLeakRunStateOnlyWhileARunGoesOn() throws Exception {
        send(h, GasMsg.lel(MANHOLE, 0, 12)); // >= the leak rule's 10 % LEL: a run starts, its first candidate goes out
        send(h, GasMsg.lel(MANHOLE, 5, 13)); // within the cadence: held back
        assertEquals(List.of("LEL_RISE " + MANHOLE + " 12.0"), leakSignals());
        assertEquals(Set.of(MANHOLE), keysWith(h, "leak-signal-runs"));
        send(h, GasMsg.lel(MANHOLE, 10, 2)); // the run ends: its last held candidate goes out
        assertEquals(List.of("LEL_RISE " + MANHOLE + " 12.0", "LEL_RISE " + MANHOLE + " 13.0"), leakSignals());
        assertEquals(0, keyedStateEntries(h), "no run going: nothing kept for the point");

        send(h, GasMsg.pressure(REGULATOR, 20, 0.25)); // >= 10 % below nominal 0.3 MPa: a drop run
        assertEquals(Set.of(REGULATOR), keysWith(h, "leak-signal-runs"));
        send(h, GasMsg.pressure(REGULATOR, 30, 0.30));
        assertEquals("PRESSURE_DROP " + REGULATOR + " 0.25", leakSignals().get(2));
        assertEquals(0, keyedStateEntries(h), "the drop ended: nothing kept for the station");
        assertEquals(0, h.numEventTimeTimers());
    }

    @Test
    void aReadingOfAnUnknownPointIsHeldUnderATimerAndDeadLetteredWhenItsHoldPasses() throws Exception {
        send(h, GasMsg.lel(NEW_POINT, 0, 60));
        assertEquals(List.of(), summary(h));
        assertEquals(1, h.numEventTimeTimers(), "the hold timer");
        assertEquals(Set.of(NEW_POINT), keysWith(h, "held-unknown"));
        h.processWatermark(Msg.epochMs(0) + GasStationFunction.UNKNOWN_HOLD_MS - 1);
        assertEquals(List.of(), deadLetters(h));
        h.processWatermark(Msg.epochMs(0) + GasStationFunction.UNKNOWN_HOLD_MS);
        List<DeadLetter> dead = deadLetters(h);
        assertEquals(List.of("unknown-subject"), dead.stream().map(d -> d.reason).toList());
        assertEquals("stationId", dead.get(0).field);
        assertTrue(dead.get(0).detail.contains(NEW_POINT), dead.get(0).detail);
        assertEquals(0, keyedStateEntries(h));
        assertEquals(0, h.numEventTimeTimers());
    }

    @Test
    void theEndOfARecordingDeadLettersHeldReadingsRatherThanLoseThem() throws Exception {
        send(h, GasMsg.lel(NEW_POINT, 0, 60));
        h.processWatermark(Long.MAX_VALUE);
        assertEquals(List.of("unknown-subject"), deadLetters(h).stream().map(d -> d.reason).toList());
        assertEquals(0, keyedStateEntries(h));
    }

    @Test
    void aDefinitionWithinTheHoldReleasesTheHeldReading() throws Exception {
        send(h, GasMsg.lel(NEW_POINT, 10, 60));
        send(h, GasMsg.station(NEW_POINT, "MANHOLE", 43.89, 125.32, "MEDIUM_B", 0.15, false));
        assertEquals(List.of("GAS_LEL_LEVEL2 ORANGE " + NEW_POINT), summary(h));
        assertEquals(Set.of(), keysWith(h, "held-unknown"));
        assertEquals(Set.of(NEW_POINT), keysWith(h, "definition"), "a stream definition is kept");
        h.processWatermark(Msg.epochMs(3600));
        assertEquals(List.of(), deadLetters(h), "the hold timer finds the reading gone");
    }

    @Test
    void aDefinitionOutsideTheProvinceIsDeadLetteredAndKeepsNothing() throws Exception {
        send(h, GasMsg.station(NEW_POINT, "MANHOLE", 39.9, 116.4, "MEDIUM_B", 0.15, false)); // Beijing
        assertEquals(List.of("out-of-province"), deadLetters(h).stream().map(d -> d.reason).toList());
        assertEquals(0, keyedStateEntries(h));
    }

    @Test
    void aBroadcastRuleSetWithALowerFirstLevelRaisesAnAlertTheDefaultDidNot() throws Exception {
        send(h, GasMsg.lel(MANHOLE, 0, 20));
        assertEquals(List.of(), summary(h), "20 % LEL is below the 25 % first level");
        RuleSet lower = RuleSets.defaults();
        lower.version = "lel-15";
        lower.rule(LelLevel1.ID).params.put("lelPct", 15.0);
        h.processBroadcastElement(lower, Msg.epochMs(5));
        send(h, GasMsg.lel(MANHOLE, 10, 20));
        assertEquals(List.of("GAS_LEL_LEVEL1 YELLOW " + MANHOLE), summary(h));
        assertEquals("lel-15", h.extractOutputValues().get(0).ruleSetVersion);
    }
}
