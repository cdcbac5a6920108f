package jilin.ew.vehicle;

import java.util.ArrayList;
import java.util.List;

/**
 * What the ordered path keeps per vehicle: positions waiting for the watermark, the last position, and
 * small accumulators per rule (runs of breaching positions, driving and rest time). Bounded: no history.
 */
public class VehicleState {
    /** Positions not yet passed by the watermark, in event-time order. */
    public List<Pending> pending = new ArrayList<>();

    public long lastTs = Long.MIN_VALUE;
    public double lastSpeed = Double.NaN;
    public String lastSectionId;
    public double lastFraction;

    /** Consecutive positions over the section limit (raws and speeds, newest last; at most the rule's count). */
    public List<String> sectionRunRaw = new ArrayList<>();
    public List<Double> sectionRunSpeed = new ArrayList<>();
    public String sectionRunId;
    /**
     * A {@link jilin.ew.vehicle.rule.SectionSpeeding} alert was raised on the section the vehicle is on (cleared
     * when it leaves).
     */
    public String sectionAlertedId;

    public long classOverSince = Long.MIN_VALUE;
    public String classOverFirstRaw;

    public List<String> nightRunRaw = new ArrayList<>();

    /** Start of the current continuous driving (first moving position after a rest), or MIN_VALUE. */
    public long driveStartTs = Long.MIN_VALUE;
    public String driveStartRaw;
    public long drivingMs;
    /** Since when the vehicle has stood still, or MIN_VALUE while moving. */
    public long stopSinceTs = Long.MIN_VALUE;

    /** Last position on a dangerous section faster than the sudden-stop speed. */
    public long fastTs = Long.MIN_VALUE;
    public double fastSpeed;
    public String fastRaw;

    public boolean lastWasRunaway;
    /** When to drop the state of a vehicle that stopped reporting. */
    public long cleanupAt = Long.MIN_VALUE;

    public VehicleState() {}

    /** One position waiting for the watermark, with its section match made on arrival. */
    public static class Pending {
        public long ts;
        public double lat;
        public double lon;
        public double speed;
        public String sectionId;
        public double fraction;
        public String raw;

        public Pending() {}
    }
}
