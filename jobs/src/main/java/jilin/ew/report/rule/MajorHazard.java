package jilin.ew.report.rule;

import jilin.ew.alert.Detection;
import jilin.ew.rules.RuleConfig;
import jilin.ew.rules.RuleSet;
import jilin.ew.schema.HazardReport;

/** REPORT_MAJOR_HAZARD: a MAJOR (重大隐患) hazard report raises an alert on its subject (docs/design.md section 6). */
public final class MajorHazard {
    public static final String ID = "REPORT_MAJOR_HAZARD";

    private MajorHazard() {}

    /**
     * Makes {@code d}, a detection of the report's subject, the rule's alert and returns it, or returns null when
     * the report is not major or the rule is off. {@code describe}, {@code who} and {@code text} word the subject,
     * the reporter and the report's own text.
     */
    public static Detection detect(Detection d, HazardReport r, String describe, String who, String text,
                                   RuleSet rules) {
        RuleConfig major = rules.rules.get(ID);
        if (!"MAJOR".equals(r.severity) || major == null || !major.enabled) {
            return null;
        }
        d.ruleId = ID;
        d.baseLevel = major.level;
        d.title = "Major hazard reported: " + r.subjectId;
        d.detail = "A major hazard (重大隐患) on " + describe + " was reported by " + who + " (report "
                + r.reportId + (r.category == null ? "" : ", " + r.category) + ")" + text
                + ": send an inspector, stop the affected operation until it is put right and check the "
                + "subject's monitoring.";
        return d;
    }
}
