package jilin.ew.schema;

/** Alert grade I-IV (RED highest); raising is capped at RED. */
public enum Level {
    BLUE("IV", "Minor"),
    YELLOW("III", "Moderate"),
    ORANGE("II", "Severe"),
    RED("I", "Extreme");

    private final String grade;
    private final String capSeverity;

    Level(String grade, String capSeverity) {
        this.grade = grade;
        this.capSeverity = capSeverity;
    }

    /** Roman grade of the provincial plan (I is the most severe). */
    public String grade() {
        return grade;
    }

    /** CAP 1.2 severity value this grade maps to. */
    public String capSeverity() {
        return capSeverity;
    }

    /** This level raised by {@code steps} grades, never above RED. */
    public Level raise(int steps) {
        return values()[Math.min(RED.ordinal(), ordinal() + Math.min(Math.max(0, steps), RED.ordinal()))];
    }

    public boolean atLeast(Level other) {
        return ordinal() >= other.ordinal();
    }
}
