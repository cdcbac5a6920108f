package jilin.ew.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import jilin.ew.gateway.jt808.Jt808Messages;
import jilin.ew.gateway.jt808.Jt808Terminal;
import jilin.ew.gateway.jt808.Location;
import jilin.ew.gateway.jt808.TerminalDirectory;
import jilin.ew.schema.Times;

/**
 * Plays a simulated recording's {@code vehicle.position} messages through real JT/T 808 terminal connections: each
 * vehicle's terminal connects, registers and authenticates on its first report, then reports (and sends a heartbeat
 * when it has been quiet for the heartbeat period), at a steady overall rate.
 */
final class Jt808Player {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was played. */
    static final class Summary {
        long reports;
        long accepted;
        long refused;
        long skipped;
        long heartbeats;
        int terminals;
    }

    private final InetSocketAddress gateway;
    private final TerminalDirectory directory;
    private final boolean v2019;
    private final Duration heartbeat;
    private final Map<String, Jt808Terminal> online = new HashMap<>();
    private final Map<String, Long> lastSent = new HashMap<>();

    Jt808Player(InetSocketAddress gateway, TerminalDirectory directory, boolean v2019, Duration heartbeat) {
        this.gateway = gateway;
        this.directory = directory;
        this.v2019 = v2019;
        this.heartbeat = heartbeat;
    }

    Summary play(Iterator<String> lines, double rate) throws IOException {
        Summary s = new Summary();
        long t0 = System.nanoTime();
        long n = 0;
        try {
            while (lines.hasNext()) {
                JsonNode m = JSON.readTree(lines.next());
                if (!"vehicle.position".equals(m.path("type").asText())) {
                    s.skipped++;
                    continue;
                }
                Jt808Terminal t = terminal(m.path("vehicleId").asText());
                if (t == null) {
                    s.skipped++;
                    continue;
                }
                Location l = Location.of(m.path("lat").asDouble(), m.path("lon").asDouble(),
                        m.path("speedKmh").asDouble(), (int) Math.round(m.path("heading").asDouble()),
                        m.path("acc").asBoolean(), m.path("alarmFlags").asLong(), Times.parse(m.path("ts").asText()));
                s.reports++;
                if (t.report(l) == Jt808Messages.OK) {
                    s.accepted++;
                } else {
                    s.refused++;
                }
                long now = System.nanoTime();
                lastSent.put(t.phone(), now);
                if (++n % 256 == 0) {
                    s.heartbeats += heartbeats(now);
                }
                long due = t0 + (long) (n * 1e9 / rate);
                if (due > now) {
                    LockSupport.parkNanos(due - now);
                }
            }
            s.terminals = online.size();
        } finally {
            for (Jt808Terminal t : online.values()) {
                try {
                    t.logout();
                } catch (IOException e) {
                    // the gateway may already have gone; closing is all that is left to do
                }
                t.close();
            }
        }
        return s;
    }

    /** Heartbeats for the terminals quiet for a heartbeat period, as a device sends them between reports. */
    private int heartbeats(long now) throws IOException {
        int sent = 0;
        for (Jt808Terminal t : online.values()) {
            if (now - lastSent.get(t.phone()) >= heartbeat.toNanos()) {
                t.heartbeat();
                lastSent.put(t.phone(), now);
                sent++;
            }
        }
        return sent;
    }

    private Jt808Terminal terminal(String vehicleId) throws IOException {
        Jt808Terminal t = online.get(vehicleId);
        if (t != null) {
            return t;
        }
        TerminalDirectory.Terminal reg = directory.byVehicle(vehicleId);
        if (reg == null) {
            return null; // a vehicle without a terminal in the register (e.g. --extra-vehicles)
        }
        t = new Jt808Terminal(gateway, reg.phone(), v2019, Duration.ofSeconds(30));
        String plate = reg.plate() == null ? "" : reg.plate().replace("·", "");
        String code = t.register(new Jt808Messages.Registration(22, 0, "JLSIM", "EW-SIM-808", reg.terminalId(), 1,
                plate));
        if (t.authenticate(code) != Jt808Messages.OK) {
            t.close();
            throw new IOException("terminal " + reg.phone() + " of " + vehicleId + " could not authenticate");
        }
        online.put(vehicleId, t);
        lastSent.put(t.phone(), System.nanoTime());
        return t;
    }
}
