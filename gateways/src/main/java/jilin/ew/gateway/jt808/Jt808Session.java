package jilin.ew.gateway.jt808;

import static jilin.ew.gateway.jt808.Jt808Messages.*;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.Map;
import jilin.ew.gateway.Contract;
import jilin.ew.gateway.Output;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.EventType;

/**
 * One terminal connection: unescapes and checks each frame, reassembles sub-packaged messages, keeps the
 * registration / authentication state, answers every terminal message and emits positions or dead letters.
 */
final class Jt808Session extends SimpleChannelInboundHandler<Object> {
    /** At most this many sub-packaged messages open at once, each at most this large: a bound on memory. */
    static final int MAX_OPEN_REASSEMBLIES = 8;
    static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private final TerminalDirectory directory;
    private final Output output;
    private final Jt808Gateway.Stats stats;
    private final Map<Long, Parts> reassembly = new HashMap<>();
    /** The terminal this connection authenticated as (phone without leading zeros), or null. */
    private String authenticated;
    private TerminalDirectory.Terminal terminal;
    private int platformSerial;

    Jt808Session(TerminalDirectory directory, Output output, Jt808Gateway.Stats stats) {
        this.directory = directory;
        this.output = output;
        this.stats = stats;
    }

    private static final class Parts {
        final byte[][] bodies;
        int received;
        int size;

        Parts(int total) {
            bodies = new byte[total][];
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FrameSplitter.Refused r) {
            dead(r.reason(), null, r.detail(), r.rawHex());
            return;
        }
        byte[] raw = ((FrameSplitter.RawFrame) msg).bytes();
        stats.frames.incrementAndGet();
        String hex = Jt808Codec.hex(raw);
        byte[] m;
        try {
            m = Jt808Codec.unescape(raw, 1, raw.length - 1);
        } catch (BadFrameException e) {
            dead(e.reason, e.field, e.getMessage(), hex);
            return; // nothing in an unescapable frame can be trusted, not even the serial to answer
        }
        Jt808Frame f;
        try {
            f = Jt808Codec.decode(m);
        } catch (BadFrameException e) {
            dead(e.reason, e.field, e.getMessage(), hex);
            answerBroken(ctx, m);
            return;
        }
        if (f.encryption != 0) {
            dead("encrypted", "encryption", "encrypted bodies (RSA) are not supported: " + f, hex);
            answer(ctx, f, NOT_SUPPORTED);
            return;
        }
        if (f.subPackaged()) {
            Jt808Frame whole = reassemble(ctx, f, hex);
            if (whole != null) {
                handle(ctx, whole, Jt808Codec.hex(whole.body), false);
            }
            return;
        }
        handle(ctx, f, hex, true);
    }

    /** A frame whose header is readable but whose check code or length is wrong: "message wrong", if we can say to whom. */
    private void answerBroken(ChannelHandlerContext ctx, byte[] m) {
        if (m.length < 12) {
            return;
        }
        int props = Jt808Codec.u16(m, 2);
        boolean v2019 = (props & 0x4000) != 0;
        if (v2019 && m.length < 17) {
            return;
        }
        String phone = v2019 ? Jt808Codec.bcd(m, 5, 10) : Jt808Codec.bcd(m, 4, 6);
        int serial = Jt808Codec.u16(m, v2019 ? 15 : 10);
        send(ctx, v2019, phone, PLATFORM_RESPONSE, generalResponse(serial, Jt808Codec.u16(m, 0), MESSAGE_WRONG));
    }

