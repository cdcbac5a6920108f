package jilin.ew.schema;

/**
 * One decoded, validated input message: its type, event time and raw text, with exactly one payload set.
 * A flat POJO so Flink serializes it without Kryo.
 */
public class Envelope {
    public EventType type;
    /** Event time, epoch milliseconds. */
    public long ts;
    /** The message as received; kept as evidence. */
    public String raw;

    public MineSensorDef mineSensor;
    public MineReading mineReading;
    public GasStationDef gasStation;
    public GasReading gasReading;
    public VehicleRegistration vehicleRegistration;
    public VehiclePosition vehiclePosition;
    public HazardReport hazardReport;

    public Envelope() {}

    /** The id this message is about: sensor, station, vehicle or report subject. */
    public String subjectId() {
        switch (type) {
            case MINE_SENSOR: return mineSensor.sensorId;
            case MINE_READING: return mineReading.sensorId;
            case GAS_STATION: return gasStation.stationId;
            case GAS_READING: return gasReading.stationId;
            case VEHICLE_REGISTRATION: return vehicleRegistration.vehicleId;
            case VEHICLE_POSITION: return vehiclePosition.vehicleId;
            case HAZARD_REPORT: return hazardReport.subjectId;
            default: throw new IllegalStateException("no payload for " + type);
        }
    }
}
