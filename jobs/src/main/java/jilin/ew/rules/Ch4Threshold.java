package jilin.ew.rules;

import java.io.Serializable;

/** Methane settings of one sensor location (% CH4): alarm, power cut (null: none) and restore. */
public class Ch4Threshold implements Serializable {
    private static final long serialVersionUID = 1L;

    public double alarm;
    public Double powerCut;
    public double restore;
    public String source;

    public Ch4Threshold() {}

    public Ch4Threshold(double alarm, Double powerCut, double restore) {
        this.alarm = alarm;
        this.powerCut = powerCut;
        this.restore = restore;
    }
}
