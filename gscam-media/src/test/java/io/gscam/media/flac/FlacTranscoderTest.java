package io.gscam.media.flac;

import io.gscam.media.MediaSample;
import io.gscam.media.container.Track;
import io.gscam.media.container.TrackCodec;
import io.gscam.media.g711.G711Law;
import io.gscam.media.g726.G726Packing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transcoder's contract without a peer: tracks, timestamps, frame sizes, refusals. */
class FlacTranscoderTest {

    @Test
    void outputTrack_isFlacAtTheInputsClockAndRate() {
        FlacTranscoder t = FlacTranscoder.of(Track.g726(3, G726Packing.RFC3551_LE));

        assertThat(t.output().codec()).isEqualTo(TrackCodec.FLAC);
        assertThat(t.output().clockRate()).isEqualTo(8000);
        assertThat(t.output().sampleRate()).isEqualTo(8000);
        assertThat(t.output().channels()).isEqualTo(1);
        assertThat(t.output().bitsPerSample()).isEqualTo(16);
        assertThat(t.output().flacStreamInfo()).isEqualTo(FlacStreamInfo.forLiveStream(8000, 1, 16));
        assertThat(t.streamHeader()).startsWith('f', 'L', 'a', 'C');
        assertThat(t.input()).isEqualTo(Track.g726(3, G726Packing.RFC3551_LE));
    }

    @Test
    void transcode_keepsTheTimestampAndCoversThePacketsSamples() {
        FlacTranscoder t = FlacTranscoder.of(Track.pcma(8000));
        byte[] packet = new byte[320];
        for (int i = 0; i < packet.length; i++) {
            packet[i] = G711Law.A_LAW.encode((int) (8000 * Math.sin(i / 5.0)));
        }

        MediaSample out = t.transcode(MediaSample.audio(0xFFFFFF00L, packet));

        assertThat(out.rtpTimestamp()).isEqualTo(0xFFFFFF00L);
        assertThat(out.keyframe()).isTrue();
        assertThat(FlacFrameHeader.blockSize(out.data())).isEqualTo(320);
        assertThat(t.output().audioSamplesIn(out.data())).isEqualTo(320);
    }

    @Test
    void transcode_g726_frameHoldsEveryWholeCodeWord() {
        FlacTranscoder t = FlacTranscoder.of(Track.g726(5, G726Packing.AAL2_BE));

        MediaSample out = t.transcode(MediaSample.audio(0, new byte[100])); // 100 bytes of 5-bit words: 160 samples

        assertThat(FlacFrameHeader.blockSize(out.data())).isEqualTo(160);
    }

    @Test
    void transcode_emptyPacket_givesEmptySample() {
        FlacTranscoder t = FlacTranscoder.of(Track.pcmu(8000));

        assertThat(t.transcode(MediaSample.audio(5, new byte[0])).data()).isEmpty();
    }

    @Test
    void refusesVideoAndFlacAndVideoSamples() {
        assertThat(FlacTranscoder.canTranscode(Track.h264(320, 240, null, null))).isFalse();
        assertThat(FlacTranscoder.canTranscode(Track.flac(8000, 8000, 1))).isFalse();
        assertThat(FlacTranscoder.canTranscode(Track.pcmS16le(16000, 2))).isTrue();
        assertThatThrownBy(() -> FlacTranscoder.of(Track.mjpeg(320, 240))).isInstanceOf(IllegalArgumentException.class);
        FlacTranscoder t = FlacTranscoder.of(Track.pcmu(8000));
        assertThatThrownBy(() -> t.transcode(MediaSample.video(0, new byte[10], true))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void flacTrack_sizesDoNotGiveSamples() {
        Track flac = Track.flac(8000, 8000, 1);

        assertThatThrownBy(() -> flac.audioSamplesIn(100)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Track.pcmu(8000).flacStreamInfo()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Track(TrackCodec.FLAC, 8000, 0, 0, 8000, 1, 24, null, java.util.List.of(), java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
