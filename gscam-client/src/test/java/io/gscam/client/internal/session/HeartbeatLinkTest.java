package io.gscam.client.internal.session;

import io.gscam.client.Heartbeat;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When the heartbeat opens (DESIGN.md: always for a GrandStream Server header, on request otherwise). */
class HeartbeatLinkTest {
    @Test
    void wanted_auto_onlyForAGrandstreamServerHeader() {
        assertThat(HeartbeatLink.wanted(Heartbeat.AUTO, "GrandStream Rtsp Server V100R001")).isTrue();
        assertThat(HeartbeatLink.wanted(Heartbeat.AUTO, "GrandStream Rtsp Server 704*480*30*1024")).isTrue();
        assertThat(HeartbeatLink.wanted(Heartbeat.AUTO, "GStreamer RTSP server")).isFalse();
        assertThat(HeartbeatLink.wanted(Heartbeat.AUTO, "")).isFalse();
    }

    @Test
    void wanted_onAndOff_ignoreTheServer() {
        assertThat(HeartbeatLink.wanted(Heartbeat.ON, "")).isTrue();
        assertThat(HeartbeatLink.wanted(Heartbeat.OFF, "GrandStream Rtsp Server V100R001")).isFalse();
    }

    @Test
    void registrable_onlyEightLettersOrDigits() {
        assertThat(HeartbeatLink.registrable("30507280")).isTrue();
        assertThat(HeartbeatLink.registrable("AbCd1234")).isTrue();
        assertThat(HeartbeatLink.registrable("1234567")).isFalse();
        assertThat(HeartbeatLink.registrable("12345678;timeout=60")).isFalse();
        assertThat(HeartbeatLink.registrable(null)).isFalse();
    }
}
