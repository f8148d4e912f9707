package io.gscam.client;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SdpFileUrlTest {
    @Test
    void parse_fileUrl_isAnSdpFileWithoutHostOrChannel() {
        CameraUrl url = CameraUrl.parse("file:///tmp/cam%20one.sdp");

        assertThat(url.sdpFile()).contains(Path.of("/tmp/cam one.sdp"));
        assertThat(url.requestUrl()).isEqualTo("file:///tmp/cam%20one.sdp");
        assertThat(url.toString()).isEqualTo(url.requestUrl());
        assertThat(url.host()).isEmpty();
        assertThat(url.channel()).isEmpty();
        assertThat(url).isEqualTo(CameraUrl.sdpFile(Path.of("/tmp/cam one.sdp")));
    }

    @Test
    void parse_rtspUrl_hasNoSdpFile() {
        assertThat(CameraUrl.parse("rtsp://10.0.0.5/0").sdpFile()).isEmpty();
    }

    @Test
    void withCredentials_onAnSdpFile_isRefused() {
        assertThatThrownBy(() -> CameraUrl.sdpFile(Path.of("/tmp/x.sdp")).withCredentials("a", "b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parse_httpUrl_isRefusedNamingBothSchemes() {
        assertThatThrownBy(() -> CameraUrl.parse("http://x/y")).hasMessageContaining("rtsp://").hasMessageContaining("file:");
    }
}
