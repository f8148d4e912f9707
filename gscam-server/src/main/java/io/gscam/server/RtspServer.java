package io.gscam.server;

import io.gscam.net.NettyTransport;
import io.gscam.server.auth.RequestAuthenticator;
import io.gscam.server.mctp.MctpConnectionHandler;
import io.gscam.server.rtsp.ConnectionSniffer;
import io.gscam.server.rtsp.RtspConnectionHandler;
import io.gscam.net.RtspFrameDecoder;
import io.gscam.server.rtsp.RtspServices;
import io.gscam.server.session.CloseReason;
import io.gscam.server.session.RtspSession;
import io.gscam.server.session.SessionState;
import io.gscam.server.limits.AddressLog;
import io.gscam.server.limits.AuthFailures;
import io.gscam.server.limits.ConnectionLimits;
import io.gscam.server.limits.HeaderDeadline;
import io.gscam.server.limits.IdleTimeout;
import io.gscam.server.session.SessionRegistry;
import io.gscam.server.stream.ReaderTotals;
import io.gscam.server.stream.SenderReports;
import io.gscam.server.stream.StreamProvider;
import io.gscam.net.UdpPortPair;
import io.gscam.server.transport.ServerUdpSockets;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The RTSP server: one Netty event-loop group ({@link NettyTransport}: epoll when available) serving
 * the RTSP port, where each connection's first bytes decide between RTSP and the MCTP heartbeat/alarm
 * service ({@link ConnectionSniffer}), plus one shared UDP socket pair for RTP/AVP unicast. What it
 * serves comes from a {@link StreamProvider}; who may ask from a {@link RequestAuthenticator}.
 *
 * <pre>{@code
 * try (RtspServer server = new RtspServer(config, sessions, provider, RequestAuthenticator.NONE,
 *         MctpConnectionHandler.CLOSE, InstantSource.system(), housekeeping)) {
 *     server.start();
 *     String url = "rtsp://127.0.0.1:" + server.rtspAddress().getPort() + "/0";
 * }
 * }</pre>
 *
 * <p>Threads: event loops never block; opening a stream runs on a small bounded pool
 * ({@link #blockingExecutor()}), shared with whoever embeds the server.
 */
public final class RtspServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RtspServer.class);

    private enum State { NEW, RUNNING, CLOSED }

    private final ServerConfig config;
    private final SessionRegistry sessions;
    private final StreamProvider streams;
    private final RequestAuthenticator authenticator;
    private final MctpConnectionHandler mctp;
    private final InstantSource clock;
    private final ScheduledExecutorService housekeeping;
    private final NettyTransport transport = NettyTransport.best();
    private final ReaderTotals readerTotals = new ReaderTotals();
    private final AtomicInteger openConnections = new AtomicInteger();

    private State state = State.NEW;
    private EventLoopGroup group;
    private ThreadPoolExecutor blockingExecutor;
    private ChannelGroup connections;
    private Channel serverChannel;
    private UdpPortPair udp;

    /**
     * @param sessions     the session registry (shared with MCTP and whoever lists sessions)
     * @param streams      what the request URLs name
     * @param mctp         takes connections whose first bytes are MCTP
     * @param clock        wall clock: RTCP NTP timestamps
     * @param housekeeping runs the idle-session sweep; not an event loop
     */
    public RtspServer(ServerConfig config, SessionRegistry sessions, StreamProvider streams,
                      RequestAuthenticator authenticator, MctpConnectionHandler mctp, InstantSource clock,
                      ScheduledExecutorService housekeeping) {
        this.config = Objects.requireNonNull(config, "config");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.streams = Objects.requireNonNull(streams, "streams");
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.mctp = Objects.requireNonNull(mctp, "mctp");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.housekeeping = Objects.requireNonNull(housekeeping, "housekeeping");
    }

    /** Binds the RTSP port and the UDP pair; returns once they are listening. */
    public synchronized void start() throws IOException, InterruptedException {
        if (state != State.NEW) {
            throw new IllegalStateException("RTSP server already " + state);
        }
        state = State.RUNNING;
        group = transport.newGroup("gscam-io");
        blockingExecutor = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
                new DefaultThreadFactory("gscam-open", true));
        connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        Map<InetSocketAddress, RtspSession> udpClients = new ConcurrentHashMap<>();
        try {
            udp = ServerUdpSockets.bind(group.next(), transport, config.bindAddress(), config.udpRtpPort(),
                    (sender, bytes) -> {
                        RtspSession s = udpClients.get(sender);
                        if (s != null) {
                            sessions.touch(s);
                        }
                    });
        } catch (IOException | RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        try {
            SenderReports reports = new SenderReports(clock, config.senderReportInterval(),
                    "gscam@" + config.bindAddress().getHostAddress());
            RtspServices services = new RtspServices(config, sessions, streams, udp, authenticator, blockingExecutor,
                    udpClients, reports::start, readerTotals, new AuthFailures(clock), new AddressLog(clock));
            ConnectionLimits limits = config.limits();
            long high = config.readerBufferBytes();
            serverChannel = new ServerBootstrap()
                    .group(group)
                    .channelFactory(transport.serverChannels())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark((int) (high / 2), (int) high))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            ch.pipeline().addLast("count", new ConnectionCounter());
                            ch.pipeline().addLast(ConnectionSniffer.IDLE,
                                    new IdleTimeout(limits.idleTimeout(), c -> playsOn(c.channel())));
                            HeaderDeadline deadline = new HeaderDeadline(limits.headerTimeout());
                            ch.pipeline().addLast(ConnectionSniffer.DEADLINE, deadline);
                            ch.pipeline().addLast("sniff", new ConnectionSniffer(() -> new ChannelHandler[] {
                                    new RtspFrameDecoder(), deadline.end(), new RtspConnectionHandler(services)}, mctp));
                        }
                    })
                    .bind(config.bindAddress(), config.rtspPort()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        } catch (Exception e) {
            close();
            throw new IOException("cannot bind the RTSP port " + config.rtspPort() + ": " + e.getMessage(), e);
        }
        long sweep = Math.max(10, Math.min(1000, sessions.timeout().toMillis() / 4));
        housekeeping.scheduleWithFixedDelay(sessions::expireIdle, sweep, sweep, TimeUnit.MILLISECONDS);
        log.info("RTSP on {} ({}), RTP/UDP on {}-{}", serverChannel.localAddress(), transport, udp.rtpPort(), udp.rtcpPort());
    }

    /** Whether a session of {@code connection} is playing: its connection may then be silent (the session timeout rules). */
    private boolean playsOn(Channel connection) {
        for (RtspSession s : sessions.sessions()) {
            if (s.connection() == connection && s.state() == SessionState.PLAYING) {
                return true;
            }
        }
        return false;
    }

    /** Where RTSP listens: with port 0 configured, the port the system chose. */
    public InetSocketAddress rtspAddress() {
        Channel c = serverChannel;
        if (c == null) {
            throw new IllegalStateException("not started");
        }
        return (InetSocketAddress) c.localAddress();
    }

    /** The UDP RTP port (RTCP is the next one). */
    public int udpRtpPort() {
        return udp.rtpPort();
    }

    /** The event loops, for other ports of the same process (DESIGN.md: one group per process). Once started. */
    public EventLoopGroup eventLoopGroup() {
        return group;
    }

    /** The server-socket factory matching {@link #eventLoopGroup()}. */
    public ChannelFactory<? extends ServerChannel> serverChannels() {
        return transport.serverChannels();
    }

    /** The bounded pool for work that may block. Once started. */
    public Executor blockingExecutor() {
        return blockingExecutor;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    /** Open TCP connections on the RTSP port (RTSP and MCTP). */
    public int openConnections() {
        return openConnections.get();
    }

    /** The fan-out's totals over every reader so far: packets sent, keyframe skips, packets dropped. */
    public ReaderTotals readerTotals() {
        return readerTotals;
    }

    /**
     * Stops accepting, ends every session, closes every connection and socket, and stops the event
     * loops (close other ports on them first). Idempotent.
     */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        sessions.closeAll(CloseReason.SERVER_SHUTDOWN);
        if (connections != null) {
            connections.close().awaitUninterruptibly();
        }
        if (udp != null) {
            udp.closeAndWait();
        }
        if (blockingExecutor != null) {
            blockingExecutor.shutdownNow();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** Counts open connections for leak checks. */
    @ChannelHandler.Sharable
    private final class ConnectionCounter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            openConnections.incrementAndGet();
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            openConnections.decrementAndGet();
            ctx.fireChannelInactive();
        }
    }
}
