package io.gscam.net;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspMessage;
import io.gscam.protocol.rtsp.RtspRequest;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.testkit.Generators;
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

import static io.gscam.testkit.FuzzChecks.checkEqual;
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
        return channel(seen, msg -> msg instanceof RtspResponse r ? "response " + r.header("CSeq").orElse("?")
                : msg instanceof InterleavedFrame f ? "pipeline $" + f.channel() + " " + HexFormat.of().formatHex(f.payload())
                : msg);
    }

    /** $ frames to a sink, noted as "$channel hex"; every message the decoder passes on, as {@code describe} gives it. */
    private static EmbeddedChannel channel(List<Object> seen, java.util.function.Function<Object, Object> describe) {
        return new EmbeddedChannel(
                new RtspFrameDecoder((channel, data, offset, length) ->
                        seen.add("$" + channel + " " + HexFormat.of().formatHex(data, offset, offset + length))),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        seen.add(describe.apply(msg));
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

    @Test
    void withASink_aFrameThatReadsCutOff_isTakenAsItComes_soNothingButACutOffHeaderWaitsForTheNextRead() {
        byte[] big = new byte[1400];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }
        byte[] max = new byte[65535];
        max[0] = 1;
        max[65534] = 2;
        byte[] stream = concat(new byte[] {'$', 0, 0x05, 0x78}, big, new byte[] {'$', 2, 0, 0},
                ascii("RTSP/1.0 200 OK\r\nCSeq: 9\r\n\r\n"), new byte[] {'$', 1, 0, 1, 0x42},
                new byte[] {'$', 0, (byte) 0xff, (byte) 0xff}, max, new byte[] {'$', 3, 0, 3, 4, 5, 6});
        List<String> expected = List.of("$0 " + HexFormat.of().formatHex(big), "$2 ", "response 9", "$1 42",
                "$0 " + HexFormat.of().formatHex(max), "$3 040506");
        for (int read : new int[] {1, 2, 3, 5, 7, 64, 1000, 1403, 1404, 1405, 4096, 70_000}) {
            List<Object> seen = new ArrayList<>();
            EmbeddedChannel ch = sinkChannel(seen);
            RtspFrameDecoder decoder = ch.pipeline().get(RtspFrameDecoder.class);
            for (int at = 0; at < stream.length; at += read) {
                ch.writeInbound(direct(stream, at, Math.min(stream.length, at + read)));
                assertThat(decoder.waitingBytes()).as("reads of %d bytes, after byte %d", read, at)
                        .isLessThan(InterleavedFrame.HEADER_SIZE);
            }
            assertThat(seen.stream().map(e -> e.toString().replace("pipeline ", "")).toList())
                    .as("reads of %d bytes", read).containsExactlyElementsOf(expected);
            assertThat(ch.finish()).isFalse();
        }
    }

    /**
     * The first byte is a chunk size (1 to 256): a stream fed in reads of that size, from direct
     * buffers, gives the sink and the pipeline what it gives fed whole (a frame read together with a
     * message before it takes the pipeline's path: the same bytes in the same order), and leaves at most
     * a cut-off header waiting in the cumulation after each read.
     */
    @FuzzTest
    void inReadsOfAnySize_theSinkAndPipelineGetWhatTheWholeStreamGives(byte[] input) {
        Generators.Chunked in = Generators.chunked(input).orElse(null);
        if (in == null) {
            return;
        }
        byte[] stream = in.stream();
        List<Object> whole = new ArrayList<>();
        EmbeddedChannel one = recordingChannel(whole);
        one.writeInbound(direct(stream, 0, stream.length));
        one.finishAndReleaseAll();
        List<Object> split = new ArrayList<>();
        EmbeddedChannel reads = recordingChannel(split);
        RtspFrameDecoder decoder = reads.pipeline().get(RtspFrameDecoder.class);
        for (int at = 0; at < stream.length; at += in.chunk()) {
            reads.writeInbound(direct(stream, at, Math.min(stream.length, at + in.chunk())));
            checkEqual(decoder.waitingBytes() < InterleavedFrame.HEADER_SIZE, true, "at most a cut-off header waits");
        }
        reads.finishAndReleaseAll();
        checkEqual(split, whole, "what the reads gave");
    }

    /** As {@link #sinkChannel}, every item whole: a frame by channel and bytes from either path, a message by its bytes. */
    private static EmbeddedChannel recordingChannel(List<Object> seen) {
        return channel(seen, msg -> msg instanceof InterleavedFrame f ? "$" + f.channel() + " " + HexFormat.of().formatHex(f.payload())
                : msg instanceof RtspMessage m ? "message " + HexFormat.of().formatHex(m.toBytes())
                : msg instanceof RtspFrameDecoder.Malformed bad ? "malformed at " + bad.error().offset()
                : "other " + msg.getClass().getName());
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
