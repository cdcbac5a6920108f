package jilin.ew.job;

import jilin.ew.schema.Alert;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.Handling;

/** One item out of a local run: an alert, a dead letter or an incident's handling state (exactly one is set). */
public class JobOutput {
    public Alert alert;
    public DeadLetter deadLetter;
    public Handling handling;

    public JobOutput() {}

    public static JobOutput of(Alert a) {
        JobOutput o = new JobOutput();
        o.alert = a;
        return o;
    }

    public static JobOutput of(Handling h) {
        JobOutput o = new JobOutput();
        o.handling = h;
        return o;
    }

    public static JobOutput of(DeadLetter d) {
        JobOutput o = new JobOutput();
        o.deadLetter = d;
        return o;
    }
}
