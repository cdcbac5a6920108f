package jilin.ew.rules;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.io.Serializable;

/**
 * Methane settings of one sensor location (% CH4): alarm, power cut (null: none) and restore. Read-only outside
 * this package: changes go through {@link RuleSet#edit()}.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public final class Ch4Threshold implements Serializable {
    private static final long serialVersionUID = 1L;

    private double alarm;
    private Double powerCut;
    private double restore;
    private String source;

    /** Empty: for Jackson and for state written by earlier versions (Flink's POJO serializer). */
    public Ch4Threshold() {}

    public Ch4Threshold(double alarm, Double powerCut, double restore) {
        this.alarm = alarm;
        this.powerCut = powerCut;
        this.restore = restore;
    }

    Ch4Threshold copy() {
        Ch4Threshold c = new Ch4Threshold(alarm, powerCut, restore);
        c.source = source;
        return c;
    }

    public double alarm() {
        return alarm;
    }

    /** Null when the location has no power-cut value. */
    public Double powerCut() {
        return powerCut;
    }

    public double restore() {
        return restore;
    }

    public String source() {
        return source;
    }

    void setAlarm(double alarm) {
        this.alarm = alarm;
    }

    void setPowerCut(Double powerCut) {
        this.powerCut = powerCut;
    }

    void setRestore(double restore) {
        this.restore = restore;
    }

    void setSource(String source) {
        this.source = source;
    }
}
