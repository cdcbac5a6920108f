package jilin.ew.mine;

/** Where a reading stands against its location's thresholds; ordered from harmless to worst. */
public enum Band {
    NORMAL, ALARM, POWER_CUT;

    public boolean atLeast(Band other) {
        return ordinal() >= other.ordinal();
    }
}
