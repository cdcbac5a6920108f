package jilin.ew.seeds;

/** Measured quantity of a mine sensor (wire contract v1, {@code mine.sensor.kind}). */
public enum SensorKind {
    CH4, CO, O2, CO2, TEMP, WIND_SPEED
}
