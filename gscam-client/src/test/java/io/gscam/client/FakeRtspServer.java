package io.gscam.client;

import io.gscam.protocol.rtsp.RtspFrame;
import io.gscam.protocol.rtsp.RtspMessageDecoder;
import io.gscam.protocol.rtsp.RtspRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A scripted RTSP server for unhappy paths (after media3's RtspServer test helper): a plain
 * ServerSocket on 127.0.0.1:0; each request of each connection goes to the {@link Script}, which
 * answers with whatever bytes it likes, or not at all.
 */
final class FakeRtspServer implements AutoCloseable {
    interface Script {
        void onRequest(Connection c, RtspRequest request) throws IOException;
    }

    /** Takes over a connection whose first bytes are MCTP ({@code CMD:}), as a Grandstream camera sniffs them. */
    interface MctpScript {
        void onConnection(Connection c, byte[] firstBytes) throws IOException;
    }

    /** One accepted connection. */
    static final class Connection {
        final Socket socket;
        final int index;
        private final OutputStream out;

        Connection(Socket socket, int index) throws IOException {
            this.socket = socket;
            this.index = index;
            this.out = socket.getOutputStream();
        }

        synchronized void send(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        void respond(RtspRequest request, String statusLine, String headers, String body) throws IOException {
            String cseq = request.header("CSeq").orElse("0");
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            String text = "RTSP/1.0 " + statusLine + "\r\nCSeq: " + cseq + "\r\n" + headers
                    + (b.length > 0 ? "Content-Length: " + b.length + "\r\n" : "") + "\r\n";
            byte[] head = text.getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + b.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(b, 0, all, head.length, b.length);
            send(all);
        }

        void close() throws IOException {
            socket.close();
        }
    }

    private final ServerSocket server;
    private final Script script;
    private final Thread acceptor;
    final List<RtspRequest> requests = new CopyOnWriteArrayList<>();
    /** When set, MCTP connections go here; otherwise their bytes fail RTSP parsing and are ignored. */
    volatile MctpScript mctp;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    FakeRtspServer(Script script) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.script = script;
        this.acceptor = new Thread(this::accept, "fake-rtsp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String url(String userInfo, String path) {
        return "rtsp://" + (userInfo == null ? "" : userInfo + "@") + "127.0.0.1:" + port() + path;
    }

    List<String> methods() {
        List<String> out = new ArrayList<>();
        requests.forEach(r -> out.add(r.method().name()));
        return out;
    }

    private void accept() {
        int index = 0;
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Connection c = new Connection(s, index++);
                Thread t = new Thread(() -> serve(c), "fake-rtsp-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Connection c) {
        RtspMessageDecoder decoder = new RtspMessageDecoder();
        byte[] buf = new byte[8192];
        try (InputStream in = c.socket.getInputStream()) {
            int n;
            boolean first = true;
            while ((n = in.read(buf)) > 0) {
                MctpScript m = mctp;
                if (first && m != null && new String(buf, 0, Math.min(n, 4), StandardCharsets.US_ASCII).startsWith("CMD")) {
                    m.onConnection(c, Arrays.copyOf(buf, n));
                    return;
                }
                first = false;
                List<RtspFrame> frames = new ArrayList<>();
                decoder.decode(ByteBuffer.wrap(buf, 0, n), frames::add);
                for (RtspFrame f : frames) {
                    if (f instanceof RtspRequest r) {
                        requests.add(r);
                        script.onRequest(c, r);
                    }
                }
            }
        } catch (Exception e) {
            // connection over
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
