package jilin.ew.vehicle.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import java.util.stream.Collectors;
import jilin.ew.rules.RuleSets;
import org.junit.jupiter.api.Test;

/** Every vehicle rule of the shipped rule set has its rule class, and every class's id is one the set has. */
class VehicleRuleIdsTest {
    @Test
    void theRuleClassesAreTheShippedVehicleRules() {
        // a class whose ID the rule set lacks would be silently off: it reads its settings by that id
        Set<String> classes = Set.of(SectionSpeeding.ID, ClassSpeeding.ID, NightBan.ID, NightSpeeding.ID, Fatigue.ID,
                DownhillRunaway.ID, SuddenStop.ID, TerminalAlarm.ID);
        Set<String> shipped = RuleSets.defaults().rules.keySet().stream().filter(id -> id.startsWith("VEH_"))
                .collect(Collectors.toSet());
        assertEquals(shipped, classes);
    }
}
