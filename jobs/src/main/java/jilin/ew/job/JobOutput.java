package jilin.ew.job;

import jilin.ew.schema.Alert;
import jilin.ew.schema.DeadLetter;

/** One item out of a local run: an alert or a dead letter (exactly one is set). */
public class JobOutput {
    public Alert alert;
    public DeadLetter deadLetter;

    public JobOutput() {}

    public static JobOutput of(Alert a) {
        JobOutput o = new JobOutput();
        o.alert = a;
        return o;
    }

    public static JobOutput of(DeadLetter d) {
        JobOutput o = new JobOutput();
        o.deadLetter = d;
        return o;
    }
}
