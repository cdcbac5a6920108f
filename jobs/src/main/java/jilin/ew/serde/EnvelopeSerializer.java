package jilin.ew.serde;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import jilin.ew.schema.Envelope;
import jilin.ew.schema.EventType;
import jilin.ew.schema.GasReading;
import jilin.ew.schema.GasStationDef;
import jilin.ew.schema.HazardReport;
import jilin.ew.schema.MineReading;
import jilin.ew.schema.MineSensorDef;
import jilin.ew.schema.VehiclePosition;
import jilin.ew.schema.VehicleRegistration;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializer for {@link Envelope} on the wire between operators. Flink's POJO serializer builds every one of
 * the seven payload objects for each record it reads and copies strings char by char; this one writes the type,
 * the event time, the raw text as UTF-8 and the one payload set, by hand for the three high-volume readings
 * and through Flink's POJO serializer for the rare definitions and reports.
 *
 * <p>A decoded envelope is never changed after decoding (every function reads it and builds new outputs), so it
 * is declared immutable and "copying" hands on the same instance: the job fans each message out to every
 * domain's filter in one chain, and Flink would otherwise deep-copy it for each.
 */
public final class EnvelopeSerializer extends ImmutableSerializer<Envelope> {
    private static final long serialVersionUID = 1L;
    private static final EventType[] TYPES = EventType.values();
    private static final String[] STATUSES = {MineReading.OK, MineReading.CALIBRATING, MineReading.FAULT};
    private static final byte[][] STATUS_BYTES = new byte[STATUSES.length][];

    static {
        for (int i = 0; i < STATUSES.length; i++) {
            STATUS_BYTES[i] = STATUSES[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    private final TypeSerializer<MineSensorDef> mineSensor = pojo(MineSensorDef.class);
    private final TypeSerializer<GasStationDef> gasStation = pojo(GasStationDef.class);
    private final TypeSerializer<VehicleRegistration> vehicleRegistration = pojo(VehicleRegistration.class);
    private final TypeSerializer<HazardReport> hazardReport = pojo(HazardReport.class);

    private static <T> TypeSerializer<T> pojo(Class<T> type) {
        return TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
    }

    @Override
    public TypeSerializer<Envelope> duplicate() {
        return new EnvelopeSerializer(); // the POJO delegates may keep per-thread state
    }

    @Override
    public Envelope createInstance() {
        return new Envelope();
    }

    @Override
    public void serialize(Envelope e, DataOutputView out) throws IOException {
        out.writeByte(e.type.ordinal());
        out.writeLong(e.ts);
        writeString(e.raw, out);
        switch (e.type) {
            case MINE_READING:
                writeString(e.mineReading.sensorId, out);
                out.writeDouble(e.mineReading.value);
                writeString(e.mineReading.status, out);
                break;
            case GAS_READING:
                writeString(e.gasReading.stationId, out);
                writeString(e.gasReading.measure, out);
                out.writeDouble(e.gasReading.value);
                break;
            case VEHICLE_POSITION:
                VehiclePosition p = e.vehiclePosition;
                writeString(p.vehicleId, out);
                out.writeDouble(p.lat);
                out.writeDouble(p.lon);
                out.writeDouble(p.speedKmh);
                out.writeByte(p.heading == null ? 0 : 1);
                if (p.heading != null) {
                    out.writeDouble(p.heading);
                }
                out.writeByte(p.acc == null ? 0 : p.acc ? 2 : 1);
                out.writeLong(p.alarmFlags);
                break;
            case MINE_SENSOR:
                mineSensor.serialize(e.mineSensor, out);
                break;
            case GAS_STATION:
                gasStation.serialize(e.gasStation, out);
                break;
            case VEHICLE_REGISTRATION:
                vehicleRegistration.serialize(e.vehicleRegistration, out);
                break;
            case HAZARD_REPORT:
                hazardReport.serialize(e.hazardReport, out);
                break;
            default:
                throw new IllegalStateException("no payload layout for " + e.type);
        }
    }

    @Override
    public Envelope deserialize(DataInputView in) throws IOException {
        Envelope e = new Envelope();
        e.type = TYPES[in.readByte()];
        e.ts = in.readLong();
        e.raw = readString(in);
        switch (e.type) {
            case MINE_READING:
                e.mineReading = new MineReading(readString(in), in.readDouble(), readStatus(in));
                break;
            case GAS_READING:
                GasReading g = new GasReading();
                g.stationId = readString(in);
                g.measure = readString(in);
                g.value = in.readDouble();
                e.gasReading = g;
                break;
            case VEHICLE_POSITION:
                VehiclePosition p = new VehiclePosition();
                p.vehicleId = readString(in);
                p.lat = in.readDouble();
                p.lon = in.readDouble();
                p.speedKmh = in.readDouble();
                p.heading = in.readByte() == 0 ? null : in.readDouble();
                byte acc = in.readByte();
                p.acc = acc == 0 ? null : acc == 2;
                p.alarmFlags = in.readLong();
                e.vehiclePosition = p;
                break;
            case MINE_SENSOR:
                e.mineSensor = mineSensor.deserialize(in);
                break;
            case GAS_STATION:
                e.gasStation = gasStation.deserialize(in);
                break;
            case VEHICLE_REGISTRATION:
                e.vehicleRegistration = vehicleRegistration.deserialize(in);
                break;
            case HAZARD_REPORT:
                e.hazardReport = hazardReport.deserialize(in);
                break;
            default:
                throw new IllegalStateException("no payload layout for " + e.type);
        }
        return e;
    }

    /**
     * A mine reading's status as one shared instance per value of the contract's enum: every reading waits for the
     * watermark with its status, and a string of its own each was two objects more to keep and to reach again.
     */
    private static String readStatus(DataInputView in) throws IOException {
        byte[] b = readBytes(in);
        if (b == null) {
            return null;
        }
        for (int i = 0; i < STATUSES.length; i++) {
            if (Arrays.equals(b, STATUS_BYTES[i])) {
                return STATUSES[i];
            }
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public TypeSerializerSnapshot<Envelope> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Stateless: any two versions of this layout read each other's snapshot as the same serializer. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Envelope> {
        public Snapshot() {
            super(EnvelopeSerializer::new);
        }
    }
}
