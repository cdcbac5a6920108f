package jilin.ew.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import jilin.ew.gateway.Output;
import jilin.ew.gateway.jt808.Jt808Codec;
import jilin.ew.gateway.jt808.Jt808Frame;
import jilin.ew.gateway.jt808.Jt808Gateway;
import jilin.ew.gateway.jt808.Jt808Messages;
import jilin.ew.gateway.jt808.Location;
import jilin.ew.gateway.jt808.TerminalDirectory;
import jilin.ew.schema.DeadLetter;
import jilin.ew.schema.EventType;

/**
 * Benchmark of the JT/T 808 gateway alone (its output counts and discards; no Kafka): N terminals connect and
 * authenticate, report every interval for a while (the 10,000-terminals-every-10-s case), then a few connections
 * report as fast as they are answered to find the highest rate the gateway holds; memory per connection is the
 * gateway process's heap after GC with the terminals connected, minus before. The gateway runs in a child JVM so
 * each process holds one end of the sockets (file descriptors: `ulimit -n` must exceed N plus a few hundred).
 * Usage: bin/bench jt808 [N=10000] [interval s=10] [sustained s=60] [max-rate connections=200]
 */
public final class Jt808Bench {
    private static final byte[] SECRET = "bench".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("server")) {
            server(Integer.parseInt(args[1]));
            return;
        }
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int interval = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int sustained = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int fast = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        new Jt808Bench().drive(n, interval, sustained, fast);
    }

    static Path terminals(int n) throws Exception {
        Path f = Files.createTempFile("bench-terminals", ".json");
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            s.append(i == 0 ? "" : ",").append(String.format("{\"phone\":\"%s\",\"vehicleId\":\"BENCH-%05d\"}",
                    phone(i), i));
        }
        Files.writeString(f, s.append("]").toString());
        return f;
    }

    static String phone(int i) {
        return String.format("2%010d", i);
    }

    /** A discarding output that counts, so the gateway's own cost is what is measured. */
    static final class Counting implements Output {
        final AtomicLong messages = new AtomicLong();
        final AtomicLong dead = new AtomicLong();

        public void message(EventType type, String key, String json) { messages.incrementAndGet(); }
        public void deadLetter(DeadLetter d) { dead.incrementAndGet(); }
        public void flush() { }
        public void close() { }
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void server(int n) throws Exception {
        Jt808Gateway.Config c = new Jt808Gateway.Config();
        c.host = "127.0.0.1";
        c.port = 0;
        c.maxConnections = n + 1000;
        c.heartbeat = java.time.Duration.ofSeconds(600);
        Counting out = new Counting();
        Jt808Gateway g = new Jt808Gateway(c, TerminalDirectory.load(terminals(n), SECRET), out);
        InetSocketAddress a = g.start();
        System.out.println("PORT " + a.getPort());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String cmd;
        while ((cmd = in.readLine()) != null && !cmd.equals("quit")) {
            if (cmd.equals("mem")) {
                long h = heapAfterGc();
                System.out.println("MEM " + h + " " + g.stats().open.get());
            } else {
                System.out.println("STATS " + g.stats().positions.get() + " " + out.dead.get() + " " + g.stats());
            }
        }
        g.close();
    }

    private BufferedReader child;
    private PrintWriter toChild;

    String ask(String cmd) throws Exception {
        toChild.println(cmd);
        toChild.flush();
        return child.readLine();
    }

    /** Per-channel client state: send times of the reports awaiting an answer, and the flags seen. */
    static final class Client extends ChannelInboundHandlerAdapter {
        final byte[] auth;
        final byte[] report;
        final ArrayDeque<Long> sent = new ArrayDeque<>();
        boolean authenticated;
        boolean inFrame;
        volatile int window;
        final Jt808Bench bench;

        Client(Jt808Bench bench, int i) {
            this.bench = bench;
            String phone = phone(i);
            auth = Jt808Codec.encode(Jt808Frame.of(Jt808Messages.AUTHENTICATE, false, phone, 0,
                    Jt808Messages.authBody(bench.directory.authCode(phone), false, "", "")));
            report = Jt808Codec.encode(Jt808Frame.of(Jt808Messages.LOCATION, false, phone, 1,
                    Location.of(43.8 + i * 1e-5, 125.3, 60, 90, true, 0, System.currentTimeMillis()).toBody()));
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(auth));
        }

        void send(Channel ch) {
            sent.add(System.nanoTime());
            ch.writeAndFlush(Unpooled.wrappedBuffer(report));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf b = (ByteBuf) msg;
            try {
                for (int i = b.readerIndex(); i < b.writerIndex(); i++) {
                    if (b.getByte(i) == 0x7e) {
                        inFrame = !inFrame;
                        if (!inFrame) {
                            answered(ctx);
                        }
                    }
                }
            } finally {
                b.release();
            }
        }

        private void answered(ChannelHandlerContext ctx) {
            if (!authenticated) {
                authenticated = true;
                bench.online.incrementAndGet();
                return;
            }
            Long t0 = sent.poll();
            if (t0 != null) {
                bench.record(System.nanoTime() - t0);
            }
            if (window > 0) {
                send(ctx.channel()); // the max-rate phase: the next report as soon as one is answered
            }
        }
    }

    final AtomicLong online = new AtomicLong();
    final AtomicLong answers = new AtomicLong();
    /** Latency histogram in 0.1 ms buckets up to 10 s. */
    final AtomicLongArray histo = new AtomicLongArray(100_001);
    TerminalDirectory directory;

    void record(long nanos) {
        answers.incrementAndGet();
        histo.incrementAndGet((int) Math.min(100_000, nanos / 100_000));
    }

    String percentiles() {
        long total = 0;
        for (int i = 0; i < histo.length(); i++) {
            total += histo.get(i);
        }
        StringBuilder s = new StringBuilder();
        double[] ps = {0.5, 0.99, 0.999};
        long seen = 0;
        int k = 0;
        for (int i = 0; i < histo.length() && k < ps.length; i++) {
            seen += histo.get(i);
            while (k < ps.length && seen >= ps[k] * total && total > 0) {
                s.append(String.format(" p%s %.1f ms", new java.math.BigDecimal(ps[k] * 100).round(
                        new java.math.MathContext(3)).stripTrailingZeros().toPlainString(), i / 10.0));
                k++;
            }
        }
        return s.toString();
    }

    void reset() {
        answers.set(0);
        for (int i = 0; i < histo.length(); i++) {
            histo.set(i, 0);
        }
    }

    void drive(int n, int interval, int sustained, int fast) throws Exception {
        directory = TerminalDirectory.load(terminals(n), SECRET);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx2g", "-cp", System.getProperty("java.class.path"),
                Jt808Bench.class.getName(), "server", Integer.toString(n)).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        child = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        toChild = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
        String first = child.readLine();
        int port = Integer.parseInt(first.split(" ")[1]);
        long before = Long.parseLong(ask("mem").split(" ")[1]);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        List<Channel> channels = new ArrayList<>(n);
        List<Client> clients = new ArrayList<>(n);
        try {
            Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                Client c = new Client(this, i);
                clients.add(c);
                channels.add(b.handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(c);
                    }
                }).connect("127.0.0.1", port).sync().channel());
            }
            while (online.get() < n) {
                Thread.sleep(50);
            }
            System.out.printf("jt808 bench: %d terminals connected and authenticated in %.1f s%n", n,
                    (System.nanoTime() - t0) / 1e9);
            String mem = ask("mem");
            long after = Long.parseLong(mem.split(" ")[1]);
            System.out.printf("jt808 bench: gateway heap after GC %.1f MiB with %s open connections, %.1f MiB"
                    + " without: %.1f KiB per connection%n", after / 1048576.0, mem.split(" ")[2],
                    before / 1048576.0, (after - before) / 1024.0 / n);

            // sustained: every terminal reports every interval, spread evenly
            reset();
            List<io.netty.util.concurrent.ScheduledFuture<?>> timers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Channel ch = channels.get(i);
                Client c = clients.get(i);
                long offset = ThreadLocalRandom.current().nextLong(interval * 1000L);
                timers.add(ch.eventLoop().scheduleAtFixedRate(() -> c.send(ch), offset, interval * 1000L,
                        TimeUnit.MILLISECONDS));
            }
            long s0 = System.nanoTime();
            Thread.sleep(sustained * 1000L);
            double secs = (System.nanoTime() - s0) / 1e9;
            timers.forEach(t -> t.cancel(false));
            Thread.sleep(1000);
            System.out.printf("jt808 bench: sustained %d terminals every %d s for %.0f s: %d reports answered"
                    + " (%.0f/s, offered %.0f/s);%s%n", n, interval, secs, answers.get(), answers.get() / secs,
                    (double) n / interval, percentiles());

            // highest rate: a few connections each with one report in flight, the next sent on each answer
            reset();
            int m = Math.min(fast, n);
            long f0 = System.nanoTime();
            for (int i = 0; i < m; i++) {
                Client c = clients.get(i);
                Channel ch = channels.get(i);
                c.window = 1;
                ch.eventLoop().execute(() -> c.send(ch));
            }
            Thread.sleep(15_000);
            for (int i = 0; i < m; i++) {
                clients.get(i).window = 0;
            }
            double fs = (System.nanoTime() - f0) / 1e9;
            System.out.printf("jt808 bench: max rate over %d connections: %.0f reports/s answered;%s%n", m,
                    answers.get() / fs, percentiles());
            Thread.sleep(500);
            System.out.println("jt808 bench: gateway " + ask("stats"));
        } finally {
            for (Channel ch : channels) {
                ch.close();
            }
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            ask("quit");
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroy();
        }
    }
}
