package jilin.ew.gas.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import jilin.ew.rules.RuleSets;
import org.junit.jupiter.api.Test;

/** Every gas rule of the shipped rule set has its rule class, and every class's id is one the set has. */
class GasRuleIdsTest {
    @Test
    void theRuleClassesAreTheShippedGasRules() {
        // a class whose ID the rule set lacks would be silently off: it reads its settings by that id
        Set<String> classes = Set.of(LelLevel1.ID, LelLevel2.ID, LeakSuspected.ID, PressureAbnormal.ID);
        Set<String> shipped = RuleSets.defaults().rules.keySet().stream().filter(id -> id.startsWith("GAS_"))
                .collect(Collectors.toSet());
        assertEquals(shipped, classes);
        assertTrue(RuleSets.defaults().modifiers.containsKey(GasDetections.CROWD_PLACE),
                "the crowded-place modifier switch the gas detections read");
    }
}
