package jilin.ew.seeds;

/** Where a mine sensor sits (wire contract v1, {@code mine.sensor.location}). */
public enum SensorLocation {
    UPPER_CORNER, WORKING_FACE, WORKING_FACE_RETURN, INTAKE, DRAINAGE_ROADWAY, SHEARER,
    HEADING_FACE, HEADING_RETURN, MINE_RETURN, ELECTRICAL_CHAMBER, OTHER
}
