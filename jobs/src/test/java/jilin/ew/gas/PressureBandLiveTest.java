package jilin.ew.gas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import jilin.ew.alert.Detection;
import jilin.ew.gas.rule.PressureAbnormal;
import jilin.ew.rules.RuleBroadcast;
import jilin.ew.rules.RuleSet;
import jilin.ew.rules.RuleSets;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.EventType;
import jilin.ew.schema.GasReading;
import jilin.ew.testing.Msg;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The GB 50028 pressure bands come from the rule set in force (classDefaults minMPa / maxMPa): a version broadcast
 * while the job runs moves the band for the next reading, with no restart. Runs the gas function in Flink's own
 * operator harness, the broadcast input included.
 */
class PressureBandLiveTest {
    private static Envelope pressure(String stationId, long sec, double mpa) {
        Envelope e = new Envelope();
        e.type = EventType.GAS_READING;
        e.ts = Msg.epochMs(sec);
        e.raw = GasMsg.pressure(stationId, sec, mpa);
        e.gasReading = new GasReading();
        e.gasReading.stationId = stationId;
        e.gasReading.measure = "PRESSURE_MPA";
        e.gasReading.value = mpa;
        return e;
    }

    private static List<String> abnormal(KeyedBroadcastOperatorTestHarness<String, Envelope, RuleSet, Detection> h) {
        return h.extractOutputValues().stream().filter(d -> d.ruleId.equals(PressureAbnormal.ID))
                .map(d -> d.subjectId + " " + d.ruleSetVersion).collect(Collectors.toList());
    }

    @Test
    void aBroadcastVersionMovesTheBandForTheNextReading() throws Exception {
        RuleSet v1 = RuleSets.defaults();
        RuleSet v2 = RuleSets.defaults();
        v2.version = "wider-medium-a";
        v2.classDefaults("MEDIUM_A").params.put("maxMPa", 0.5);
        try (KeyedBroadcastOperatorTestHarness<String, Envelope, RuleSet, Detection> h =
                     ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(new GasStationFunction(v1),
                             Envelope::subjectId, Types.STRING, RuleBroadcast.DESCRIPTOR)) {
            // JL-RS-004 is MEDIUM_A (0.2-0.4 MPa): 0.45 is above its band under the default
            h.processElement(pressure("JL-RS-004", 60, 0.45), Msg.epochMs(60));
            assertEquals(List.of("JL-RS-004 default-2026.11"), abnormal(h));
            h.processBroadcastElement(v2, Msg.epochMs(70));
            h.processElement(pressure("JL-RS-004", 90, 0.45), Msg.epochMs(90));
            h.processElement(pressure("JL-RS-004", 120, 0.55), Msg.epochMs(120));
            assertEquals(List.of("JL-RS-004 default-2026.11", "JL-RS-004 wider-medium-a"), abnormal(h),
                    "0.45 MPa is inside the widened band, 0.55 above it");
        }
    }
}
