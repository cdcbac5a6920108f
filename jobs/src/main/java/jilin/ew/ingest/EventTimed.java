package jilin.ew.ingest;

/** A record that knows its own event time (a signal derived from one reading carries that reading's time). */
public interface EventTimed {
    long eventTs();
}
