package jilin.ew.gas;

import jilin.ew.rules.ClassDefaults;
import jilin.ew.rules.RuleSet;

/**
 * A gas pipeline pressure class of GB 50028 (LOW, MEDIUM_B ... HIGH_A) with its band in MPa, as the rule set in
 * force sets it (classDefaults: minMPa, maxMPa): a reading outside its point's band means a regulator failed
 * (over) or the line lost pressure (under).
 *
 * @param name the class name of {@code gas.station} pressureClass
 */
public record PressureClass(String name, double minMPa, double maxMPa) {
    /** The lowest class: its upper bound is exclusive (GB 50028 low pressure is below 0.01 MPa). */
    public static final String LOW = "LOW";
    public static final String MIN_MPA = "minMPa";
    public static final String MAX_MPA = "maxMPa";

    /** True when the pressure lies inside the band (LOW is below its maximum, the other bounds are inclusive). */
    public boolean contains(double mpa) {
        return LOW.equals(name) ? mpa >= minMPa && mpa < maxMPa : mpa >= minMPa && mpa <= maxMPa;
    }

    /**
     * The class of the name with the rule set's band, or null for no name, or a class the rule set gives no band
     * (the validator requires every shipped class with both bounds, so this is a point without a class).
     */
    public static PressureClass of(String name, RuleSet rules) {
        ClassDefaults d = rules.classDefaults(name);
        if (d == null || !d.params().containsKey(MIN_MPA) || !d.params().containsKey(MAX_MPA)) {
            return null;
        }
        return new PressureClass(name, d.params().get(MIN_MPA), d.params().get(MAX_MPA));
    }
}
