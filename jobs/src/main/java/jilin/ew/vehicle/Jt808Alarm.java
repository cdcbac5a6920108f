package jilin.ew.vehicle;

import java.util.ArrayList;
import java.util.List;

/** JT/T 808 location-report (0x0200) alarm DWORD: the bits the rules use (docs/design.md section 11.4). */
public final class Jt808Alarm {
    public static final int EMERGENCY = 0;
    public static final int OVERSPEED = 1;
    public static final int FATIGUE = 2;
    public static final int OVERSPEED_WARNING = 13;
    public static final int FATIGUE_WARNING = 14;
    public static final int ROUTE_DEVIATION = 23;
    public static final int COLLISION = 29;
    public static final int ROLLOVER = 30;

    private static final long COLLISION_OR_ROLLOVER = mask(COLLISION) | mask(ROLLOVER);
    private static final String[] NAMES = new String[32];

    static {
        NAMES[EMERGENCY] = "EMERGENCY";
        NAMES[OVERSPEED] = "OVERSPEED";
        NAMES[FATIGUE] = "FATIGUE";
        NAMES[OVERSPEED_WARNING] = "OVERSPEED_WARNING";
        NAMES[FATIGUE_WARNING] = "FATIGUE_WARNING";
        NAMES[ROUTE_DEVIATION] = "ROUTE_DEVIATION";
        NAMES[COLLISION] = "COLLISION";
        NAMES[ROLLOVER] = "ROLLOVER";
    }

    private Jt808Alarm() {}

    public static long mask(int bit) {
        return 1L << bit;
    }

    public static boolean isSet(long flags, int bit) {
        return (flags & mask(bit)) != 0;
    }

    /** True if the collision (29) or rollover (30) bit is set: {@link jilin.ew.vehicle.rule.TerminalAlarm}. */
    public static boolean collisionOrRollover(long flags) {
        return (flags & COLLISION_OR_ROLLOVER) != 0;
    }

    /**
     * Names of the set bits, lowest first; bits without a name here appear as "BIT_n" so evidence keeps
     * them. Only the DWORD's 32 bits are read.
     */
    public static List<String> names(long flags) {
        List<String> out = new ArrayList<>();
        for (int bit = 0; bit < 32; bit++) {
            if (isSet(flags, bit)) {
                out.add(NAMES[bit] != null ? NAMES[bit] : "BIT_" + bit);
            }
        }
        return out;
    }
}
