package io.gscam.server.rtsp;

import io.gscam.server.mctp.MctpConnectionHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * Decides what a new connection on the RTSP port speaks, from its first bytes, and replaces itself
 * with that protocol's handlers: MCTP (the heartbeat/alarm connection: a first line starting
 * {@code CMD:} or containing {@code MCTP/1.0}) or RTSP (anything else, including a {@code $} frame).
 * It waits for the first line, but no longer than {@link #MAX_SNIFF} bytes: a longer first line is
 * not MCTP, and the RTSP decoder then rejects it within its own limits.
 */
public final class ConnectionSniffer extends ByteToMessageDecoder {
    /** MCTP's first line is short; RTSP's request line limit is 8 KiB and its decoder enforces it. */
    static final int MAX_SNIFF = 1024;
    /** The names of the RTSP connection limits ahead of the sniffer, which an MCTP connection drops. */
    public static final String IDLE = "limit-idle";
    public static final String DEADLINE = "limit-deadline";
    private static final byte[] CMD = "CMD:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MCTP = "MCTP/1.0".getBytes(StandardCharsets.US_ASCII);

    private final Supplier<ChannelHandler[]> rtsp;
    private final MctpConnectionHandler mctp;

    /**
     * @param rtsp the handlers of an RTSP connection, fresh for each call
     * @param mctp the MCTP service's handler factory
     */
    public ConnectionSniffer(Supplier<ChannelHandler[]> rtsp, MctpConnectionHandler mctp) {
        this.rtsp = rtsp;
        this.mctp = mctp;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int n = in.readableBytes();
        if (n == 0) {
            return;
        }
        int start = in.readerIndex();
        if (in.getByte(start) == '$') {
            become(ctx, false);
            return;
        }
        int lf = in.indexOf(start, start + Math.min(n, MAX_SNIFF), (byte) '\n');
        if (lf < 0 && n < MAX_SNIFF) {
            // A first line that so far could still start with CMD: or hold MCTP/1.0: wait for more.
            return;
        }
        int lineEnd = lf < 0 ? start + Math.min(n, MAX_SNIFF) : lf;
        become(ctx, isMctp(in, start, lineEnd));
    }

    /** Whether the first line {@code [from, to)} is an MCTP message's. */
    static boolean isMctp(ByteBuf in, int from, int to) {
        return startsWith(in, from, to, CMD) || contains(in, from, to, MCTP);
    }

    private static boolean startsWith(ByteBuf in, int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (Character.toUpperCase(in.getByte(from + i)) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(ByteBuf in, int from, int to, byte[] needle) {
        for (int i = from; i + needle.length <= to; i++) {
            if (startsWith(in, i, to, needle)) {
                return true;
            }
        }
        return false;
    }

    private void become(ChannelHandlerContext ctx, boolean isMctp) {
        if (isMctp) {
            // MCTP keeps its own silence rule (10 s) and its messages are a line each.
            for (String limit : new String[] {IDLE, DEADLINE}) {
                if (ctx.pipeline().get(limit) != null) {
                    ctx.pipeline().remove(limit);
                }
            }
            ctx.pipeline().addAfter(ctx.name(), "mctp", mctp.newHandler());
        } else {
            String after = ctx.name();
            int i = 0;
            for (ChannelHandler h : rtsp.get()) {
                String name = "rtsp-" + i++;
                ctx.pipeline().addAfter(after, name, h);
                after = name;
            }
        }
        // ByteToMessageDecoder passes the bytes it holds on to the handlers just added.
        ctx.pipeline().remove(this);
    }
}
