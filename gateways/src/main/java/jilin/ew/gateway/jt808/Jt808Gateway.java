package jilin.ew.gateway.jt808;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import jilin.ew.gateway.Contract;
import jilin.ew.gateway.Output;

/**
 * The JT/T 808 gateway: a TCP server that registers and authenticates vehicle terminals, answers every message,
 * and turns location reports into {@code vehicle.position} messages; everything it refuses becomes a dead letter.
 */
public final class Jt808Gateway implements AutoCloseable {
    /** Settings; the defaults suit a provincial platform's front end. */
    public static final class Config {
        public String host = "0.0.0.0";
        public int port = 7808;
        /** Connections beyond this are closed on accept. */
        public int maxConnections = 20_000;
        /** Longest frame as received (escaped, flags included): a full 1023-byte body, header, escapes. */
        public int maxFrameBytes = 2_200;
        /** The terminals' heartbeat period; a terminal silent for three periods is closed. */
        public Duration heartbeat = Duration.ofSeconds(60);
        /** Event-loop threads; 0 lets Netty choose (twice the cores). */
        public int ioThreads = 0;
    }

    /** Counters, for the command's summary and the benchmark. */
    public static final class Stats {
        public final AtomicInteger open = new AtomicInteger();
        public final AtomicLong accepted = new AtomicLong();
        public final AtomicLong refusedConnections = new AtomicLong();
        public final AtomicLong idleClosed = new AtomicLong();
        public final AtomicLong frames = new AtomicLong();
        public final AtomicLong positions = new AtomicLong();
        public final AtomicLong deadLetters = new AtomicLong();

        @Override
        public String toString() {
            return String.format("%d open, %d accepted, %d refused at the limit, %d closed idle; %d frames, "
                    + "%d positions, %d dead letters", open.get(), accepted.get(), refusedConnections.get(),
                    idleClosed.get(), frames.get(), positions.get(), deadLetters.get());
        }
    }

    private final Config config;
    private final TerminalDirectory directory;
    private final Output output;
    private final Stats stats = new Stats();
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel server;

    public Jt808Gateway(Config config, TerminalDirectory directory, Output output) {
        this.config = config;
        this.directory = directory;
        this.output = output;
    }

    /** Binds and starts serving; returns the bound address (port 0 picks a free one). */
    public InetSocketAddress start() throws InterruptedException {
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        workers = new MultiThreadIoEventLoopGroup(config.ioThreads, NioIoHandler.newFactory());
        long idleSeconds = config.heartbeat.toSeconds() * 3;
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!admit()) {
                            stats.refusedConnections.incrementAndGet();
                            ch.close();
                            return;
                        }
                        stats.accepted.incrementAndGet();
                        ch.closeFuture().addListener(f -> stats.open.decrementAndGet());
                        ch.pipeline()
                                .addLast("idle", new IdleStateHandler(idleSeconds, 0, 0, TimeUnit.SECONDS))
                                .addLast("frames", new FrameSplitter(config.maxFrameBytes))
                                .addLast("session", new Jt808Session(directory, output, stats));
                    }
                });
        for (io.netty.util.concurrent.EventExecutor loop : workers) {
            loop.submit(Contract::warmUp).syncUninterruptibly();
        }
        server = b.bind(config.host, config.port).sync().channel();
        return (InetSocketAddress) server.localAddress();
    }

    private boolean admit() {
        while (true) {
            int n = stats.open.get();
            if (n >= config.maxConnections) {
                return false;
            }
            if (stats.open.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    public Stats stats() {
        return stats;
    }

    /** Blocks until the server channel closes (the command runs until interrupted). */
    public void awaitClose() throws InterruptedException {
        server.closeFuture().sync();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
