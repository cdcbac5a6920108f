package jilin.ew.schema;

/** The domain an alert belongs to. */
public enum Domain {
    MINE, GAS_NETWORK, VEHICLE, REPORT
}
