package jilin.ew.vehicle;

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
import jilin.ew.vehicle.rule.ClassSpeeding;
import jilin.ew.reference.Reference;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSets;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Envelope;
import jilin.ew.testing.Harnesses;
import jilin.ew.testing.Msg;
import jilin.ew.testing.VehicleMsg;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link VehicleFunction} in Flink's keyed broadcast operator harness, keyed by vehicle id with the rule set
 * broadcast: single-position rules on arrival, sequence rules once the watermark passes, the idle timer that drops
 * a silent vehicle's state (and only a silent one's), held positions of unknown vehicles, and a broadcast rule set.
 */
class VehicleHarnessTest {
    static final String HAZMAT = "JL-B-H0121"; // seed: a hazardous-chemical truck, class limit 80 km/h
    static final String NEW_VEHICLE = "JL-X-H9999"; // in no seed
    static final long HOUR = 3600;

    KeyedBroadcastOperatorTestHarness<String, Envelope, RuleSet, Detection> h;

    @BeforeEach
    void open() throws Exception {
        h = Harnesses.bySubject(new VehicleFunction(RuleSets.defaults(), Reference.classpath()));
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    static String at(String vehicleId, long sec, double speed) {
        return VehicleMsg.position(vehicleId, Msg.T0.plusSeconds(sec), VehicleMsg.OFF_SECTION, speed);
    }

    void watermark(long sec) throws Exception {
        h.processWatermark(Msg.epochMs(sec));
    }

    @Test
    void aCollisionAlarmComesOutOnArrival() throws Exception {
        send(h, VehicleMsg.position(HAZMAT, Msg.T0, VehicleMsg.OFF_SECTION, 30, 1L << Jt808Alarm.COLLISION));
        assertEquals(List.of("VEH_TERMINAL_ALARM RED " + HAZMAT), summary(h), "no watermark has come");
        assertEquals(Msg.epochMs(0), detections(h).get(0).eventTs);
    }

    @Test
    void overTheClassLimitAlertsAtOnceAndSustainedOnlyOnceTheWatermarkPasses() throws Exception {
        send(h, at(HAZMAT, 0, 90));
        send(h, at(HAZMAT, 30, 90));
        send(h, at(HAZMAT, 60, 90));
        assertEquals(List.of("VEH_CLASS_SPEEDING BLUE " + HAZMAT, "VEH_CLASS_SPEEDING BLUE " + HAZMAT,
                "VEH_CLASS_SPEEDING BLUE " + HAZMAT), summary(h), "one per position, before any watermark");
        assertEquals(1, dueKeys(h), "the positions wait for the watermark: the vehicle is due once, at the oldest");
        assertEquals(0, h.numEventTimeTimers(), "no timer per position");
        watermark(59);
        assertEquals(3, summary(h).size(), "59 s over the limit is not yet sustained");
        watermark(60);
        assertEquals("VEH_CLASS_SPEEDING YELLOW " + HAZMAT, summary(h).get(3), "sustained 1 min: one grade up");
        Detection sustained = detections(h).get(3);
        assertEquals(Msg.epochMs(0), sustained.firstEventTs);
        assertEquals(Msg.epochMs(60), sustained.eventTs);
    }

    @Test
    void positionsWaitingInACheckpointAreTakenAfterTheRestore() throws Exception {
        send(h, at(HAZMAT, 0, 90));
        send(h, at(HAZMAT, 30, 90));
        send(h, at(HAZMAT, 60, 90));
        OperatorSubtaskState snapshot = h.snapshot(1, Msg.epochMs(60));
        h.close();
        h = Harnesses.restored(new VehicleFunction(RuleSets.defaults(), Reference.classpath()), snapshot);
        assertEquals(1, dueKeys(h), "due again from what the keyed state holds");
        watermark(60);
        assertEquals(List.of("VEH_CLASS_SPEEDING YELLOW " + HAZMAT), summary(h),
                "the restored positions were taken in order: over the limit for 1 min");
        assertEquals(Msg.epochMs(0), detections(h).get(0).firstEventTs);
    }

    @Test
    void aSilentVehicleLosesItsStateWhenTheIdleTimerFires() throws Exception {
        send(h, at(HAZMAT, 0, 50));
        send(h, at(HAZMAT, 30, 50));
        assertEquals(Set.of(HAZMAT), keysWith(h, "vehicle"));
        watermark(30);
        assertEquals(0, dueKeys(h), "the positions are taken");
        assertEquals(1, h.numEventTimeTimers(), "only the idle timer waits");
        long idleSec = VehicleFunction.IDLE_STATE_MS / 1000;
        watermark(30 + idleSec - 1);
        assertEquals(Set.of(HAZMAT), keysWith(h, "vehicle"));
        watermark(30 + idleSec);
        assertEquals(0, keyedStateEntries(h), "a seed vehicle silent for the idle time keeps nothing");
        assertEquals(0, h.numEventTimeTimers());
        send(h, at(HAZMAT, 30 + idleSec + 60, 90)); // it comes back: a fresh state, rules as before
        assertEquals("VEH_CLASS_SPEEDING BLUE " + HAZMAT, summary(h).get(0));
        assertEquals(Set.of(HAZMAT), keysWith(h, "vehicle"));
    }

    @Test
    void aReportingVehicleKeepsItsStateWithAtMostTwoTimersAndLosesItAFullIdleTimeAfterItsLastPosition()
            throws Exception {
        long idleSec = VehicleFunction.IDLE_STATE_MS / 1000;
        long last = 30 * HOUR;
        for (long t = 0; t <= last; t += HOUR) { // hourly for 30 h: longer than the idle time
            send(h, at(HAZMAT, t, 50));
            watermark(t);
            assertTrue(h.numEventTimeTimers() <= 2, "timers at " + t / HOUR + " h: " + h.numEventTimeTimers());
            assertEquals(Set.of(HAZMAT), keysWith(h, "vehicle"), "still reporting at " + t / HOUR + " h");
        }
        watermark(last + idleSec - 1);
        assertEquals(Set.of(HAZMAT), keysWith(h, "vehicle"), "silent for less than the idle time");
        watermark(last + idleSec);
        assertEquals(Set.of(), keysWith(h, "vehicle"));
        assertEquals(0, h.numEventTimeTimers());
    }

    @Test
    void theEndOfARecordingDropsNoVehicleState() throws Exception {
        send(h, at(HAZMAT, 0, 50));
        h.processWatermark(Long.MAX_VALUE);
        assertEquals(Set.of(HAZMAT), keysWith(h, "vehicle"));
    }

    @Test
    void aPositionOfAnUnknownVehicleIsHeldUnderATimerAndDeadLetteredWhenItsHoldPasses() throws Exception {
        send(h, at(NEW_VEHICLE, 0, 120));
        assertEquals(List.of(), summary(h), "no class, no limit");
        assertEquals(1, h.numEventTimeTimers(), "the hold timer");
        assertEquals(Set.of(NEW_VEHICLE), keysWith(h, "held-unknown"));
        h.processWatermark(Msg.epochMs(0) + VehicleFunction.UNKNOWN_HOLD_MS - 1);
        assertEquals(List.of(), deadLetters(h));
        h.processWatermark(Msg.epochMs(0) + VehicleFunction.UNKNOWN_HOLD_MS);
        List<DeadLetter> dead = deadLetters(h);
        assertEquals(List.of("unknown-subject"), dead.stream().map(d -> d.reason).toList());
        assertEquals("vehicleId", dead.get(0).field);
        assertEquals(0, keyedStateEntries(h));
        assertEquals(0, h.numEventTimeTimers());
    }

    @Test
    void aRegistrationReleasesHeldPositionsAndOutlivesTheIdleState() throws Exception {
        send(h, at(NEW_VEHICLE, 0, 90));
        assertEquals(List.of(), summary(h));
        send(h, VehicleMsg.registration(NEW_VEHICLE, VehicleInfo.HAZMAT_TRUCK, null)); // stamped days before
        assertEquals(List.of("VEH_CLASS_SPEEDING BLUE " + NEW_VEHICLE), summary(h), "the held position, as a hazmat");
        assertEquals(Set.of(), keysWith(h, "held-unknown"));
        watermark(VehicleFunction.IDLE_STATE_MS / 1000);
        assertEquals(List.of(), deadLetters(h), "the hold timer finds the position gone");
        assertEquals(Set.of(), keysWith(h, "vehicle"), "the idle vehicle's state is gone");
        assertEquals(Set.of(NEW_VEHICLE), keysWith(h, "registration"), "its registration stays, like a seed");
        assertEquals(0, h.numEventTimeTimers());
    }

    @Test
    void aPositionOutsideTheProvinceIsDeadLetteredAndKeepsNothing() throws Exception {
        send(h, VehicleMsg.position(HAZMAT, Msg.T0, new double[] {39.9, 116.4}, 90)); // Beijing
        assertEquals(List.of("out-of-province"), deadLetters(h).stream().map(d -> d.reason).toList());
        assertEquals(List.of(), summary(h));
        assertEquals(0, keyedStateEntries(h));
        assertEquals(0, h.numEventTimeTimers());
    }

    @Test
    void aBroadcastRuleSetWithALowerClassLimitRaisesAnAlertTheDefaultDidNot() throws Exception {
        send(h, at(HAZMAT, 0, 75));
        assertEquals(List.of(), summary(h), "75 km/h is within the 80 km/h hazmat limit");
        RuleSet lower = RuleSets.defaults().edit().version("hazmat-70")
                .classParam(VehicleInfo.HAZMAT_TRUCK, ClassSpeeding.MAX_SPEED_KMH, 70.0).build();
        h.processBroadcastElement(lower, Msg.epochMs(10));
        send(h, at(HAZMAT, 30, 75));
        assertEquals(List.of("VEH_CLASS_SPEEDING BLUE " + HAZMAT), summary(h));
        assertEquals("hazmat-70", detections(h).get(0).ruleSetVersion);
    }
}
