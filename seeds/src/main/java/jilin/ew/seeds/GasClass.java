package jilin.ew.seeds;

/** Gas classification of a coal mine. */
public enum GasClass {
    LOW_GAS, HIGH_GAS, OUTBURST
}
