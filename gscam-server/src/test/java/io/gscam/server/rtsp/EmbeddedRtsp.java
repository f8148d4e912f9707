package io.gscam.server.rtsp;

import io.gscam.net.RtspFrameDecoder;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.rtsp.RtspFrame;
import io.gscam.protocol.rtsp.RtspMessageDecoder;
import io.gscam.protocol.rtsp.RtspResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One server connection in an {@link EmbeddedChannel}: requests go in as bytes, responses come out
 * parsed, with no socket. The channel claims loopback addresses, as SETUP's UDP answer and the SDP's
 * origin need real ones. Blocking work must run inline (a direct executor), so one call of
 * {@link #request} sees the whole exchange.
 */
final class EmbeddedRtsp implements AutoCloseable {
    static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 554);
    static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 40000);

    final EmbeddedChannel channel;
    private final RtspMessageDecoder decoder = new RtspMessageDecoder();
    private final Deque<RtspFrame> frames = new ArrayDeque<>();
    private int cseq;

    EmbeddedRtsp(RtspServices services) {
        this(services, PEER);
    }

    /** As a client at {@code peer}. */
    EmbeddedRtsp(RtspServices services, InetSocketAddress peer) {
        channel = new EmbeddedChannel(new RtspFrameDecoder(), new RtspConnectionHandler(services)) {
            @Override
            protected SocketAddress localAddress0() {
                return LOCAL;
            }

            @Override
            protected SocketAddress remoteAddress0() {
                return peer;
            }
        };
    }

    /** Sends {@code method uri} with the next CSeq and the given header lines; the response. */
    RtspResponse request(String method, String uri, String... headers) {
        StringBuilder sb = new StringBuilder(method).append(' ').append(uri).append(" RTSP/1.0\r\nCSeq: ")
                .append(++cseq).append("\r\n");
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        return raw(sb.append("\r\n").toString());
    }

    int lastCseq() {
        return cseq;
    }

    /** Sends raw text; the one response it gets. */
    RtspResponse raw(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        channel.runPendingTasks();
        return response();
    }

    /** Sends raw text; what it answers comes later, if at all ({@link #response()}, {@link #hasOutput()}). */
    void send(String text) {
        channel.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
        channel.runPendingTasks();
    }

    /** Whether anything was written that {@link #response()} has not read yet. */
    boolean hasOutput() {
        return !frames.isEmpty() || !channel.outboundMessages().isEmpty();
    }

    /** The next response written, skipping interleaved frames; fails when there is none. */
    RtspResponse response() {
        while (true) {
            RtspFrame f = frames.poll();
            if (f == null) {
                ByteBuf out = channel.readOutbound();
                if (out == null) {
                    throw new AssertionError("the server wrote no response");
                }
                try {
                    byte[] bytes = new byte[out.readableBytes()];
                    out.readBytes(bytes);
                    frames.addAll(decoder.feed(bytes, 0, bytes.length));
                } catch (ParseException e) {
                    throw new AssertionError("the server wrote no RTSP: " + e.getMessage(), e);
                } finally {
                    out.release();
                }
                continue;
            }
            if (f instanceof RtspResponse r) {
                return r;
            }
        }
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
    }
}
