package jilin.ew.schema;

/** One grade raise applied to an alert, with its reason. */
public class Modifier {
    /** DISASTER_MINE, KEY_PERIOD, REPEAT, CROWD_PLACE, CORROBORATED, ... */
    public String modifier;
    public String reason;

    public Modifier() {}

    public Modifier(String modifier, String reason) {
        this.modifier = modifier;
        this.reason = reason;
    }
}
