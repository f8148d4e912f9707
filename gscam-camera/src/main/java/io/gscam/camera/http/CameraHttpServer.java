package io.gscam.camera.http;

import io.gscam.camera.alarm.AlarmBus;
import io.gscam.protocol.auth.AuthVerifier;
import io.gscam.protocol.grandstream.DeviceModel;
import io.gscam.server.limits.AuthFailures;
import io.gscam.server.limits.ConnectionLimits;
import io.gscam.server.limits.HeaderDeadline;
import io.gscam.server.limits.IdleTimeout;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The camera's HTTP port (default 6554; RTSP is 2000 above it): the alarm API and JPEG snapshots
 * ({@link HttpApiHandler}). Runs on the camera's event-loop group. Requests are bounded: a request
 * line or header over 8 KiB is answered 400, a body over {@value #MAX_BODY} bytes 413; a connection
 * whose request is not complete within the header timeout (10 s) of its first byte, or that is idle
 * for the idle timeout (60 s), is closed (the camera's {@link ConnectionLimits}).
 */
public final class CameraHttpServer implements AutoCloseable {
    static final int MAX_BODY = 16 * 1024;

    private final Channel serverChannel;
    private final ChannelGroup connections;

    private CameraHttpServer(Channel serverChannel, ChannelGroup connections) {
        this.serverChannel = serverChannel;
        this.connections = connections;
    }

    /**
     * Binds {@code address:port} and serves until {@link #close()}.
     *
     * @param auth      the camera's account check over HTTP: Digest and Basic
     * @param blocking  where snapshots are rendered (never on an event loop)
     */
    public static CameraHttpServer start(EventLoopGroup group, ChannelFactory<? extends ServerChannel> serverFactory,
                                         InetAddress address, int port, AuthVerifier auth, AlarmBus alarms,
                                         DeviceModel model, SnapshotSource snapshots, Executor blocking,
                                         InstantSource clock, ConnectionLimits limits, AuthFailures failures)
            throws IOException, InterruptedException {
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(alarms, "alarms");
        Objects.requireNonNull(snapshots, "snapshots");
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        Channel server;
        try {
            server = new ServerBootstrap()
                    .group(group)
                    .channelFactory(serverFactory)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            connections.add(ch);
                            ch.pipeline().addLast(new IdleTimeout(limits.idleTimeout(), c -> false));
                            HeaderDeadline deadline = new HeaderDeadline(limits.headerTimeout());
                            ch.pipeline().addLast(deadline);
                            ch.pipeline().addLast(new HttpServerCodec(8192, 8192, 8192));
                            ch.pipeline().addLast(new HttpObjectAggregator(MAX_BODY));
                            ch.pipeline().addLast(deadline.end());
                            ch.pipeline().addLast(new HttpApiHandler(auth, alarms, model, snapshots, blocking, clock, failures));
                        }
                    })
                    .bind(address, port).sync().channel();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot bind the camera's HTTP port " + port + ": " + e.getMessage(), e);
        }
        return new CameraHttpServer(server, connections);
    }

    /** Where HTTP listens (with port 0, the port the system chose). */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Stops listening and closes every HTTP connection. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly();
    }
}
