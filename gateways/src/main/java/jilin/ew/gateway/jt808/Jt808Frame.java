package jilin.ew.gateway.jt808;

/**
 * One JT/T 808 message after unescaping: the header fields and the body. {@code version2019} is bit 14 of the
 * message properties; {@code phone} holds the BCD digits as sent (12 for 2013, 20 for 2019), leading zeros included.
 */
public final class Jt808Frame {
    public final int msgId;
    public final boolean version2019;
    /** Protocol version BYTE of the 2019 header (1 for the 2019 edition); 0 for 2013 frames. */
    public final int protocolVersion;
    public final String phone;
    public final int serial;
    /** Bits 10-12 of the properties; 0 means not encrypted. */
    public final int encryption;
    /** Total packets and this packet's number (from 1) when sub-packaged, else 0 and 0. */
    public final int totalPackets;
    public final int packetNo;
    public final byte[] body;

    public Jt808Frame(int msgId, boolean version2019, int protocolVersion, String phone, int serial, int encryption,
                      int totalPackets, int packetNo, byte[] body) {
        this.msgId = msgId;
        this.version2019 = version2019;
        this.protocolVersion = protocolVersion;
        this.phone = phone;
        this.serial = serial;
        this.encryption = encryption;
        this.totalPackets = totalPackets;
        this.packetNo = packetNo;
        this.body = body;
    }

    /** A message that is not sub-packaged nor encrypted. */
    public static Jt808Frame of(int msgId, boolean version2019, String phone, int serial, byte[] body) {
        return new Jt808Frame(msgId, version2019, version2019 ? 1 : 0, phone, serial, 0, 0, 0, body);
    }

    public boolean subPackaged() {
        return totalPackets > 0;
    }

    /** The phone without its leading zeros: 2013 and 2019 headers of one terminal pad it differently. */
    public String terminal() {
        return Jt808Codec.stripZeros(phone);
    }

    @Override
    public String toString() {
        return String.format("0x%04X from %s serial %d (%s, %d body bytes%s)", msgId, phone, serial,
                version2019 ? "2019" : "2013", body.length,
                subPackaged() ? ", packet " + packetNo + "/" + totalPackets : "");
    }
}
