package jilin.ew.schema;

/** Where an alert is in its life. */
public enum AlertStatus {
    NEW, ESCALATED, UPDATED, CLEARED
}
