package jilin.ew.gas;

/**
 * Gas pipeline pressure classes of GB 50028 (DOMAIN.md, "City gas networks"), in MPa: a reading outside
 * its point's class means a regulator failed (over) or the line lost pressure (under).
 */
public enum PressureClass {
    LOW(0.0, 0.01),
    MEDIUM_B(0.01, 0.2),
    MEDIUM_A(0.2, 0.4),
    SUB_HIGH_B(0.4, 0.8),
    SUB_HIGH_A(0.8, 1.6),
    HIGH_B(1.6, 2.5),
    HIGH_A(2.5, 4.0);

    public final double minMPa;
    public final double maxMPa;

    PressureClass(double minMPa, double maxMPa) {
        this.minMPa = minMPa;
        this.maxMPa = maxMPa;
    }

    /** True when the pressure lies inside the class (LOW is below 0.01, the other bounds are inclusive). */
    public boolean contains(double mpa) {
        return this == LOW ? mpa >= 0 && mpa < maxMPa : mpa >= minMPa && mpa <= maxMPa;
    }

    /** The class of the name, or null for none or an unknown one. */
    public static PressureClass of(String name) {
        if (name == null) {
            return null;
        }
        for (PressureClass c : values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }
}
