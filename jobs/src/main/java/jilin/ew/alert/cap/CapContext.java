package jilin.ew.alert.cap;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import jilin.ew.schema.Domain;
import jilin.ew.seeds.SeedCatalog;

/**
 * What a CAP rendering needs beyond the alert: the sender, whether the run is an exercise (simulated or
 * backtest input), the reference data that names places, and the GB/T 35965.1 identifier parts.
 */
public final class CapContext implements Serializable {
    private static final long serialVersionUID = 1L;

    /** CAP sender: no spaces, commas or ampersands (CAP 1.2 section 3.2.1). */
    public String sender = "jilin-early-warning@yjt.jl.gov.cn";
    /** Name of the sender for people (info/senderName). */
    public String senderName = "吉林省安全生产风险监测预警系统";
    public String senderNameEn = "Jilin provincial safety risk early-warning system";
    /** True for simulated and backtest runs: status Exercise instead of Actual. */
    public boolean exercise;
    /** Area code used when an alert has no prefecture (the province). */
    public String provinceCode = "220000";
    /**
     * GB/T 35965.1 sector code (DDD) by domain. Design choice: the standard leaves the sector table to the
     * issuing system's registration; these are the project's placeholders until the province assigns codes.
     */
    public Map<Domain, String> sectors = new EnumMap<>(Map.of(
            Domain.MINE, "310", Domain.GAS_NETWORK, "320", Domain.VEHICLE, "330", Domain.REPORT, "300"));
    /** Internal unit (UUU) and sub-unit (XX) codes of this system inside the sector (design choice). */
    public String unit = "001";
    public String subUnit = "00";
    /** Radius of the CAP circle around a subject's position, km, by domain (design choice). */
    public Map<Domain, Double> radiusKm = new EnumMap<>(Map.of(
            Domain.MINE, 1.0, Domain.GAS_NETWORK, 0.5, Domain.VEHICLE, 1.0, Domain.REPORT, 1.0));
    /** Names prefectures and mines in areaDesc and the Chinese description; may be null. */
    public SeedCatalog catalog;

    public CapContext() {}

    /** A context over the given reference data; {@code exercise} for simulated or backtest input. */
    public static CapContext of(SeedCatalog catalog, boolean exercise) {
        CapContext c = new CapContext();
        c.catalog = catalog;
        c.exercise = exercise;
        return c;
    }
}
