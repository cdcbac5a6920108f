package jilin.ew.gateway.jt808;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A vehicle terminal over a real TCP connection (blocking, one request at a time): registers, authenticates,
 * reports and sends heartbeats the way a JT/T 808 device does. The simulator and the tests drive the gateway with it.
 */
public final class Jt808Terminal implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String phone;
    private final boolean v2019;
    private int serial;

    public Jt808Terminal(InetSocketAddress gateway, String phone, boolean v2019, Duration timeout) throws IOException {
        this.socket = new Socket();
        socket.connect(gateway, (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.phone = phone;
        this.v2019 = v2019;
    }

    public String phone() {
        return phone;
    }

    /** Registers; returns the authentication code, or throws naming the 0x8100 result. */
    public String register(Jt808Messages.Registration r) throws IOException {
        Jt808Messages.Response resp = request(Jt808Messages.REGISTER, Jt808Messages.registrationBody(r, v2019));
        if (resp.result() != Jt808Messages.REG_OK) {
            throw new IOException("registration refused with result " + resp.result());
        }
        return resp.authCode();
    }

    /** Authenticates; returns the 0x8001 result. */
    public int authenticate(String code) throws IOException {
        return request(Jt808Messages.AUTHENTICATE,
                Jt808Messages.authBody(code, v2019, "860000000000001", "sim-1.0")).result();
    }

    public int report(Location l) throws IOException {
        return request(Jt808Messages.LOCATION, l.toBody()).result();
    }

    public int heartbeat() throws IOException {
        return request(Jt808Messages.HEARTBEAT, new byte[0]).result();
    }

    public int logout() throws IOException {
        return request(Jt808Messages.LOGOUT, new byte[0]).result();
    }

    /** Sends a message and waits for the platform's answer to it (answers to other serials are skipped). */
    public Jt808Messages.Response request(int msgId, byte[] body) throws IOException {
        int s = serial++ & 0xffff;
        send(Jt808Codec.encode(Jt808Frame.of(msgId, v2019, phone, s, body)));
        return awaitAnswer(s);
    }

    /** Waits for the answer to {@code serial}. */
    public Jt808Messages.Response awaitAnswer(int serial) throws IOException {
        while (true) {
            Jt808Frame f = readFrame();
            try {
                Jt808Messages.Response r = Jt808Messages.response(f);
                if (r.serial() == serial) {
                    return r;
                }
            } catch (BadFrameException e) {
                // a platform command this terminal does not implement: not the answer we wait for
            }
        }
    }

    /** The next serial this terminal will use. */
    public int nextSerial() {
        return serial & 0xffff;
    }

    /** Writes bytes as they are (tests send broken frames this way). */
    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads the next frame the platform sends; throws SocketTimeoutException when none comes in time. */
    public Jt808Frame readFrame() throws IOException {
        int b;
        do {
            b = read();
        } while (b != Jt808Codec.FLAG);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(64);
        while ((b = read()) != Jt808Codec.FLAG) {
            frame.write(b);
        }
        if (frame.size() == 0) {
            // a flag right after a flag: the second one opens the frame
            while ((b = read()) != Jt808Codec.FLAG) {
                frame.write(b);
            }
        }
        byte[] f = frame.toByteArray();
        try {
            return Jt808Codec.decode(Jt808Codec.unescape(f, 0, f.length));
        } catch (BadFrameException e) {
            throw new IOException("the platform sent a bad frame: " + e.getMessage());
        }
    }

    /** True when the platform has closed the connection (reads end-of-stream within the timeout). */
    public boolean closedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the platform closed the connection");
        }
        return b;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
