package jilin.ew.alert.cap;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import jilin.ew.schema.Domain;
import jilin.ew.seeds.SeedCatalog;

/**
 * What a CAP rendering needs beyond the alert: the sender, whether the run is an exercise (simulated or
 * backtest input), the reference data that names places, and the GB/T 35965.1 identifier parts. Fixed once made
 * ({@link #of}): a renderer shared by parallel sinks reads it without locks.
 */
public final class CapContext implements Serializable {
    private static final long serialVersionUID = 1L;

    /** CAP sender: no spaces, commas or ampersands (CAP 1.2 section 3.2.1). */
    private final String sender = "jilin-early-warning@yjt.jl.gov.cn";
    /** Name of the sender for people (info/senderName). */
    private final String senderName = "吉林省安全生产风险监测预警系统";
    private final String senderNameEn = "Jilin provincial safety risk early-warning system";
    /** True for simulated and backtest runs: status Exercise instead of Actual. */
    private final boolean exercise;
    /** Area code used when an alert has no prefecture (the province). */
    private final String provinceCode = "220000";
    /**
     * GB/T 35965.1 sector code (DDD) by domain. Design choice: the standard leaves the sector table to the
     * issuing system's registration; these are the project's placeholders until the province assigns codes.
     */
    private final Map<Domain, String> sectors = new EnumMap<>(Map.of(
            Domain.MINE, "310", Domain.GAS_NETWORK, "320", Domain.VEHICLE, "330", Domain.REPORT, "300"));
    /** Internal unit (UUU) and sub-unit (XX) codes of this system inside the sector (design choice). */
    private final String unit = "001";
    private final String subUnit = "00";
    /** Radius of the CAP circle around a subject's position, km, by domain (design choice). */
    private final Map<Domain, Double> radiusKm = new EnumMap<>(Map.of(
            Domain.MINE, 1.0, Domain.GAS_NETWORK, 0.5, Domain.VEHICLE, 1.0, Domain.REPORT, 1.0));
    /** Names prefectures and mines in areaDesc and the Chinese description; may be null. */
    private final SeedCatalog catalog;

    private CapContext(SeedCatalog catalog, boolean exercise) {
        this.catalog = catalog;
        this.exercise = exercise;
    }

    /** A context over the given reference data; {@code exercise} for simulated or backtest input. */
    public static CapContext of(SeedCatalog catalog, boolean exercise) {
        return new CapContext(catalog, exercise);
    }

    public String sender() {
        return sender;
    }

    public String senderName() {
        return senderName;
    }

    public String senderNameEn() {
        return senderNameEn;
    }

    public boolean exercise() {
        return exercise;
    }

    public String provinceCode() {
        return provinceCode;
    }

    /** The GB/T 35965.1 sector code of a domain; {@code fallback} for a domain without one. */
    public String sector(Domain domain, String fallback) {
        return sectors.getOrDefault(domain, fallback);
    }

    public String unit() {
        return unit;
    }

    public String subUnit() {
        return subUnit;
    }

    /** The CAP circle's radius around a subject of a domain, km; {@code fallback} for a domain without one. */
    public double radiusKm(Domain domain, double fallback) {
        return radiusKm.getOrDefault(domain, fallback);
    }

    /** The reference data that names places; may be null. */
    public SeedCatalog catalog() {
        return catalog;
    }
}
