package jilin.ew.vehicle;

import java.io.Serializable;
import java.util.Objects;
import org.locationtech.jts.geom.LineString;

/**
 * A dangerous road section (seeds/road-sections.geojson): its limits, matching buffer and geometry,
 * a JTS LineString with x = longitude, y = latitude (WGS-84 degrees).
 *
 * @param downhillDirection null unless {@code kind} is {@link Kind#LONG_DOWNHILL}
 */
public record RoadSection(
        String sectionId,
        String name,
        String nameEn,
        Kind kind,
        String road,
        String prefecture,
        int speedLimitKmh,
        int nightSpeedLimitKmh,
        double lengthKm,
        Downhill downhillDirection,
        double bufferM,
        LineString line) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Kind of danger, as in the seed file. */
    public enum Kind { LONG_DOWNHILL, SHARP_BEND, STEEP_SLOPE }

    /** Which way is downhill: FORWARD means travelling from the first coordinate to the last. */
    public enum Downhill { FORWARD, REVERSE }

    public RoadSection {
        Objects.requireNonNull(sectionId, "sectionId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(line, "line");
        if (line.getNumPoints() < 2) {
            throw new IllegalArgumentException(sectionId + ": a section needs at least 2 coordinates");
        }
        if (!(bufferM > 0)) {
            throw new IllegalArgumentException(sectionId + ": bufferM must be > 0, was " + bufferM);
        }
    }

    public boolean isLongDownhill() {
        return kind == Kind.LONG_DOWNHILL;
    }

    /**
     * True if moving from fraction {@code from} to fraction {@code to} along the line (see
     * {@link SectionMatch#fraction()}) goes downhill; false on sections without a downhill direction.
     */
    public boolean isDownhill(double from, double to) {
        if (downhillDirection == null || from == to) {
            return false;
        }
        return downhillDirection == Downhill.FORWARD ? to > from : to < from;
    }
}
