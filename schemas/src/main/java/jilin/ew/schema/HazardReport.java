package jilin.ew.schema;

/** Wire type {@code hazard.report}: a hazard reported by an inspector, enterprise, the public or remote sensing. */
public class HazardReport {
    public String reportId;
    public String source;
    public String subjectId;
    public String severity;
    public String category;
    public String text;
    public Double lat;
    public Double lon;

    public HazardReport() {}
}
