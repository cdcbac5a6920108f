package jilin.ew.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.DecodeResult;
import jilin.ew.schema.Times;
import jilin.ew.schema.WireCodec;

/** Builds wire contract v1 messages and checks them with the contract's own codec before they leave a gateway. */
public final class Contract {
    // a codec per thread: WireCodec is meant to be owned by one user at a time, and gateways run several threads
    private static final ThreadLocal<WireCodec> CODEC = ThreadLocal.withInitial(WireCodec::new);

    private Contract() {}

    /**
     * Builds this thread's codec and runs it once now: loading and first use of the schemas take a while, and an
     * event loop that did it on its first position would stall every connection it serves.
     */
    public static void warmUp() {
        // one decode too: the schema validators compile their keywords and patterns on first use
        check(position("WARM-UP", 0L, 43.8, 125.3, 0, 0, false, 0), "");
        check(mineReading(0L, "WARM-UP", 0, null), "");
    }

    /** A {@code vehicle.position}; ts in Jilin local time (+08:00). */
    public static String position(String vehicleId, long tsMillis, double lat, double lon, double speedKmh,
                                  double heading, boolean acc, long alarmFlags) {
        ObjectNode n = WireCodec.mapper().createObjectNode();
        n.put("type", "vehicle.position");
        n.put("ts", Times.format(tsMillis));
        n.put("vehicleId", vehicleId);
        n.put("lat", lat);
        n.put("lon", lon);
        n.put("speedKmh", speedKmh);
        n.put("heading", heading);
        n.put("acc", acc);
        n.put("alarmFlags", alarmFlags);
        return n.toString();
    }

    /** A {@code mine.sensor}; threshold overrides are left out when null. */
    public static String mineSensor(long tsMillis, String mineId, String sensorId, String kind, String location,
                                    String district, Double alarm, Double powerCut, Double restore) {
        ObjectNode n = WireCodec.mapper().createObjectNode();
        n.put("type", "mine.sensor");
        n.put("ts", Times.format(tsMillis));
        n.put("mineId", mineId);
        n.put("sensorId", sensorId);
        n.put("kind", kind);
        n.put("location", location);
        if (district != null) {
            n.put("district", district);
        }
        if (alarm != null) {
            n.put("alarm", alarm);
        }
        if (powerCut != null) {
            n.put("powerCut", powerCut);
        }
        if (restore != null) {
            n.put("restore", restore);
        }
        return n.toString();
    }

    /** A {@code mine.reading}; status OK is left out (absent means OK). */
    public static String mineReading(long tsMillis, String sensorId, double value, String status) {
        ObjectNode n = WireCodec.mapper().createObjectNode();
        n.put("type", "mine.reading");
        n.put("ts", Times.format(tsMillis));
        n.put("sensorId", sensorId);
        n.put("value", value);
        if (status != null && !"OK".equals(status)) {
            n.put("status", status);
        }
        return n.toString();
    }

    /**
     * Null when the message passes the wire contract (the same decoder the job runs), else the refusal with
     * {@code raw} replaced by the device input it came from, so a dead letter always shows what arrived.
     */
    public static DeadLetter check(String json, String deviceRaw) {
        DecodeResult r = CODEC.get().decode(json);
        if (r.isOk()) {
            return null;
        }
        DeadLetter d = r.deadLetter;
        return DeadLetter.of(d.reason, d.field, d.detail + " (translated: " + json + ")", deviceRaw, d.ts);
    }

    /** Encodes a dead letter as the job does (reason, detail, field, raw, rawLength, receivedAt). */
    public static String encode(DeadLetter d, long receivedAtMillis) {
        return CODEC.get().encode(d, receivedAtMillis);
    }
}
