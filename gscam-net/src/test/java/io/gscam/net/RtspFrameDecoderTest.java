package io.gscam.net;

import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspRequest;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

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
}
