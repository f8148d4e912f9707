package io.gscam.cli.bench;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.auth.AuthChallenge;
import io.gscam.protocol.auth.Authenticator;
import io.gscam.protocol.auth.Credentials;
import io.gscam.protocol.header.SessionHeader;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspFrame;
import io.gscam.protocol.rtsp.RtspHeaders;
import io.gscam.protocol.rtsp.RtspMessageDecoder;
import io.gscam.protocol.rtsp.RtspMethod;
import io.gscam.protocol.rtsp.RtspRequest;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.protocol.sdp.ControlUrl;
import io.gscam.protocol.sdp.MediaDescription;
import io.gscam.protocol.sdp.SessionDescription;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * One lightweight RTSP reader of the fan-out bench: OPTIONS, DESCRIBE (answering a 401 with Digest
 * or Basic), SETUP of every track as RTP/AVP/TCP interleaved (channels 0-1, 2-3, ...), PLAY, then it
 * counts interleaved frames into {@link ReaderStats}. Responses are parsed with the protocol's
 * {@link RtspMessageDecoder}; once playing, frames are scanned in place (RTP sequence number peeked,
 * nothing copied), so a thousand readers fit beside the camera on a small machine.
 */
final class FanoutReader extends ByteToMessageDecoder {
    private enum State { OPTIONS, DESCRIBE, SETUP, PLAY, PLAYING, TEARDOWN, FAILED }

    private final String url;
    private final Credentials credentials;
    private final RandomGenerator random;
    private final ReaderStats stats;
    private final SetupSteps steps;
    /** When the request awaiting its answer was sent (System.nanoTime), or when the connect began. */
    private long sentNanos = System.nanoTime();
    /** Completes when PLAY succeeded, or exceptionally with why the reader could not start. */
    final CompletableFuture<Void> playing = new CompletableFuture<>();

    private final RtspMessageDecoder decoder = new RtspMessageDecoder();
    private State state = State.OPTIONS;
    private boolean fastPath;
    private int cseq;
    private Authenticator auth;
    private boolean retried;
    private RtspRequest pending;
    private String session;
    private final List<String> tracks = new ArrayList<>();
    private int nextTrack;
    private String base;
    private int keepAliveSeconds = 30;

    FanoutReader(String url, Credentials credentials, RandomGenerator random, ReaderStats stats, SetupSteps steps) {
        this.url = url;
        this.credentials = credentials;
        this.random = random;
        this.stats = stats;
        this.steps = steps;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        steps.record(SetupSteps.Step.CONNECT, System.nanoTime() - sentNanos);
        send(ctx, RtspMethod.OPTIONS, url);
        super.channelActive(ctx);
    }

    /** Sends TEARDOWN (when a session exists) and closes after its answer, or at once. */
    void teardown(ChannelHandlerContext ctx) {
        if (session != null && state == State.PLAYING) {
            state = State.TEARDOWN;
            send(ctx, RtspMethod.TEARDOWN, base);
        } else {
            ctx.close();
        }
    }

