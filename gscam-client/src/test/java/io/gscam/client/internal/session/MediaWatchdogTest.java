package io.gscam.client.internal.session;

import io.gscam.client.CameraException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class MediaWatchdogTest {
    private static final long S = 1_000_000_000L;
    private final MediaWatchdog watchdog = new MediaWatchdog(Duration.ofSeconds(10), Duration.ofSeconds(3), () -> " over UDP");

    @Test
    void check_noPacketEver_givesUpAtTheFirstPacketLimit_sayingWhere() {
        assertThat(watchdog.check(100 * S + 3 * S - 1, 100 * S, 0)).isEmpty();

        CameraException lost = watchdog.check(103 * S, 100 * S, 0).orElseThrow();

        assertThat(lost.kind()).isEqualTo(CameraException.Kind.NO_MEDIA);
        assertThat(lost.getMessage()).endsWith(" over UDP").startsWith("no media for 3");
    }

    @Test
    void check_afterPackets_countsFromTheNewest() {
        assertThat(watchdog.check(119 * S, 100 * S, 110 * S)).isEmpty();

        CameraException lost = watchdog.check(120 * S, 100 * S, 110 * S).orElseThrow();

        assertThat(lost.getMessage()).startsWith("no media for 10").doesNotContain("UDP");
    }
}
