package jilin.ew.report;

/** Rule ids of the hazard report domain (docs/design.md section 6); ids are stable. */
public final class ReportRules {
    public static final String MAJOR_HAZARD = "REPORT_MAJOR_HAZARD";
    /** Applied by the alert lifecycle ({@link jilin.ew.alert.Corroboration}). */
    public static final String CORROBORATED = jilin.ew.alert.Corroboration.RULE;

    private ReportRules() {}
}
