package jilin.ew.pipeline;

import jilin.ew.rules.RuleAwareFunction;
import jilin.ew.rules.RuleSet;

/**
 * A rule-aware keyed function whose elements wait for the watermark in its operator's {@link DueKeys} rather than
 * under a timer each: it schedules its key at its oldest waiting element, and {@code onTimer} is called for the key
 * once the watermark passes that ({@link DueKeysOperator}).
 */
public abstract class DueKeysFunction<IN, OUT> extends RuleAwareFunction<IN, OUT> {
    private static final long serialVersionUID = 1L;

    private final String waitingState;
    /** The operator instance's queue: keys with elements waiting, each due at its oldest. */
    protected transient DueKeys due;

    /** {@code waitingState}: the name of the keyed state that holds what waits. */
    protected DueKeysFunction(RuleSet initialRules, String waitingState) {
        super(initialRules);
        this.waitingState = waitingState;
    }

    /** The event time of the current key's oldest waiting element, or {@code Long.MIN_VALUE} when nothing waits. */
    protected abstract long oldestWaiting() throws Exception;

    /** The watermark in force (while due keys are taken, the one being passed; see {@link DueKeys#watermark}). */
    protected long watermark(ReadOnlyContext ctx) {
        return due.watermark(ctx.timerService());
    }

    /** Given by the operator in its open, before any element. */
    final void attach(DueKeys queue) {
        this.due = queue;
    }

    /** The keyed state whose keys may have elements waiting (the ones asked about after a restore). */
    final String waitingState() {
        return waitingState;
    }

    /** After a restore, with {@code key} current: due again at its oldest waiting element, if any. */
    final void requeue(String key) throws Exception {
        long oldest = oldestWaiting();
        if (oldest != Long.MIN_VALUE) {
            due.schedule(key, oldest);
        }
    }
}
