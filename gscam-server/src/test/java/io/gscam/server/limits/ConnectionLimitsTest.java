package io.gscam.server.limits;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The header deadline and the idle timeout on an {@link EmbeddedChannel} whose simulated time the
 * test moves ({@link EmbeddedChannel#advanceTimeBy}): no socket, no sleep. A line decoder stands in
 * for the RTSP and HTTP decoders: a line is a complete request.
 */
class ConnectionLimitsTest {
    private static EmbeddedChannel withDeadline(Duration timeout) {
        HeaderDeadline deadline = new HeaderDeadline(timeout);
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(deadline, new LineBasedFrameDecoder(1024), deadline.end(), new Swallow());
        return ch;
    }

    private static void send(EmbeddedChannel ch, String text) {
        ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII));
    }

    private static void advance(EmbeddedChannel ch, long millis) {
        ch.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
    }

    @Test
    void headerDeadline_halfARequestFor10s_closes() {
        EmbeddedChannel ch = withDeadline(ConnectionLimits.DEFAULT.headerTimeout());
        send(ch, "OPTIONS rtsp://h/0 RTSP/1.0");
        advance(ch, 9_999);
        assertThat(ch.isActive()).as("just under 10 s").isTrue();
        send(ch, "\r"); // trickling more bytes does not restart the clock
        advance(ch, 1);
        assertThat(ch.isActive()).as("10 s after the first byte").isFalse();
    }

    @Test
    void headerDeadline_completeRequestsInTime_neverClose_andEachRequestGetsItsOwn10s() {
        EmbeddedChannel ch = withDeadline(Duration.ofSeconds(10));
        for (int i = 0; i < 5; i++) {
            send(ch, "GET_PARAMETER rtsp://h/0 RTSP/1.0");
            advance(ch, 9_000);
            send(ch, "\n");
            advance(ch, 9_000);
        }
        assertThat(ch.isActive()).isTrue();
        send(ch, "x");
        advance(ch, 10_000);
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void headerDeadline_silentConnection_isNotItsBusiness() {
        EmbeddedChannel ch = withDeadline(Duration.ofSeconds(10));
        advance(ch, 3_600_000);
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void idleTimeout_closesASilentConnection_unlessItIsBusy() {
        AtomicBoolean playing = new AtomicBoolean(true);
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.freezeTime();
        ch.pipeline().addLast(new IdleTimeout(Duration.ofSeconds(60), c -> playing.get()), new Swallow());
        advance(ch, 59_000);
        send(ch, "x"); // any byte is a sign of life
        advance(ch, 59_000);
        assertThat(ch.isActive()).isTrue();
        advance(ch, 1_000);
        assertThat(ch.isActive()).as("60 s silent but playing").isTrue();
        playing.set(false);
        advance(ch, 60_000);
        assertThat(ch.isActive()).as("60 s silent, nothing playing").isFalse();
    }

    @Test
    void connectionLimits_refuseZero() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConnectionLimits(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ConnectionLimits.DEFAULT).isEqualTo(new ConnectionLimits(Duration.ofSeconds(10), Duration.ofSeconds(60)));
    }

    /** The end of the pipeline: drops what it gets. */
    private static final class Swallow extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            io.netty.util.ReferenceCountUtil.release(msg);
        }
    }
}
