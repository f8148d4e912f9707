package io.gscam.net;

import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspRequest;
import io.gscam.protocol.rtsp.RtspResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RtspFrameDecoderTest {
    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void requestsAndInterleavedFrames_comeOutInOrder_acrossSplitReads() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspFrameDecoder());
        byte[] request = ascii("OPTIONS rtsp://127.0.0.1:554/0 RTSP/1.0\r\nCSeq: 1\r\n\r\n");
        byte[] frame = {'$', 1, 0, 2, 0x55, 0x66};
        ch.writeInbound(Unpooled.wrappedBuffer(request, 0, 10));
        assertThat((Object) ch.readInbound()).isNull();
        ch.writeInbound(Unpooled.wrappedBuffer(request, 10, request.length - 10), Unpooled.wrappedBuffer(frame));
        RtspRequest r = ch.readInbound();
        assertThat(r.header("CSeq")).contains("1");
        InterleavedFrame f = ch.readInbound();
        assertThat(f.channel()).isEqualTo(1);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aParseErrorBecomesOneMalformedMessage_andTheRestIsDiscarded() {
        EmbeddedChannel ch = new EmbeddedChannel(new RtspFrameDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(ascii("OPTIONS rtsp://x RTSP/1.0\r\nCSeq: 1\r\nContent-Length: -5\r\n\r\n")));
        Object first = ch.readInbound();
        assertThat(first).isInstanceOf(RtspFrameDecoder.Malformed.class);
        ch.writeInbound(Unpooled.wrappedBuffer(ascii("OPTIONS rtsp://x RTSP/1.0\r\nCSeq: 2\r\n\r\n")));
        assertThat((Object) ch.readInbound()).isNull();
        ch.finishAndReleaseAll();
    }

    /**
     * A channel whose $ frames go to a sink and whose messages to a handler, both noted in one list
     * in arrival order; a frame that took the pipeline is noted with "pipeline" in front.
     */
    private static EmbeddedChannel sinkChannel(List<Object> seen) {
        return new EmbeddedChannel(
                new RtspFrameDecoder((channel, data, offset, length) ->
                        seen.add("$" + channel + " " + HexFormat.of().formatHex(data, offset, offset + length))),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        seen.add(msg instanceof RtspResponse r ? "response " + r.header("CSeq").orElse("?")
                                : msg instanceof InterleavedFrame f ? "pipeline $" + f.channel() + " " + HexFormat.of().formatHex(f.payload())
                                : msg);
                    }
                });
    }

    private static ByteBuf direct(byte[] bytes, int from, int to) {
        ByteBuf b = Unpooled.directBuffer(Math.max(1, to - from));
        b.writeBytes(bytes, from, to - from);
        return b;
    }

    @Test
    void withASink_everyFrameArrivesOnce_inOrderWithMessages_whateverTheReadsSplit() {
        byte[] stream = concat(new byte[] {'$', 0, 0, 3, 1, 2, 3},
                ascii("RTSP/1.0 200 OK\r\nCSeq: 4\r\n\r\n"),
                new byte[] {'$', 1, 0, 2, 9, 8, '$', 0, 0, 1, 7});
        // Every split point, from direct buffers (copied into the decoder's array) and heap ones (passed as they are).
        for (int split = 0; split <= stream.length; split++) {
            for (boolean heap : new boolean[] {false, true}) {
                List<Object> seen = new ArrayList<>();
                EmbeddedChannel ch = sinkChannel(seen);
                ch.writeInbound(heap ? Unpooled.wrappedBuffer(stream, 0, split) : direct(stream, 0, split));
                ch.writeInbound(heap ? Unpooled.wrappedBuffer(stream, split, stream.length - split) : direct(stream, split, stream.length));
                // A frame read together with a message before it takes the protocol decoder's path: same bytes, same order.
                assertThat(seen.stream().map(e -> e.toString().replace("pipeline ", "")).toList())
                        .as("split at %d, heap %s", split, heap)
                        .containsExactly("$0 010203", "response 4", "$1 0908", "$0 07");
                assertThat(seen.get(0)).isEqualTo("$0 010203"); // a read that starts with a frame: the sink
                assertThat(ch.finish()).isFalse();
            }
        }
    }

    @Test
    void withASink_framesBetweenFramesSkipThePipeline_andLaterErrorsKeepStreamOffsets() {
        List<Object> seen = new ArrayList<>();
        EmbeddedChannel ch = sinkChannel(seen);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {'$', 0, 0, 2, 5, 6, '$', 2, 0, 0}));
        assertThat(seen).containsExactly("$0 0506", "$2 ");
        ch.writeInbound(Unpooled.wrappedBuffer(ascii("BAD\r\n")));
        assertThat(seen).hasSize(3);
        assertThat(seen.get(2)).isInstanceOfSatisfying(RtspFrameDecoder.Malformed.class,
                m -> assertThat(m.error().offset()).isEqualTo(10)); // the 10 bytes of frames count
        ch.finishAndReleaseAll();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
