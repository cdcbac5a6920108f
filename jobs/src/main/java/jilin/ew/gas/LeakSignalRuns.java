package jilin.ew.gas;

/**
 * Which of a point's leak-signal candidates go to the leak pattern. A detector that stays above the level
 * (or a station whose pressure stays low) would otherwise send every reading, every few seconds, and each one
 * opens a partial match that CEP carries and re-tests for the whole window. Sent instead: the first candidate
 * of a run, one at least every {@link #CADENCE_MS} while it lasts, the first at the red level, and the run's
 * last candidate once a reading ends the run. Sent candidates are never further apart than the cadence plus
 * one polling cycle and include both ends of each run, so any drop within the window of some candidate is
 * within the window of a sent one. Keyed state of one point; one run per signal kind.
 */
public class LeakSignalRuns {
    /** Longest gap between sent candidates of one run; well inside the leak window. */
    static final long CADENCE_MS = 60_000;

    public Run drop = new Run();
    public Run rise = new Run();

    public LeakSignalRuns() {}

    /** The run of a signal kind ({@link GasSignal#PRESSURE_DROP} or {@link GasSignal#LEL_RISE}). */
    Run of(String kind) {
        return GasSignal.PRESSURE_DROP.equals(kind) ? drop : rise;
    }

    /** The run of one signal kind. */
    public static class Run {
        public boolean inRun;
        public long lastSentTs = Long.MIN_VALUE;
        public boolean sentRed;
        /** The latest candidate not sent yet (null: none): sent when the run ends. */
        public GasSignal held;

        public Run() {}

        /** A candidate arrived: the signal to send now, or null while it is held back. */
        GasSignal candidate(GasSignal s, boolean red) {
            boolean send = !inRun || (red && !sentRed) || Math.abs(s.ts - lastSentTs) >= CADENCE_MS;
            inRun = true;
            if (!send) {
                held = s;
                return null;
            }
            held = null;
            lastSentTs = s.ts;
            sentRed |= red;
            return s;
        }

        /** A reading of this kind that is no candidate: ends the run; its last held candidate, if any, goes out. */
        GasSignal end() {
            GasSignal last = held;
            inRun = false;
            sentRed = false;
            held = null;
            return last;
        }
    }
}
