package io.gscam.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CameraUrlAndPolicyTest {
    @Test
    void parse_credentialsSplitOffAndNeverPrinted() {
        CameraUrl url = CameraUrl.parse("rtsp://admin:p%40ss@192.168.86.232:554/0");

        assertThat(url.user()).contains("admin");
        assertThat(url.password()).contains("p@ss");
        assertThat(url.requestUrl()).isEqualTo("rtsp://192.168.86.232:554/0");
        assertThat(url.channel()).hasValue(0);
        assertThat(url.toString()).isEqualTo("rtsp://admin:***@192.168.86.232:554/0").doesNotContain("p@ss");
        assertThat(CameraOptions.builder("rtsp://admin:secret@h/4").build().toString()).doesNotContain("secret");
    }

    @Test
    void parse_defaultPortAndPathlessUrl() {
        CameraUrl url = CameraUrl.parse("rtsp://camera.local");

        assertThat(url.port()).isEqualTo(554);
        assertThat(url.requestUrl()).isEqualTo("rtsp://camera.local:554/");
        assertThat(url.channel()).isEmpty();
    }

    @Test
    void parse_notRtsp_rejectedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> CameraUrl.parse("http://admin:secret@h/0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("secret");
    }

    @Test
    void defaultPolicy_doublesFromOneSecondToThirty() {
        ReconnectPolicy p = ReconnectPolicy.DEFAULT;

        assertThat(p.delayBefore(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.delayBefore(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.delayBefore(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(p.delayBefore(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.delayBefore(1000)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.allows(1_000_000)).isTrue();
    }

    @Test
    void maxAttempts_boundsRetries() {
        ReconnectPolicy p = ReconnectPolicy.DEFAULT.withMaxAttempts(3);

        assertThat(p.allows(3)).isTrue();
        assertThat(p.allows(4)).isFalse();
        assertThat(ReconnectPolicy.NEVER.allows(1)).isFalse();
    }
}
