package jilin.ew.gateway;

import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.EventType;

/**
 * Where a gateway puts what it translated: wire-contract messages (to the raw input topics or a JSONL file) and
 * dead letters for everything it refused. Implementations are safe to call from several threads.
 */
public interface Output extends AutoCloseable {
    /** One wire-contract message of {@code type}, keyed by its subject (vehicle or sensor id). */
    void message(EventType type, String key, String json);

    /** One refusal, with the input it refers to in {@code raw}. */
    void deadLetter(DeadLetter d);

    /**
     * Blocks until everything given so far is durable (acked by every in-sync replica, or written to the file);
     * throws if any of it was not. Callers that record progress (the mine-files ledger) call this first.
     */
    void flush() throws Exception;

    @Override
    void close();
}
