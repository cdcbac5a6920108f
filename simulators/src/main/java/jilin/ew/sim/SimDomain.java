package jilin.ew.sim;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The simulated streams a {@link MixedSimulator} can mix: coal mines, city gas networks (with hazard reports), key vehicles. */
public enum SimDomain {
    MINE, GAS, VEHICLE;

    /**
     * Parses a comma-separated list such as {@code mine,gas,vehicle} (case-insensitive); {@code all} means every
     * domain. Throws IllegalArgumentException naming a word that is none of them.
     */
    public static Set<SimDomain> parse(String list) {
        EnumSet<SimDomain> out = EnumSet.noneOf(SimDomain.class);
        for (String word : list.split(",")) {
            String w = word.trim().toUpperCase(Locale.ROOT);
            if (w.isEmpty()) {
                continue;
            }
            if (w.equals("ALL")) {
                out.addAll(EnumSet.allOf(SimDomain.class));
            } else {
                try {
                    out.add(valueOf(w));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown domain '" + word.trim()
                            + "' (expected mine, gas, vehicle or all)");
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no domain given (expected mine, gas, vehicle or all)");
        }
        return out;
    }
}
