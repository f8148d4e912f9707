package io.gscam.camera;

import java.time.Duration;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.auth.Authenticator;
import io.gscam.protocol.auth.Credentials;
import io.gscam.protocol.auth.DigestChallenge;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspFrame;
import io.gscam.protocol.rtsp.RtspMessageDecoder;
import io.gscam.protocol.rtsp.RtspResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/** A blocking RTSP client over a plain socket, for tests: requests as text, responses and $ frames parsed. */
final class RtspTestClient implements AutoCloseable {
    final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final RtspMessageDecoder decoder = new RtspMessageDecoder();
    private final Deque<RtspFrame> frames = new ArrayDeque<>();
    final List<InterleavedFrame> interleaved = new ArrayList<>();
    private int cseq;
    private Authenticator auth;
    private Credentials credentials;
    final String base;

    RtspTestClient(InetSocketAddress server) throws IOException {
        this(server, 0);
    }

    /** With {@code receiveBufferBytes} > 0, a small socket receive buffer, so a reader that stops reading backs up fast. */
    RtspTestClient(InetSocketAddress server, int receiveBufferBytes) throws IOException {
        this(server, receiveBufferBytes, null);
    }

    /** From the loopback address {@code local} (127.0.0.x), so per-address limits see another peer; null for any. */
    RtspTestClient(InetSocketAddress server, int receiveBufferBytes, java.net.InetAddress local) throws IOException {
        socket = new Socket();
        if (local != null) {
            socket.bind(new InetSocketAddress(local, 0));
        }
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes); // before connect, so the window is small from the start
        }
        socket.connect(server, 5000);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        base = "rtsp://127.0.0.1:" + server.getPort();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void sendRaw(String text) throws IOException {
        sendRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a request with the next CSeq (and Authorization once logged in) plus extra header lines;
     * a 401 with {@code stale=true} (the nonce expired) is answered once with the new nonce, as
     * gscam's client does.
     */
    RtspResponse request(String method, String uri, String... headers) throws IOException {
        RtspResponse r = send(method, uri, headers);
        if (auth != null && r.statusCode() == 401
                && r.headers().get("WWW-Authenticate").filter(v -> v.contains("stale=true")).isPresent()) {
            auth = authenticatorFor(r, credentials);
            r = send(method, uri, headers);
        }
        return r;
    }

    private RtspResponse send(String method, String uri, String... headers) throws IOException {
        StringBuilder sb = new StringBuilder(method).append(' ').append(uri).append(" RTSP/1.0\r\n");
        sb.append("CSeq: ").append(++cseq).append("\r\n");
        if (auth != null) {
            sb.append("Authorization: ").append(auth.authorize(method, uri)).append("\r\n");
        }
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        sb.append("User-Agent: gscam test\r\n\r\n");
        sendRaw(sb.toString());
        RtspResponse r = nextResponse();
        if (!r.headers().get("CSeq").equals(java.util.Optional.of(Integer.toString(cseq)))) {
            throw new AssertionError("CSeq mismatch: " + r);
        }
        return r;
    }

    /** DESCRIBE, answering the 401 with Digest as the spec's client does. */
    RtspResponse login(String user, String password, String uri) throws IOException {
        RtspResponse r = request("DESCRIBE", uri, "Accept: application/sdp");
        if (r.statusCode() != 401) {
            return r;
        }
        credentials = new Credentials(user, password);
        auth = authenticatorFor(r, credentials);
        return request("DESCRIBE", uri, "Accept: application/sdp");
    }

    /** The Authorization header line the logged-in client would send for {@code method uri}. */
    String authorization(String method, String uri) {
        if (auth == null) {
            throw new IllegalStateException("not logged in");
        }
        return "Authorization: " + auth.authorize(method, uri);
    }

    private static Authenticator authenticatorFor(RtspResponse challenged, Credentials credentials) {
        DigestChallenge challenge;
        try {
            challenge = DigestChallenge.parse(challenged.headers().get("WWW-Authenticate").orElseThrow());
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
        return Authenticator.forChallenges(credentials, List.of(challenge), () -> "0a4f113b").orElseThrow();
    }

    RtspResponse nextResponse() throws IOException {
        while (true) {
            RtspFrame f = nextFrame();
            if (f instanceof RtspResponse r) {
                return r;
            }
            interleaved.add((InterleavedFrame) f);
        }
    }

    InterleavedFrame nextInterleaved() throws IOException {
        while (true) {
            RtspFrame f = nextFrame();
            if (f instanceof InterleavedFrame i) {
                return i;
            }
        }
    }

    RtspFrame nextFrame() throws IOException {
        byte[] buf = new byte[65536];
        while (frames.isEmpty()) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("connection closed by the camera");
            }
            try {
                frames.addAll(decoder.feed(buf, 0, n));
            } catch (ParseException e) {
                throw new IOException(e);
            }
        }
        return frames.poll();
    }

    /** Reads until the camera closes the connection; true when it did within the socket timeout. */
    boolean closedByServer() throws IOException {
        byte[] buf = new byte[65536];
        try {
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    return true;
                }
                try {
                    frames.addAll(decoder.feed(buf, 0, n));
                } catch (ParseException e) {
                    throw new IOException(e);
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true; // reset
        }
    }

    /** The first response still buffered (after closedByServer). */
    RtspResponse bufferedResponse() {
        for (RtspFrame f : frames) {
            if (f instanceof RtspResponse r) {
                return r;
            }
        }
        return null;
    }

    /** The deadline of every wait in the socket tests: the camera answers in milliseconds. */
    static final Duration AWAIT = Duration.ofSeconds(10);

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
