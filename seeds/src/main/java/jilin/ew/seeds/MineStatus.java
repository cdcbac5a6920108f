package jilin.ew.seeds;

/** Operating class of a coal mine as named by the provincial plan. */
public enum MineStatus {
    PRODUCING, EXPANDING, SHUTDOWN_LONG_TERM, CAPACITY_REMOVAL;

    /** True for mines that should show no production activity (watched on site). */
    public boolean isIdle() {
        return this == SHUTDOWN_LONG_TERM || this == CAPACITY_REMOVAL;
    }
}
