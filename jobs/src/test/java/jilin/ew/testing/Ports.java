package jilin.ew.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for processes a test starts on a port it chooses (a broker, a Flink cluster, a closed address), taken below
 * the kernel's ephemeral range: a port the kernel handed out for {@code bind(0)} and got back can be handed out again
 * to any other {@code bind(0)} or outgoing connection before the process the test starts binds it; a port below the
 * range is only ever taken by name.
 */
public final class Ports {
    private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;

    private Ports() {}

    /** A port on 127.0.0.1 that is free now and that the kernel does not hand out by itself. */
    public static int free() {
        int below = ephemeralLow();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = random.nextInt(LOWEST, below);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // in use: another one
            }
        }
        throw new IllegalStateException("no free port in " + LOWEST + ".." + below + " after 200 tries");
    }

    /** The lowest port of the kernel's ephemeral range (32768 when it cannot be read: Linux's default). */
    private static int ephemeralLow() {
        try {
            if (Files.isReadable(RANGE)) {
                int low = Integer.parseInt(Files.readString(RANGE).trim().split("\\s+")[0]);
                if (low > LOWEST + 1_000) {
                    return low;
                }
            }
            return 32_768;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
