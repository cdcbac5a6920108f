package jilin.ew.board;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongSupplier;
import jilin.ew.schema.Times;

/**
 * The board's append-only audit log: one JSON line per login (successful or not), logout and command (accepted or
 * refused): {@code time, user, address, what, incident, result}. Opened for append only, written and flushed line
 * by line, never rewritten.
 */
public final class AuditLog implements AutoCloseable {
    private final OutputStream out;
    private final LongSupplier clock;

    private AuditLog(OutputStream out, LongSupplier clock) {
        this.out = out;
        this.clock = clock;
    }

    /** Appends to FILE (created if missing). */
    public static AuditLog append(Path file, LongSupplier clock) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        return new AuditLog(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE), clock);
    }

    /** Writes nowhere (a board without --audit-log: the demo, the open board). */
    public static AuditLog none() {
        return new AuditLog(null, System::currentTimeMillis);
    }

    /** One line; {@code incident} may be null. A line that cannot be written fails the request that caused it. */
    public void record(String user, String address, String what, String incident, String result) {
        if (out == null) {
            return;
        }
        ObjectNode o = AlertBoard.JSON.createObjectNode();
        o.put("time", Times.format(clock.getAsLong()));
        o.put("user", user);
        o.put("address", address);
        o.put("what", what);
        if (incident != null) {
            o.put("incident", incident);
        }
        o.put("result", result);
        byte[] line = (o.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the audit log: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
