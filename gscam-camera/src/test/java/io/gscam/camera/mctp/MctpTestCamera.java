package io.gscam.camera.mctp;

import io.gscam.server.mctp.MctpService;
import io.gscam.camera.alarm.AlarmBus;
import io.gscam.server.rtsp.ConnectionSniffer;
import io.gscam.server.session.RtspSession;
import io.gscam.server.session.SessionIdGenerator;
import io.gscam.server.session.SessionRegistry;
import io.gscam.protocol.grandstream.DeviceModel;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A camera on 127.0.0.1, port 0, with the real connection sniffer and MCTP service. Its RTSP side is
 * a stand-in: a line {@code SETUP <channel>} creates a session on that connection and answers its id,
 * which is all the heartbeat rules need of RTSP.
 */
final class MctpTestCamera implements AutoCloseable {
    static final Duration READ_DEADLINE = Duration.ofSeconds(5);

    final EventLoopGroup group = new NioEventLoopGroup(1);
    final SessionRegistry sessions;
    final AlarmBus alarms = new AlarmBus();
    final MctpService mctp;
    final Channel server;

    MctpTestCamera(InstantSource clock, Duration silence) throws InterruptedException {
        this(clock, silence, DeviceModel.DVS);
    }

    MctpTestCamera(InstantSource clock, Duration silence, DeviceModel model) throws InterruptedException {
        sessions = new SessionRegistry(clock, Duration.ofSeconds(120), new SessionIdGenerator(new SplittableRandom(7)));
        mctp = new MctpService(sessions, alarms, clock, silence, model);
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ConnectionSniffer(
                                () -> new ChannelHandler[]{new StandInRtsp(sessions)}, mctp));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** A client connection with a read deadline. */
    Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", port());
        s.setSoTimeout((int) READ_DEADLINE.toMillis());
        return s;
    }

    /** Opens an RTSP stand-in connection with a session on {@code channel}; returns the session. */
    RtspSession openSession(Socket rtsp, int channel) throws IOException {
        send(rtsp, "SETUP " + channel + "\r\n");
        String id = readLine(rtsp.getInputStream());
        return sessions.find(id).orElseThrow();
    }

    static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
    }

    static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed after '" + sb + "'");
            }
            sb.append((char) b);
        }
        return sb.toString();
    }

    /** Reads one MCTP message (through its END line) as text. */
    static String readMessage(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder sb = new StringBuilder();
        String line;
        do {
            line = readLine(in);
            sb.append(line).append('\n');
        } while (!line.equals("END"));
        return sb.toString();
    }

    /** True when the peer closed the connection before the deadline. */
    static boolean closedByPeer(Socket s) throws IOException {
        try {
            InputStream in = s.getInputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // connection reset
        }
    }

    @Override
    public void close() {
        mctp.close();
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The RTSP stand-in: {@code SETUP <channel>} makes a session on this connection. */
    private static final class StandInRtsp extends SimpleChannelInboundHandler<ByteBuf> {
        private final SessionRegistry sessions;
        private final StringBuilder line = new StringBuilder();

        StandInRtsp(SessionRegistry sessions) {
            this.sessions = sessions;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf msg) {
            while (msg.isReadable()) {
                char c = (char) msg.readByte();
                if (c == '\n') {
                    String text = line.toString().strip();
                    line.setLength(0);
                    if (text.startsWith("SETUP ")) {
                        RtspSession s = sessions.create(Integer.parseInt(text.substring(6)), ctx.channel());
                        ctx.writeAndFlush(Unpooled.copiedBuffer(s.id() + "\n", StandardCharsets.US_ASCII));
                    }
                } else {
                    line.append(c);
                }
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            sessions.connectionClosed(ctx.channel());
        }
    }
}
