package jilin.ew.schema;

import java.util.ArrayList;
import java.util.List;

/** Why an escalation message was sent: nobody acknowledged the incident in time ({@link Alert#escalation}). */
public class Escalation {
    public int count;
    public String reason;
    public long unacknowledgedSec;
    public List<String> routes = new ArrayList<>();

    public Escalation() {}
}
