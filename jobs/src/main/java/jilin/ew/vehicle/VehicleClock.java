package jilin.ew.vehicle;

import java.time.Instant;
import java.time.LocalTime;
import jilin.ew.schema.Times;

/** Local-time windows of the key-vehicle rules, always in Jilin time (Asia/Shanghai), never the machine's zone. */
public final class VehicleClock {
    /** Long-distance bus stop window 02:00 (inclusive) to 05:00 (exclusive). */
    public static final LocalTime NIGHT_BAN_START = LocalTime.of(2, 0);
    public static final LocalTime NIGHT_BAN_END = LocalTime.of(5, 0);
    /** Bus night (80 % speed limit, 2 h driving): 22:00 (inclusive) to 06:00 (exclusive). */
    public static final LocalTime NIGHT_START = LocalTime.of(22, 0);
    public static final LocalTime NIGHT_END = LocalTime.of(6, 0);

    private VehicleClock() {}

    /** Wall-clock time in Jilin at the instant. */
    public static LocalTime localTime(long epochMs) {
        return Instant.ofEpochMilli(epochMs).atZone(Times.LOCAL_ZONE).toLocalTime();
    }

    /** True for local 02:00:00 <= t < 05:00:00 ({@link jilin.ew.vehicle.rule.NightBan}). */
    public static boolean isNightBanWindow(long epochMs) {
        LocalTime t = localTime(epochMs);
        return !t.isBefore(NIGHT_BAN_START) && t.isBefore(NIGHT_BAN_END);
    }

    /** True for local 22:00:00 <= t or t < 06:00:00 (bus night; the window spans midnight). */
    public static boolean isNight(long epochMs) {
        LocalTime t = localTime(epochMs);
        return !t.isBefore(NIGHT_START) || t.isBefore(NIGHT_END);
    }
}
