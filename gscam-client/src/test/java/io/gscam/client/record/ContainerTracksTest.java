package io.gscam.client.record;

import io.gscam.client.TrackInfo;
import io.gscam.media.MediaKind;
import io.gscam.media.g726.G726Packing;
import io.gscam.media.container.Track;
import io.gscam.media.container.TrackCodec;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerTracksTest {
    private static TrackInfo audio(String codec, int rate) {
        return new TrackInfo(1, MediaKind.AUDIO, codec, 97, rate, 0, 0, 0, 0, rate, 1, "c", true, Map.of());
    }

    @Test
    void h264_takesSpsAndPpsFromTheCodecConfig() {
        byte[] sps = HexFormat.of().parseHex("6742c01e");
        byte[] pps = HexFormat.of().parseHex("68ce3c80");
        TrackInfo info = new TrackInfo(0, MediaKind.VIDEO, "H264", 96, 90000, 704, 480, 30, 1024, 0, 0, "c", true, Map.of());

        Track track = ContainerTracks.of(info, List.of(pps, sps)).orElseThrow();

        assertThat(track.codec()).isEqualTo(TrackCodec.H264);
        assertThat(track.width()).isEqualTo(704);
        assertThat(track.sps()).containsExactly(sps);
        assertThat(track.pps()).containsExactly(pps);
    }

    @Test
    void g726Names_mapToBitsAndPacking() {
        assertThat(ContainerTracks.of(audio("G726-32", 8000), List.of()).orElseThrow())
                .extracting(Track::bitsPerSample, Track::g726Packing).containsExactly(4, G726Packing.RFC3551_LE);
        assertThat(ContainerTracks.of(audio("AAL2-G726-16", 8000), List.of()).orElseThrow())
                .extracting(Track::bitsPerSample, Track::g726Packing).containsExactly(2, G726Packing.AAL2_BE);
        assertThat(ContainerTracks.of(audio("G726", 8000), List.of()).orElseThrow().bitsPerSample()).isEqualTo(4);
        assertThat(ContainerTracks.of(audio("G726-33", 8000), List.of())).isEmpty();
    }

    @Test
    void g711_keepsItsSampleRate_andUnknownCodecsAreLeftOut() {
        assertThat(ContainerTracks.of(audio("PCMA", 8000), List.of()).orElseThrow().codec()).isEqualTo(TrackCodec.PCMA);
        assertThat(ContainerTracks.of(audio("PCMU", 16000), List.of()).orElseThrow().sampleRate()).isEqualTo(16000);
        assertThat(ContainerTracks.of(audio("L16", 44100), List.of())).isEmpty();
        assertThat(ContainerTracks.of(audio("MPEG4-GENERIC", 16000), List.of())).isEmpty();
    }
}
