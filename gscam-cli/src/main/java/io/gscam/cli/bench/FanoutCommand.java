package io.gscam.cli.bench;

import io.gscam.cli.CommandFailure;
import io.gscam.protocol.auth.Credentials;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code gscam bench fanout URL --readers N --seconds S}: N TCP-interleaved readers of one stream;
 * reports the delivered bit rate, RTP sequence loss, the worst gap between packets of a reader, and
 * how many readers connected or failed. Progress goes to stderr once a second, the report to stdout.
 */
@Command(name = "fanout", mixinStandardHelpOptions = true,
        description = "Open N RTP/AVP/TCP interleaved readers of URL and measure what they receive.")
public final class FanoutCommand implements Callable<Integer> {
    /** Handshakes in flight at once: a burst of 1000 SYNs would overflow the camera's accept backlog. */
    private static final int CONCURRENT_HANDSHAKES = 64;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "rtsp://[user:password@]host:port/channel")
    String url;

    @Option(names = "--readers", defaultValue = "1", paramLabel = "N", description = "Readers (default ${DEFAULT-VALUE}).")
    int readers;

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S", description = "Measured time after all readers started (default ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--warmup", defaultValue = "0", paramLabel = "S",
            description = "Seconds between all readers playing and the measured window (default ${DEFAULT-VALUE}): the server's steady state, after its JIT and its first collections.")
    int warmup;

    @Option(names = "--user", description = "Account user when the URL has none (default admin).")
    String user;

    @Option(names = "--password", description = "Account password when the URL has none (default admin).")
    String password;

    @Option(names = "--threads", defaultValue = "1", description = "Client event-loop threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        if (readers < 1 || seconds < 1 || threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--readers, --seconds and --threads must be positive");
        }
        if (warmup < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--warmup must not be negative");
        }
        URI uri = URI.create(url);
        if (!"rtsp".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "URL must be rtsp://host[:port]/channel");
        }
        Credentials credentials = credentials(uri);
        int port = uri.getPort() < 0 ? 554 : uri.getPort();
        String plainUrl = "rtsp://" + uri.getHost() + ":" + port + (uri.getRawPath() == null ? "/" : uri.getRawPath());
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();

        boolean epoll = Epoll.isAvailable();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("bench-io", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        ChannelFactory<? extends SocketChannel> factory = epoll ? EpollSocketChannel::new : NioSocketChannel::new;
        List<ReaderStats> stats = new ArrayList<>(readers);
        List<Channel> channels = new ArrayList<>(readers);
        List<FanoutReader> handlers = new ArrayList<>(readers);
        SplittableRandom random = new SplittableRandom();
        Semaphore handshakes = new Semaphore(CONCURRENT_HANDSHAKES);
        SetupSteps steps = new SetupSteps();
        int failed = 0;
        String firstFailure = null;
        try {
            long setupStart = System.nanoTime();
            List<CompletableFuture<Void>> started = new ArrayList<>(readers);
            for (int i = 0; i < readers; i++) {
                handshakes.acquire();
                ReaderStats s = new ReaderStats();
                FanoutReader reader = new FanoutReader(plainUrl, credentials, random.split(), s, steps);
                reader.playing.whenComplete((v, e) -> handshakes.release());
                ChannelFuture f = new Bootstrap().group(group).channelFactory(factory)
                        .option(ChannelOption.TCP_NODELAY, true)
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                        .handler(reader)
                        .connect(uri.getHost(), port);
                f.addListener(cf -> {
                    if (!cf.isSuccess()) {
                        reader.playing.completeExceptionally(cf.cause());
                    }
                });
                stats.add(s);
                channels.add(f.channel());
                handlers.add(reader);
                started.add(reader.playing);
                if ((i + 1) % 100 == 0) {
                    err.printf(Locale.ROOT, "bench: %d/%d readers connecting%n", i + 1, readers);
                    err.flush();
                }
            }
            for (CompletableFuture<Void> f : started) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    failed++;
                    if (firstFailure == null) {
                        firstFailure = e.getCause() != null ? e.getCause().toString() : e.toString();
                    }
                }
            }
            int connected = readers - failed;
            err.printf(Locale.ROOT, "bench: %d readers playing, %d failed, set-up took %.1f s%s%n", connected, failed,
                    (System.nanoTime() - setupStart) / 1e9, firstFailure == null ? "" : " (first failure: " + firstFailure + ")");
            err.println("bench: set-up steps " + steps.summary());
            err.flush();
            if (connected == 0) {
                throw new CommandFailure("no reader could play " + plainUrl + ": " + firstFailure);
            }

            // The measured window. First this bench's own first full collection: the set-up leaves a
            // thousand readers' channels and pipelines in the young generation, whose first collection
            // promotes them all (a 70 ms pause of the bench at 1000 readers) and would stand in the
            // window as every reader's gap.
            for (int sec = 1; sec <= warmup; sec++) {
                TimeUnit.SECONDS.sleep(1);
                if (sec % 5 == 0 || sec == warmup) {
                    err.printf(Locale.ROOT, "bench: warm-up %d of %d s, %d connections open%n", sec, warmup,
                            channels.stream().filter(Channel::isActive).count());
                    err.flush();
                }
            }
            System.gc();
            err.println("bench: window opens");
            err.flush();
            for (int i = 0; i < readers; i++) {
                ReaderStats s = stats.get(i);
                channels.get(i).eventLoop().execute(() -> s.resetGap(System.nanoTime()));
            }
            long bytes0 = sum(stats, ReaderStats::bytes);
            long packets0 = sum(stats, ReaderStats::packets);
            long lost0 = sum(stats, ReaderStats::lost);
            long t0 = System.nanoTime();
            long previousBytes = bytes0;
            for (int sec = 1; sec <= seconds; sec++) {
                long wake = t0 + sec * 1_000_000_000L;
                long sleep = wake - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
                long b = sum(stats, ReaderStats::bytes);
                long alive = channels.stream().filter(Channel::isActive).count();
                err.printf(Locale.ROOT, "bench: t=%ds %.1f Mbit/s, %d connections open, lost %d%n", sec,
                        (b - previousBytes) * 8 / 1e6, alive, sum(stats, ReaderStats::lost) - lost0);
                err.flush();
                previousBytes = b;
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long bytes = sum(stats, ReaderStats::bytes) - bytes0;
            long packets = sum(stats, ReaderStats::packets) - packets0;
            long lost = sum(stats, ReaderStats::lost) - lost0;
            long worstGap = stats.stream().mapToLong(ReaderStats::worstGapNanos).max().orElse(0);
            long dropped = channels.stream().filter(c -> !c.isActive()).count() - failed;
            long starved = stats.stream().filter(s -> s.bytes() == 0).count();

            out.printf(Locale.ROOT, "readers           %d requested, %d playing, %d failed, %d closed by the camera during the run%n",
                    readers, connected, failed, Math.max(0, dropped));
            out.printf(Locale.ROOT, "window            %.1f s%n", elapsed);
            out.printf(Locale.ROOT, "delivered         %.1f Mbit/s in total, %.3f Mbit/s per reader%n",
                    bytes * 8 / 1e6 / elapsed, bytes * 8 / 1e6 / elapsed / Math.max(1, connected));
            out.printf(Locale.ROOT, "rtp packets       %d (%.0f/s)%n", packets, packets / elapsed);
            out.printf(Locale.ROOT, "loss              %d packets (%.3f%%) by RTP sequence numbers%n", lost,
                    packets + lost == 0 ? 0.0 : 100.0 * lost / (packets + lost));
            out.printf(Locale.ROOT, "worst gap         %.0f ms between two packets of one reader%n", worstGap / 1e6);
            // A pause in progress when the window opened (the set-up's tail) counts above from the window's start only.
            long opening = stats.stream().mapToLong(ReaderStats::openingGapNanos).max().orElse(0);
            long openingOver100 = stats.stream().filter(s -> s.openingGapNanos() > 100_000_000L).count();
            out.printf(Locale.ROOT, "at the opening    %.0f ms: the longest pause in progress when the window opened, whole (%d readers over 100 ms)%n",
                    opening / 1e6, openingOver100);
            // Whose gap: gaps over 100 ms of many readers ending within a few ms of each other are one
            // pause (a GC, a descheduled thread), of the server or of this bench; scattered ones are per reader.
            long[] ends = stats.stream().filter(s -> s.worstGapNanos() > 100_000_000L)
                    .mapToLong(ReaderStats::worstGapEndNanos).sorted().toArray();
            if (ends.length > 0) {
                out.printf(Locale.ROOT, "gaps over 100 ms  %d readers; their worst gaps ended at t=%.2f..%.2f s, median t=%.2f s%n",
                        ends.length, (ends[0] - t0) / 1e9, (ends[ends.length - 1] - t0) / 1e9, (ends[ends.length / 2] - t0) / 1e9);
            }
            if (starved > 0) {
                out.printf(Locale.ROOT, "no data           %d readers received nothing%n", starved);
            }
            if (firstFailure != null) {
                out.println("first failure     " + firstFailure);
            }
            out.flush();
            return 0;
        } finally {
            for (int i = 0; i < channels.size(); i++) {
                Channel c = channels.get(i);
                FanoutReader h = handlers.get(i);
                if (c.isActive()) {
                    c.eventLoop().execute(() -> h.teardown(c.pipeline().context(h)));
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (Channel c : channels) {
                c.closeFuture().awaitUninterruptibly(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                c.close();
            }
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    private Credentials credentials(URI uri) {
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            String u = URLDecoder.decode(colon < 0 ? info : info.substring(0, colon), StandardCharsets.UTF_8);
            String p = colon < 0 ? "" : URLDecoder.decode(info.substring(colon + 1), StandardCharsets.UTF_8);
            return new Credentials(u, p);
        }
        return new Credentials(user == null ? "admin" : user, password == null ? "admin" : password);
    }

    private static long sum(List<ReaderStats> stats, java.util.function.ToLongFunction<ReaderStats> f) {
        long n = 0;
        for (ReaderStats s : stats) {
            n += f.applyAsLong(s);
        }
        return n;
    }
}
