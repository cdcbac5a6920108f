package jilin.ew.serde;

/**
 * Base of the project's own serializers for values never changed once built: "copying" hands on the same
 * instance (Flink copies a value for every chained consumer and for every state access during a checkpoint).
 */
public abstract class ImmutableSerializer<T> extends OwnSerializer<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean isImmutableType() {
        return true;
    }

    @Override
    public T copy(T from) {
        return from;
    }

    @Override
    public T copy(T from, T reuse) {
        return from;
    }
}
