package io.gscam.camera.alarm;

import io.gscam.testkit.Await;
import io.gscam.protocol.grandstream.DeviceModel;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlarmTickerTest {
    private static final Instant T = Instant.parse("2026-03-04T05:06:07Z");

    private static List<String> drain(EmbeddedChannel ch) {
        List<String> lines = new ArrayList<>();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            lines.add(b.toString(StandardCharsets.US_ASCII));
            b.release();
        }
        return lines;
    }

    @Test
    void tick_dvs_motionOnEachChannelInTurn_thenAgainFromZero() {
        AlarmBus bus = new AlarmBus();
        EmbeddedChannel all = new EmbeddedChannel();
        bus.subscribe(AlarmBus.ALL_CHANNELS, all);
        AlarmTicker ticker = new AlarmTicker(bus, DeviceModel.DVS, InstantSource.fixed(T));
        List<Integer> channels = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            Alarm a = ticker.tick();
            assertThat(a.source()).isEqualTo(AlarmSource.MOTION);
            channels.add(a.channel());
        }
        assertThat(channels).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 0);
        assertThat(drain(all)).hasSize(9).first().isEqualTo("CMD:ALARM MCTP/1.0 SC\n@0@MOTION@2026-03-04T05:06:07Z\nEND\n");
    }

    @Test
    void tick_ipcam_onlyItsChannels() {
        AlarmTicker ticker = new AlarmTicker(new AlarmBus(), DeviceModel.IPCAM, InstantSource.fixed(T));
        assertThat(List.of(ticker.tick().channel(), ticker.tick().channel(), ticker.tick().channel())).containsExactly(0, 4, 0);
    }

    @Test
    void start_publishesEveryPeriod_untilClosed() {
        AlarmBus bus = new AlarmBus();
        AlarmTicker ticker = new AlarmTicker(bus, DeviceModel.DVS, InstantSource.fixed(T));
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        try {
            ticker.start(scheduler, Duration.ofMillis(20));
            Await.until(Duration.ofSeconds(10), "three alarms published", () -> bus.published() >= 3);
            assertThat(bus.published()).isGreaterThanOrEqualTo(3);
            ticker.close();
            assertThat(scheduler.getQueue()).allSatisfy(task -> assertThat(((java.util.concurrent.Future<?>) task).isCancelled()).isTrue());
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void start_nonPositivePeriod_isRefused() {
        AlarmTicker ticker = new AlarmTicker(new AlarmBus(), DeviceModel.DVS, InstantSource.fixed(T));
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        try {
            assertThatThrownBy(() -> ticker.start(scheduler, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
            assertThat(scheduler.getQueue()).isEmpty();
        } finally {
            scheduler.shutdownNow();
        }
    }
}
