package io.gscam.media.container;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** A track's RFC 6381 codecs name, what a browser's Media Source Extensions are asked to play. */
class TrackRfc6381Test {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void h264IsAvc1WithProfileConstraintsAndLevelOfItsSps() {
        byte[] pps = HEX.parseHex("68ce30a480");
        assertThat(Track.h264(704, 480, HEX.parseHex("6742e01eda02c0f440"), pps).rfc6381Codec()).contains("avc1.42e01e");
        assertThat(Track.h264(1920, 1080, HEX.parseHex("6764001facd9405005bb0110000003001000000303c0f1831960"), pps).rfc6381Codec())
                .as("x264 High profile, level 3.1").contains("avc1.64001f");
    }

    @Test
    void h264WithoutAReadableSpsHasNoNameYet() {
        assertThat(Track.h264(704, 480, null, null).rfc6381Codec()).isEmpty();
        assertThat(Track.h264(704, 480, HEX.parseHex("68ce30a480"), null).rfc6381Codec()).as("a PPS where the SPS belongs").isEmpty();
    }

    @Test
    void flacIsFlac_andCodecsMp4PlayersDoNotNameHaveNone() {
        assertThat(Track.flac(8000, 8000, 1).rfc6381Codec()).contains("flac");
        assertThat(Track.pcmu(8000).rfc6381Codec()).isEmpty();
        assertThat(Track.mjpeg(704, 480).rfc6381Codec()).isEmpty();
    }
}
