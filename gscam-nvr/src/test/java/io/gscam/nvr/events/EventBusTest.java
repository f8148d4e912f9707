package io.gscam.nvr.events;

import io.gscam.client.CameraState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EventBusTest {
    @Test
    void aFullSubscriberLosesEventsCountedWithoutBlockingThePublisherOrTheOthers() throws Exception {
        EventBus bus = new EventBus();
        try (EventBus.Subscription slow = bus.subscribe(2); EventBus.Subscription fast = bus.subscribe(100)) {
            for (int i = 0; i < 10; i++) {
                bus.publish(new NvrEvent.Alarm("cam", i, "MOTION", Instant.EPOCH));
            }
            assertThat(slow.dropped()).isEqualTo(8);
            assertThat(fast.dropped()).isZero();
            assertThat(((NvrEvent.Alarm) slow.take(Duration.ofSeconds(1))).channel()).isZero();
            assertThat(((NvrEvent.Alarm) slow.take(Duration.ofSeconds(1))).channel()).isEqualTo(1);
            assertThat(slow.take(Duration.ofMillis(10))).isNull();
            for (int i = 0; i < 10; i++) {
                assertThat(((NvrEvent.Alarm) fast.take(Duration.ofSeconds(1))).channel()).isEqualTo(i);
            }
            slow.close();
            bus.publish(new NvrEvent.CameraStatus("cam", CameraState.PLAYING, "ok", Instant.EPOCH));
            assertThat(slow.take(Duration.ofMillis(10))).as("closed: no longer delivered").isNull();
            assertThat(fast.take(Duration.ofSeconds(1))).isInstanceOf(NvrEvent.CameraStatus.class);
        }
    }

    @Test
    void clipUrlIsAGetOfTheRangeInSeconds() {
        assertThat(ClipUrl.of("front", Instant.parse("2026-01-05T10:15:00.123456Z"), Instant.parse("2026-01-05T10:15:15.623Z")))
                .isEqualTo("/get?camera=front&start=2026-01-05T10:15:00.123Z&duration=15.5");
    }
}
