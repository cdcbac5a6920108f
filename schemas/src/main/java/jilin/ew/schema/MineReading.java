package jilin.ew.schema;

/** Wire type {@code mine.reading}: one polled value of a mine sensor. */
public class MineReading {
    /** The statuses of mine.reading.schema.json. */
    public static final String OK = "OK";
    public static final String CALIBRATING = "CALIBRATING";
    public static final String FAULT = "FAULT";

    public String sensorId;
    public double value;
    /** OK, CALIBRATING or FAULT; OK when absent. */
    public String status;

    public MineReading() {}

    public MineReading(String sensorId, double value, String status) {
        this.sensorId = sensorId;
        this.value = value;
        this.status = status;
    }

    public boolean calibrating() {
        return CALIBRATING.equals(status);
    }

    public boolean fault() {
        return FAULT.equals(status);
    }
}
