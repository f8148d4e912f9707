package io.gscam.client.emulator;

import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspFrame;
import io.gscam.protocol.rtsp.RtspMessageDecoder;
import io.gscam.protocol.rtsp.RtspRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1:0 in front of a camera that records what the client sends: the method of
 * every RTSP request and the number of interleaved frames (RTCP receiver reports over TCP). Connections
 * whose bytes are not RTSP (MCTP) are relayed without being read.
 */
final class RtspTap implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> methods = new CopyOnWriteArrayList<>();
    private final AtomicInteger interleavedFromClient = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    /** Connections numbered below this get nothing more from the camera (a stalled path, still open). */
    private volatile int stalledBelow;

    RtspTap(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::accept, "rtsp-tap");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The methods of the requests the client sent, in order, over every connection. */
    List<String> methods() {
        return List.copyOf(methods);
    }

    long count(String method) {
        return methods.stream().filter(method::equals).count();
    }

    /** From now on the connections open so far deliver nothing from the camera to the client, yet stay open. */
    void stallOpenConnections() {
        stalledBelow = accepted.get();
    }

    int interleavedFromClient() {
        return interleavedFromClient.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket camera = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(camera);
                int number = accepted.getAndIncrement();
                pump(client, camera, true, number);
                pump(camera, client, false, number);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean inspect, int number) {
        Thread t = new Thread(() -> {
            RtspMessageDecoder decoder = inspect ? new RtspMessageDecoder() : null;
            boolean rtsp = inspect;
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (!inspect && number < stalledBelow) {
                        continue;
                    }
                    // Record before forwarding, so a test that sees the camera act on a request
                    // also sees the request in methods().
                    if (rtsp) {
                        rtsp = inspect(decoder, buf, n);
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "rtsp-tap-pump");
        t.setDaemon(true);
        t.start();
    }

    /** Records what {@code buf} holds; false once the connection turned out not to be RTSP. */
    private boolean inspect(RtspMessageDecoder decoder, byte[] buf, int n) {
        List<RtspFrame> frames = new ArrayList<>();
        try {
            decoder.decode(ByteBuffer.wrap(buf, 0, n), frames::add);
        } catch (Exception e) {
            return false;
        }
        for (RtspFrame f : frames) {
            if (f instanceof RtspRequest r) {
                methods.add(r.method().name());
            } else if (f instanceof InterleavedFrame) {
                interleavedFromClient.incrementAndGet();
            }
        }
        return true;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** Stops accepting and cuts every relayed connection. */
    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}