    private Jt808Frame reassemble(ChannelHandlerContext ctx, Jt808Frame f, String hex) {
        int first = (f.serial - f.packetNo + 1) & 0xffff;
        long key = (long) f.msgId << 32 | (long) first << 16 | f.totalPackets;
        Parts parts = reassembly.get(key);
        if (parts == null) {
            if (reassembly.size() >= MAX_OPEN_REASSEMBLIES) {
                dead("too-large", "totalPackets", "more than " + MAX_OPEN_REASSEMBLIES
                        + " sub-packaged messages open at once on one connection", hex);
                answer(ctx, f, FAILURE);
                return null;
            }
            parts = new Parts(f.totalPackets);
            reassembly.put(key, parts);
        }
        if (parts.bodies[f.packetNo - 1] == null) {
            parts.bodies[f.packetNo - 1] = f.body;
            parts.received++;
            parts.size += f.body.length;
        }
        if (parts.size > MAX_MESSAGE_BYTES) {
            reassembly.remove(key);
            dead("too-large", "totalPackets", "a sub-packaged message over " + MAX_MESSAGE_BYTES + " bytes", hex);
            answer(ctx, f, FAILURE);
            return null;
        }
        answer(ctx, f, OK);
        if (parts.received < parts.bodies.length) {
            return null;
        }
        reassembly.remove(key);
        ByteArrayOutputStream all = new ByteArrayOutputStream(parts.size);
        for (byte[] b : parts.bodies) {
            all.writeBytes(b);
        }
        return new Jt808Frame(f.msgId, f.version2019, f.protocolVersion, f.phone, first, 0, 0, 0, all.toByteArray());
    }

    private void handle(ChannelHandlerContext ctx, Jt808Frame f, String hex, boolean reply) {
        try {
            switch (f.msgId) {
                case REGISTER -> register(ctx, f, hex);
                case AUTHENTICATE -> authenticate(ctx, f, hex, reply);
                case HEARTBEAT -> answerIf(reply, ctx, f, OK);
                case LOGOUT -> {
                    authenticated = null;
                    terminal = null;
                    answerIf(reply, ctx, f, OK);
                }
                case LOCATION -> {
                    if (admitted(f, hex)) {
                        boolean ok = position(Location.parse(f.body, 0, f.body.length), hex);
                        answerIf(reply, ctx, f, ok ? OK : MESSAGE_WRONG);
                    } else {
                        answerIf(reply, ctx, f, FAILURE);
                    }
                }
                case LOCATION_BATCH -> {
                    if (admitted(f, hex)) {
                        boolean ok = true;
                        for (Location l : batch(f.body).items()) {
                            ok &= position(l, hex);
                        }
                        answerIf(reply, ctx, f, ok ? OK : MESSAGE_WRONG);
                    } else {
                        answerIf(reply, ctx, f, FAILURE);
                    }
                }
                case TERMINAL_RESPONSE -> { } // the terminal answering the platform: answering an answer is not done
                default -> answerIf(reply, ctx, f, NOT_SUPPORTED);
            }
        } catch (BadFrameException e) {
            dead(e.reason, e.field, e.getMessage() + " in " + f, hex);
            if (f.msgId == REGISTER) {
                send(ctx, f.version2019, f.phone, REGISTER_RESPONSE, registrationResponse(f.serial, REG_NO_TERMINAL, null));
            } else {
                answerIf(reply, ctx, f, MESSAGE_WRONG);
            }
        }
    }

    private void register(ChannelHandlerContext ctx, Jt808Frame f, String hex) throws BadFrameException {
        Registration r = registration(f);
        TerminalDirectory.Terminal byPhone = directory.byPhone(f.phone);
        TerminalDirectory.Terminal byPlate = directory.byPlate(r.plate());
        int result;
        if (byPhone == null) {
            result = REG_NO_TERMINAL;
        } else if (r.plate().isEmpty() || byPlate == null) {
            // an empty plate is allowed for a terminal the register ties to a vehicle by its phone
            result = r.plate().isEmpty() ? REG_OK : REG_NO_VEHICLE;
        } else if (!byPlate.phone().equals(byPhone.phone())) {
            result = REG_VEHICLE_TAKEN; // the plate's vehicle has another terminal
        } else if (!byPhone.terminalId().isEmpty() && !r.terminalId().isEmpty()
                && !byPhone.terminalId().equalsIgnoreCase(r.terminalId())) {
            result = REG_TERMINAL_TAKEN; // this phone is registered to another terminal device
        } else {
            result = REG_OK;
        }
        if (result != REG_OK) {
            dead("registration-refused", "registration", "registration of terminal " + f.phone + " (plate '"
                    + r.plate() + "', terminal id '" + r.terminalId() + "') refused with result " + result, hex);
        }
        send(ctx, f.version2019, f.phone, REGISTER_RESPONSE,
                registrationResponse(f.serial, result, result == REG_OK ? directory.authCode(f.phone) : null));
    }