    private void send(ChannelHandlerContext ctx, RtspMethod method, String uri) {
        RtspRequest.Builder b = RtspRequest.builder(method, uri)
                .header("CSeq", Integer.toString(++cseq))
                .header("User-Agent", "gscam-bench");
        if (auth != null) {
            b.header("Authorization", auth.authorize(method.name(), uri));
        }
        if (session != null) {
            b.header("Session", session);
        }
        if (method == RtspMethod.DESCRIBE) {
            b.header("Accept", "application/sdp");
        }
        if (method == RtspMethod.SETUP) {
            int ch = 2 * nextTrack;
            b.header("Transport", "RTP/AVP/TCP;unicast;interleaved=" + ch + "-" + (ch + 1));
        }
        if (method == RtspMethod.PLAY) {
            b.header("Range", "npt=0.000-");
        }
        pending = b.build();
        sentNanos = System.nanoTime();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(pending.toBytes()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (fastPath) {
            scan(ctx, in);
            return;
        }
        ByteBuffer nio = in.nioBuffer();
        in.skipBytes(in.readableBytes());
        try {
            for (RtspFrame f : decoder.feed(nio)) {
                if (f instanceof InterleavedFrame frame) {
                    ByteBuffer p = frame.payloadBuffer();
                    stats.frame(frame.channel(), frame.payloadLength(), rtpSeq(frame.channel(), p, p.position(), p.remaining()), System.nanoTime());
                } else if (f instanceof RtspResponse r) {
                    onResponse(ctx, r);
                }
            }
        } catch (ParseException e) {
            fail(ctx, "bad RTSP from the camera: " + e.getMessage());
            return;
        }
        if (state == State.PLAYING && decoder.isAtFrameBoundary()) {
            fastPath = true; // from here on only interleaved frames come, until TEARDOWN's answer
        }
    }

    /** Interleaved frames in place: '$', channel, 16-bit length, payload. Anything else goes back to the decoder. */
    private void scan(ChannelHandlerContext ctx, ByteBuf in) throws Exception {
        long now = System.nanoTime();
        while (in.readableBytes() >= 4) {
            int i = in.readerIndex();
            if (in.getByte(i) != '$') {
                fastPath = false;
                decode(ctx, in, null);
                return;
            }
            int channel = in.getUnsignedByte(i + 1);
            int length = in.getUnsignedShort(i + 2);
            if (in.readableBytes() < 4 + length) {
                return;
            }
            int seq = (channel & 1) == 0 && length >= 12 ? in.getUnsignedShort(i + 6) : -1;
            stats.frame(channel, length, seq, now);
            in.skipBytes(4 + length);
        }
    }

    private static int rtpSeq(int channel, ByteBuffer p, int pos, int len) {
        return (channel & 1) == 0 && len >= 12 ? ((p.get(pos + 2) & 0xFF) << 8) | (p.get(pos + 3) & 0xFF) : -1;
    }

    private void onResponse(ChannelHandlerContext ctx, RtspResponse r) throws ParseException {
        if (state == State.TEARDOWN) {
            ctx.close();
            return;
        }
        SetupSteps.Step step = switch (state) {
            case OPTIONS -> SetupSteps.Step.OPTIONS;
            case DESCRIBE -> r.statusCode() == 401 ? SetupSteps.Step.DESCRIBE_401 : SetupSteps.Step.DESCRIBE;
            case SETUP -> SetupSteps.Step.SETUP;
            case PLAY -> SetupSteps.Step.PLAY;
            default -> null; // a keep-alive's answer
        };
        if (step != null) {
            steps.record(step, System.nanoTime() - sentNanos);
        }
        if (r.statusCode() == 401 && !retried) {
            retried = true;
            List<AuthChallenge> challenges = AuthChallenge.parseAll(r.headers().getAll("WWW-Authenticate"));
            auth = Authenticator.forChallenges(credentials, challenges, Authenticator.randomCnonces(random)).orElse(null);
            if (auth == null) {
                fail(ctx, "401 with no challenge gscam can answer");
                return;
            }
            send(ctx, pending.method(), pending.uri());
            return;
        }
        if (!r.isSuccess()) {
            fail(ctx, pending.method() + " answered " + r.statusCode() + " " + r.reason());
            return;
        }
        retried = false;
        switch (state) {
            case OPTIONS -> {
                state = State.DESCRIBE;
                send(ctx, RtspMethod.DESCRIBE, url);
            }
            case DESCRIBE -> {
                RtspHeaders h = r.headers();
                base = ControlUrl.base(h.get("Content-Base").orElse(null), h.get("Content-Location").orElse(null), url);
                SessionDescription sdp = SessionDescription.parse(new String(r.body(), StandardCharsets.UTF_8));
                for (MediaDescription m : sdp.media()) {
                    if (m.port() != 0 || m.media().equals("audio") || m.media().equals("video")) {
                        tracks.add(ControlUrl.resolve(base, m.control().orElse(null)));
                    }
                }
                if (tracks.isEmpty()) {
                    fail(ctx, "the SDP has no media");
                    return;
                }
                state = State.SETUP;
                send(ctx, RtspMethod.SETUP, tracks.get(0));
            }
            case SETUP -> {
                if (session == null) {
                    SessionHeader sh = SessionHeader.parse(r.headers().get("Session")
                            .orElseThrow(() -> new ParseException("SETUP answer without Session", 0)));
                    session = sh.id();
                    keepAliveSeconds = Math.max(1, sh.timeoutSeconds().orElse(60) / 2);
                }
                nextTrack++;
                if (nextTrack < tracks.size()) {
                    send(ctx, RtspMethod.SETUP, tracks.get(nextTrack));
                } else {
                    state = State.PLAY;
                    send(ctx, RtspMethod.PLAY, base);
                }
            }
            case PLAY -> {
                state = State.PLAYING;
                playing.complete(null);
                keepAlive(ctx);
            }
            default -> { /* a late answer (e.g. to a keep-alive): nothing to do */ }
        }
    }

    /**
     * GET_PARAMETER at half the session timeout: the camera (RFC 2326) ends a session that sends
     * nothing, and with many readers the set-up alone can outlast the 120 s.
     */
    private void keepAlive(ChannelHandlerContext ctx) {
        ctx.executor().schedule(() -> {
            if (state == State.PLAYING && ctx.channel().isActive()) {
                send(ctx, RtspMethod.GET_PARAMETER, base);
                keepAlive(ctx);
            }
        }, keepAliveSeconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void fail(ChannelHandlerContext ctx, String why) {
        state = State.FAILED;
        playing.completeExceptionally(new IllegalStateException(why));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!playing.isDone()) {
            playing.completeExceptionally(new IllegalStateException("connection closed during " + state));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause.toString());
    }
}
