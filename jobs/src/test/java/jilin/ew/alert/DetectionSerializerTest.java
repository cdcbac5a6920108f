package jilin.ew.alert;

import static jilin.ew.testing.Serializers.migrated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jilin.ew.schema.Domain;
import jilin.ew.schema.Level;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The detections' serializer: every field there and back, copies that share nothing, and old savepoints' state. */
class DetectionSerializerTest {
    private static final SerializerConfigImpl CONFIG = new SerializerConfigImpl();

    private static List<Field> fields(Class<?> c) {
        List<Field> l = new ArrayList<>();
        for (Field f : c.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                l.add(f);
            }
        }
        return l;
    }

    /** Every field set to a value no other field has and no default is: a field the serializer forgets shows. */
    private static Detection full() throws Exception {
        Detection d = new Detection();
        int n = 0;
        for (Field f : fields(Detection.class)) {
            n++;
            Class<?> t = f.getType();
            if (t == String.class) {
                f.set(d, f.getName() + " 甲烷 " + n);
            } else if (t == long.class) {
                f.setLong(d, 1_700_000_000_000L + n);
            } else if (t == boolean.class) {
                f.setBoolean(d, true);
            } else if (t == Double.class) {
                f.set(d, 0.5 + n);
            } else if (t == Domain.class) {
                f.set(d, Domain.GAS_NETWORK);
            } else if (t == Level.class) {
                f.set(d, Level.ORANGE);
            } else if (t == List.class) {
                Class<?> e = (Class<?>) ((ParameterizedType) f.getGenericType()).getActualTypeArguments()[0];
                if (e == String.class) {
                    f.set(d, new ArrayList<>(List.of(f.getName() + " a", f.getName() + " b")));
                } else if (e == jilin.ew.schema.Modifier.class) {
                    f.set(d, new ArrayList<>(List.of(new jilin.ew.schema.Modifier("DISASTER_MINE", "灾害矿井"),
                            new jilin.ew.schema.Modifier("KEY_PERIOD", null))));
                } else {
                    throw new AssertionError("no test value for a list of " + e + " (field " + f.getName() + ")");
                }
            } else {
                throw new AssertionError("no test value for " + t + " (field " + f.getName() + ")");
            }
        }
        return d;
    }

    /** Each field's value as text (modifiers by their fields: they have no equals). */
    private static Map<String, String> values(Detection d) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        for (Field f : fields(Detection.class)) {
            Object v = f.get(d);
            if (f.getName().equals("modifiers") && v != null) {
                List<String> l = new ArrayList<>();
                for (jilin.ew.schema.Modifier x : d.modifiers) {
                    l.add(x == null ? "no modifier" : x.modifier + "|" + x.reason);
                }
                v = l;
            }
            m.put(f.getName(), String.valueOf(v));
        }
        return m;
    }

    private static Detection roundTrip(Detection d) throws Exception {
        DetectionSerializer s = new DetectionSerializer();
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(d, out);
        return s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void flinkUsesItWhereverDetectionsGo() {
        assertInstanceOf(DetectionSerializer.class, TypeInformation.of(Detection.class).createSerializer(CONFIG));
    }

    @Test
    void everyFieldGoesThereAndBack() throws Exception {
        Detection d = full();
        assertEquals(values(d), values(roundTrip(d)));
        // a keep-alive: most fields null, and lists that older state may hold as null
        Detection bare = Detection.keepAlive(Domain.MINE, "S1", 42);
        bare.evidence = null;
        bare.modifiers = null;
        bare.contains = null;
        assertEquals(values(bare), values(roundTrip(bare)));
        // each flag alone (a swapped pair would pass when all are set), and null elements of the lists
        for (Field flag : fields(Detection.class)) {
            if (flag.getType() == boolean.class) {
                Detection one = full();
                for (Field f : fields(Detection.class)) {
                    if (f.getType() == boolean.class) {
                        f.setBoolean(one, f.equals(flag));
                    }
                }
                assertEquals(values(one), values(roundTrip(one)), flag.getName() + " alone");
            }
        }
        Detection holes = full();
        holes.evidence.add(1, null);
        holes.modifiers.add(null);
        holes.modifiers.add(new jilin.ew.schema.Modifier(null, null));
        holes.contains.add(0, null);
        assertEquals(values(holes), values(roundTrip(holes)));
    }

    @Test
    void aCopySharesNothingThatChanges() throws Exception {
        Detection d = full();
        Map<String, String> before = values(d);
        Detection c = new DetectionSerializer().copy(d);
        assertEquals(before, values(c));
        c.evidence.add("more");
        c.contains.clear();
        c.modifiers.get(0).reason = "changed";
        assertEquals(before, values(d));
        assertNotEquals(before, values(c));
    }

    @Test
    void detectionsThePreviousVersionWroteAreReadAndMigrated() throws Exception {
        // the POJO forms of earlier versions, in which savepoints hold the lifecycle's state: an alert's state is a
        // POJO still (its fields' types as Flink gives them, lists included), its last detection was one as well
        PojoTypeInfo<AlertState> state = (PojoTypeInfo<AlertState>) TypeInformation.of(AlertState.class);
        Map<String, TypeInformation<?>> a = new LinkedHashMap<>();
        for (int i = 0; i < state.getArity(); i++) {
            PojoField x = state.getPojoFieldAt(i);
            a.put(x.getField().getName(), x.getTypeInformation());
        }
        Map<String, TypeInformation<?>> f = new LinkedHashMap<>();
        for (Field x : fields(Detection.class)) {
            // the lists are of the same kinds as the alert state's
            f.put(x.getName(), x.getType() == List.class ? a.get(x.getName()) : TypeInformation.of(x.getType()));
        }
        TypeSerializer<Detection> old = Types.POJO(Detection.class, f).createSerializer(CONFIG);
        assertInstanceOf(PojoSerializer.class, old);
        Detection d = full();
        assertEquals(values(d), values(migrated(old, d, new DetectionSerializer())));
        // as the lifecycle's state holds them: lists of detections waiting for the watermark
        Detection bare = Detection.keepAlive(Domain.MINE, "S1", 42);
        List<Detection> back = migrated(new ListSerializer<>(old), List.of(d, bare),
                new ListSerializer<>(new DetectionSerializer()));
        assertEquals(List.of(values(d), values(bare)), List.of(values(back.get(0)), values(back.get(1))));
        // and inside each alert's state (its last detection)
        a.put("last", Types.POJO(Detection.class, f));
        TypeSerializer<AlertState> oldState = Types.POJO(AlertState.class, a).createSerializer(CONFIG);
        AlertState s = new AlertState();
        s.ruleId = "MINE_CH4_RAPID_RISE";
        s.level = Level.RED;
        s.last = d;
        AlertState restored = migrated(oldState, s, TypeInformation.of(AlertState.class).createSerializer(CONFIG));
        assertEquals("MINE_CH4_RAPID_RISE", restored.ruleId);
        assertEquals(Level.RED, restored.level);
        assertEquals(values(d), values(restored.last));
        assertTrue(new DetectionSerializer().snapshotConfiguration().resolveSchemaCompatibility(
                new DetectionSerializer().snapshotConfiguration()).isCompatibleAsIs());
    }
}
