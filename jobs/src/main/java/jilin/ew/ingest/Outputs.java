package jilin.ew.ingest;

import jilin.ew.schema.DeadLetter;
import org.apache.flink.util.OutputTag;

/** Side-output tags shared by every operator. */
public final class Outputs {
    /** Messages that cannot be used, with the reason; every operator that refuses input writes here. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private Outputs() {}
}
