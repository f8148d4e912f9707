package io.gscam.camera.alarm;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlarmBusTest {
    private static final Instant T = Instant.parse("2024-05-01T12:34:56.789Z");

    private static String written(EmbeddedChannel ch) {
        ByteBuf b = ch.readOutbound();
        if (b == null) {
            return null;
        }
        try {
            return b.toString(StandardCharsets.US_ASCII);
        } finally {
            b.release();
        }
    }

    @Test
    void publish_writesDesignFormatToSubscriberOfThatChannel() {
        AlarmBus bus = new AlarmBus();
        EmbeddedChannel ch = new EmbeddedChannel();
        bus.subscribe(5, ch);
        assertThat(bus.publish(new Alarm(5, AlarmSource.MOTION, T))).isEqualTo(1);
        assertThat(written(ch)).isEqualTo("CMD:ALARM MCTP/1.0 SC\n@5@MOTION@2024-05-01T12:34:56Z\nEND\n");
    }

    @Test
    void publish_skipsSubscribersOfOtherChannels_allChannelsGetsIt() {
        AlarmBus bus = new AlarmBus();
        EmbeddedChannel one = new EmbeddedChannel();
        EmbeddedChannel all = new EmbeddedChannel();
        bus.subscribe(1, one);
        bus.subscribe(AlarmBus.ALL_CHANNELS, all);
        assertThat(bus.publish(new Alarm(2, AlarmSource.INPUT3, T))).isEqualTo(1);
        assertThat(written(one)).isNull();
        assertThat(written(all)).isEqualTo("CMD:ALARM MCTP/1.0 SC\n@2@INPUT3@2024-05-01T12:34:56Z\nEND\n");
        assertThat(bus.delivered()).isEqualTo(1);
        assertThat(bus.published()).isEqualTo(1);
    }

    @Test
    void publish_unwritableSubscriber_dropsAndCounts() {
        AlarmBus bus = new AlarmBus();
        EmbeddedChannel slow = new EmbeddedChannel();
        EmbeddedChannel fast = new EmbeddedChannel();
        AlarmBus.Subscription s = bus.subscribe(0, slow);
        bus.subscribe(0, fast);
        slow.unsafe().outboundBuffer().setUserDefinedWritability(1, false);
        assertThat(bus.publish(new Alarm(0, AlarmSource.MOTION, T))).isEqualTo(1);
        assertThat(written(slow)).isNull();
        assertThat(written(fast)).isNotNull();
        assertThat(s.dropped()).isEqualTo(1);
        assertThat(bus.dropped()).isEqualTo(1);
    }

    @Test
    void closedConnection_isUnsubscribed() {
        AlarmBus bus = new AlarmBus();
        EmbeddedChannel ch = new EmbeddedChannel();
        bus.subscribe(0, ch);
        assertThat(bus.subscribers()).isEqualTo(1);
        ch.close();
        assertThat(bus.subscribers()).isZero();
        assertThat(bus.publish(new Alarm(0, AlarmSource.MOTION, T))).isZero();
    }

    @Test
    void alarm_outsideChannels_isRejected() {
        assertThatThrownBy(() -> new Alarm(8, AlarmSource.MOTION, T)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Alarm(-1, AlarmSource.MOTION, T)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alarmSource_parsesAnyCase_rejectsOthers() {
        assertThat(AlarmSource.parse("input2")).contains(AlarmSource.INPUT2);
        assertThat(AlarmSource.parse("MOTION")).contains(AlarmSource.MOTION);
        assertThat(AlarmSource.parse("INPUT5")).isEmpty();
        assertThat(AlarmSource.parse(null)).isEmpty();
    }
}