    private void authenticate(ChannelHandlerContext ctx, Jt808Frame f, String hex, boolean reply)
            throws BadFrameException {
        String code = authCode(f);
        TerminalDirectory.Terminal t = directory.byPhone(f.phone);
        if (t != null && code.equals(directory.authCode(f.phone))) {
            authenticated = t.phone();
            terminal = t;
            answerIf(reply, ctx, f, OK);
        } else {
            authenticated = null;
            terminal = null;
            dead(t == null ? "unknown-terminal" : "auth-failed", "authCode", "authentication of terminal " + f.phone
                    + (t == null ? ", which is not in the register," : " with a wrong code") + " refused", hex);
            answerIf(reply, ctx, f, FAILURE);
        }
    }

    /** Positions only from a known terminal that authenticated on this connection. */
    private boolean admitted(Jt808Frame f, String hex) {
        if (directory.byPhone(f.phone) == null) {
            dead("unknown-terminal", "phone", "terminal " + f.phone + " is not in the register", hex);
            return false;
        }
        if (!f.terminal().equals(authenticated)) {
            dead("unauthenticated", "phone", "terminal " + f.phone + " has not authenticated on this connection", hex);
            return false;
        }
        return true;
    }

    private boolean position(Location l, String hex) {
        String why = null;
        String field = null;
        if (!l.fixed()) {
            dead("not-fixed", "status", "the report says the position is not fixed (status bit 1 clear)", hex);
            return false;
        }
        if (l.latE6 > 90_000_000L) {
            field = "lat";
            why = "latitude " + l.latE6 / 1e6 + " is beyond 90 degrees";
        } else if (l.lonE6 > 180_000_000L) {
            field = "lon";
            why = "longitude " + l.lonE6 / 1e6 + " is beyond 180 degrees";
        } else if (l.direction > 359) {
            field = "heading";
            why = "direction " + l.direction + " is not 0-359";
        } else if (l.speed10 > 2500) {
            field = "speedKmh";
            why = "speed " + l.speed10 / 10.0 + " km/h is above 250";
        }
        if (why != null) {
            dead("out-of-range", field, why, hex);
            return false;
        }
        String json = Contract.position(terminal.vehicleId(), l.epochMillis(), l.lat(), l.lon(), l.speedKmh(),
                l.direction, l.accOn(), l.alarm);
        DeadLetter refused = Contract.check(json, hex);
        if (refused != null) {
            stats.deadLetters.incrementAndGet();
            output.deadLetter(refused);
            return false;
        }
        output.message(EventType.VEHICLE_POSITION, terminal.vehicleId(), json);
        stats.positions.incrementAndGet();
        return true;
    }

    private void dead(String reason, String field, String detail, String hex) {
        stats.deadLetters.incrementAndGet();
        output.deadLetter(DeadLetter.of(reason, field, detail, hex, null));
    }

    private void answerIf(boolean reply, ChannelHandlerContext ctx, Jt808Frame f, int result) {
        if (reply) {
            answer(ctx, f, result);
        }
    }

    private void answer(ChannelHandlerContext ctx, Jt808Frame f, int result) {
        send(ctx, f.version2019, f.phone, PLATFORM_RESPONSE, generalResponse(f.serial, f.msgId, result));
    }

    private void send(ChannelHandlerContext ctx, boolean v2019, String phone, int msgId, byte[] body) {
        int serial = platformSerial++ & 0xffff;
        ctx.writeAndFlush(Unpooled.wrappedBuffer(Jt808Codec.encode(Jt808Frame.of(msgId, v2019, phone, serial, body))));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            stats.idleClosed.incrementAndGet();
            ctx.close();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a reset by the terminal is its way of leaving; nothing to log at the gateway's level
        ctx.close();
    }
}
