package jilin.ew.vehicle;

import java.io.Serializable;

/**
 * A position matched to a road section.
 *
 * @param distanceM metres from the position to the nearest point of the section's line
 * @param fraction  where that nearest point lies along the line, by length: 0 at the first coordinate,
 *                  1 at the last; comparing successive fractions gives the direction of travel
 * @param alongM    metres from the first coordinate to that nearest point
 */
public record SectionMatch(RoadSection section, double distanceM, double fraction, double alongM)
        implements Serializable {
    private static final long serialVersionUID = 1L;
}
