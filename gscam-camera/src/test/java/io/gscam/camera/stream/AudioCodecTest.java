package io.gscam.camera.stream;

import io.gscam.media.g726.G726Packing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AudioCodecTest {
    @ParameterizedTest
    @CsvSource({"pcmu,0,PCMU,64,160", "PCMA,8,PCMA,64,160", "g726-16,97,G726-16,16,40", "g726-24,97,G726-24,24,60",
            "g726-32,97,G726-32,32,80", "g726-40,97,G726-40,40,100", "aal2-g726-32,97,AAL2-G726-32,32,80"})
    void parse_givesTheRtpmapPayloadTypeAndPacketSize(String name, int pt, String encoding, int kbps, int bytesPer20ms) {
        AudioCodec codec = AudioCodec.parse(name).orElseThrow();
        assertThat(codec.format().payloadType()).isEqualTo(pt);
        assertThat(codec.format().encodingName()).isEqualTo(encoding);
        assertThat(codec.format().clockRate()).isEqualTo(8000);
        assertThat(codec.bitrateKbps()).isEqualTo(kbps);
        assertThat(codec.newEncoder().encode(new short[160])).hasSize(bytesPer20ms);
    }

    @Test
    void parse_aal2Packing_appliesToPlainG726Names() {
        assertThat(AudioCodec.parse("g726-24", G726Packing.AAL2_BE).orElseThrow().format().encodingName())
                .isEqualTo("AAL2-G726-24");
        assertThat(AudioCodec.parse("pcmu", G726Packing.AAL2_BE).orElseThrow().format().encodingName()).isEqualTo("PCMU");
    }

    @Test
    void parse_none_isEmpty() {
        assertThat(AudioCodec.parse("none")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"g726", "g726-48", "aac", "opus", ""})
    void parse_unknownName_namesTheAcceptedOnes(String name) {
        assertThatThrownBy(() -> AudioCodec.parse(name)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pcmu, pcma, g726-16");
    }

    @Test
    void videoCodec_parse_acceptsH264AndMjpegOnly() {
        assertThat(VideoCodec.parse("MJPEG")).isEqualTo(VideoCodec.MJPEG);
        assertThat(VideoCodec.parse("h264")).isEqualTo(VideoCodec.H264);
        assertThatThrownBy(() -> VideoCodec.parse("h265")).hasMessageContaining("not h264 or mjpeg");
    }
}
