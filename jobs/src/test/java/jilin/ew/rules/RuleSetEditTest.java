package jilin.ew.rules;

import static jilin.ew.testing.Serializers.migrated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jilin.ew.schema.Level;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.NullableMapTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * A rule set changes only through {@link RuleSet#edit()}, which leaves the version in force as it was, and it
 * travels through Flink (rules stream, broadcast state) as its own JSON, reading state of earlier versions.
 */
class RuleSetEditTest {

    @Test
    void anEditChangesTheCopyAndNotTheRuleSetInForce() {
        RuleSet inForce = RuleSets.defaults();
        String before = RuleSets.toJson(inForce);
        RuleSet next = inForce.edit().version("analyst-2")
                .ch4("WORKING_FACE").alarm(0.8).restore(0.7).done()
                .rule("MINE_CH4_ESCALATION").param("windowSec", 300).done()
                .level("VEH_SUDDEN_STOP", Level.RED)
                .modifier("REPEAT", false)
                .clearHoldSec("MINE", 600)
                .build();
        assertEquals(before, RuleSets.toJson(inForce), "the rule set in force is untouched");
        assertEquals("analyst-2", next.version());
        assertEquals(0.8, next.ch4("WORKING_FACE").alarm());
        assertEquals(0.7, next.ch4("WORKING_FACE").restore());
        assertEquals(300.0, next.rule("MINE_CH4_ESCALATION").param("windowSec"));
        assertEquals(Level.RED, next.level("VEH_SUDDEN_STOP"));
        assertFalse(next.modifierOn("REPEAT"));
        assertEquals(600, next.lifecycle().clearHoldSec("MINE"));
        assertEquals(1.0, inForce.ch4("WORKING_FACE").alarm());
    }

    @Test
    void aRuleSetCannotBeChangedThroughItsAccessors() {
        RuleSet r = RuleSets.defaults();
        assertThrows(UnsupportedOperationException.class, () -> r.modifiers().put("REPEAT", false));
        assertThrows(UnsupportedOperationException.class, () -> r.rule("MINE_CH4_ESCALATION").params().clear());
        assertThrows(UnsupportedOperationException.class, () -> r.rules().remove("MINE_CH4_ALARM"));
    }

    @Test
    void anEditNamesWhatDoesNotExistAndEndsAtBuild() {
        RuleSet.Editor e = RuleSets.defaults().edit();
        assertThrows(IllegalStateException.class, () -> e.rule("MINE_NO_SUCH_RULE"));
        assertThrows(IllegalStateException.class, () -> e.classParam("NO_SUCH_CLASS", "maxSpeedKmh", 1));
        e.build();
        assertThrows(IllegalStateException.class, () -> e.version("again"), "a built edit cannot go on");
    }

    @Test
    void anEditOfTheEscalationPolicyChangesTheCopyOnly() {
        RuleSet inForce = RuleSets.defaults();
        RuleSet edited = inForce.edit().escalation(Level.RED, 60, 120, 5, "province", "prefecture-220400")
                .noEscalation(Level.YELLOW).commandWaitSec(30).build();
        assertEquals(60, edited.handling().escalation(Level.RED).afterSec());
        assertEquals(List.of("province", "prefecture-220400"), edited.handling().escalation(Level.RED).routes());
        assertEquals(null, edited.handling().escalation(Level.YELLOW));
        assertEquals(30, edited.handling().commandWaitSec());
        assertEquals(300, inForce.handling().escalation(Level.RED).afterSec());
        assertEquals(3600, inForce.handling().escalation(Level.YELLOW).afterSec());
        assertEquals(120, inForce.handling().commandWaitSec());
        assertEquals(edited.handling().escalation(Level.RED).routes(),
                throughJson(edited).handling().escalation(Level.RED).routes());
    }

    /** The rule set through its own JSON (what Flink carries): the policy survives. */
    private static RuleSet throughJson(RuleSet r) {
        try {
            return RuleSets.fromJson(RuleSets.toJson(r));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void flinkCarriesARuleSetAsItsJsonWithoutKryo() throws Exception {
        TypeInformation<RuleSet> type = TypeInformation.of(RuleSet.class);
        TypeSerializer<RuleSet> s = type.createSerializer(new SerializerConfigImpl());
        assertInstanceOf(RuleSetSerializer.class, s);
        RuleSet edited = RuleSets.defaults().edit().version("x").author("analyst-wang").disableDomains("REPORT")
                .build();
        DataOutputSerializer out = new DataOutputSerializer(4096);
        s.serialize(edited, out);
        RuleSet back = s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertEquals(RuleSets.toJson(edited), RuleSets.toJson(back));
        assertSame(edited, s.copy(edited), "immutable: shared, not copied");
    }

    /** The type Flink derived for the rule set while it had public fields (its broadcast state in savepoints). */
    private static TypeInformation<RuleSet> previousVersionPojo() {
        Map<String, TypeInformation<?>> threshold = new LinkedHashMap<>();
        threshold.put("alarm", Types.DOUBLE);
        threshold.put("powerCut", Types.DOUBLE);
        threshold.put("restore", Types.DOUBLE);
        threshold.put("source", Types.STRING);
        Map<String, TypeInformation<?>> cls = new LinkedHashMap<>();
        cls.put("params", new NullableMapTypeInfo<>(Types.STRING, Types.DOUBLE));
        cls.put("source", Types.STRING);
        Map<String, TypeInformation<?>> life = new LinkedHashMap<>();
        life.put("clearHoldSec", new NullableMapTypeInfo<>(Types.STRING, Types.LONG));
        life.put("repeatWindowSec", Types.LONG);
        life.put("updateIntervalSec", Types.LONG);
        Map<String, TypeInformation<?>> rule = new LinkedHashMap<>();
        rule.put("description", Types.STRING);
        rule.put("enabled", Types.BOOLEAN);
        rule.put("level", Types.ENUM(Level.class));
        rule.put("params", new NullableMapTypeInfo<>(Types.STRING, Types.DOUBLE));
        rule.put("source", Types.STRING);
        Map<String, TypeInformation<?>> f = new LinkedHashMap<>();
        f.put("author", Types.STRING);
        f.put("ch4Thresholds", new NullableMapTypeInfo<>(Types.STRING, Types.POJO(Ch4Threshold.class, threshold)));
        f.put("classDefaults", new NullableMapTypeInfo<>(Types.STRING, Types.POJO(ClassDefaults.class, cls)));
        f.put("description", Types.STRING);
        f.put("disableDomains", Types.OBJECT_ARRAY(Types.STRING));
        f.put("lifecycle", Types.POJO(RuleSet.Lifecycle.class, life));
        f.put("modifiers", new NullableMapTypeInfo<>(Types.STRING, Types.BOOLEAN));
        f.put("rules", new NullableMapTypeInfo<>(Types.STRING, Types.POJO(RuleConfig.class, rule)));
        f.put("version", Types.STRING);
        return Types.POJO(RuleSet.class, f);
    }

    @Test
    void broadcastStateOfThePreviousVersionIsReadAndMigrated() throws Exception {
        TypeSerializer<RuleSet> old = previousVersionPojo().createSerializer(new SerializerConfigImpl());
        RuleSet r = RuleSets.defaults().edit().version("in-force").author("analyst-wang")
                .ch4("WORKING_FACE").alarm(0.8).done().build();
        TypeSerializer<RuleSet> now = TypeInformation.of(RuleSet.class).createSerializer(new SerializerConfigImpl());
        RuleSet back = migrated(old, r, now);
        // the POJO serializer restores maps as HashMaps (as it always did): same settings, another order
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(RuleSets.toJson(r)), json.readTree(RuleSets.toJson(back)));
        assertEquals(0.8, back.ch4("WORKING_FACE").alarm());
        assertEquals(List.of(), back.disableDomains());
    }
}
