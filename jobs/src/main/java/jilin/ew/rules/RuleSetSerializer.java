package jilin.ew.rules;

import java.io.IOException;
import jilin.ew.serde.ImmutableSerializer;
import jilin.ew.serde.PackedSerializer;
import jilin.ew.serde.SerializerType;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink's serializer of {@link RuleSet} (the rules stream and the broadcast state): the rule-set file's own JSON,
 * so what a checkpoint holds reads like what the analyst wrote. A rule set has no public setters, so Flink would
 * otherwise fall back to Kryo; earlier versions' state, written by the POJO serializer, is migrated on restore.
 */
public final class RuleSetSerializer extends ImmutableSerializer<RuleSet> {
    private static final long serialVersionUID = 1L;

    static TypeInformation<RuleSet> type() {
        return new SerializerType<>(RuleSet.class, RuleSetSerializer::new);
    }

    @Override
    public TypeSerializer<RuleSet> duplicate() {
        return this; // stateless
    }

    @Override
    public RuleSet createInstance() {
        return new RuleSet();
    }

    @Override
    public void serialize(RuleSet value, DataOutputView out) throws IOException {
        writeBytes(RuleSets.toBytes(value), out);
    }

    @Override
    public RuleSet deserialize(DataInputView in) throws IOException {
        return RuleSets.fromBytes(readBytes(in));
    }

    @Override
    public TypeSerializerSnapshot<RuleSet> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Flink finds the serializer through this factory (named on {@link RuleSet}). */
    public static final class Factory extends TypeInfoFactory<RuleSet> {
        @Override
        public TypeInformation<RuleSet> createTypeInfo(java.lang.reflect.Type t,
                                                       java.util.Map<String, TypeInformation<?>> params) {
            return type();
        }
    }

    /** Reads state written by the POJO serializer of earlier versions, then migrates it. */
    public static final class Snapshot extends PackedSerializer.Snapshot<RuleSet> {
        @Override
        public TypeSerializer<RuleSet> restoreSerializer() {
            return new RuleSetSerializer();
        }
    }
}
