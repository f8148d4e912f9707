package io.gscam.media.container;

import io.gscam.testkit.Ffmpeg;
import io.gscam.media.MediaSample;
import io.gscam.media.flac.FlacStreamInfo;
import io.gscam.media.flac.FlacTranscoder;
import io.gscam.media.g711.G711Law;
import io.gscam.media.g726.G726Encoder;
import io.gscam.media.g726.G726Packing;
import io.gscam.media.g726.G726Rate;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** FLAC (transcoded camera audio) beside H.264 in the writers' files, checked by ffprobe/ffmpeg and at byte level. */
class FlacContainerInteropTest extends H264InputTestBase {
    private static final long AUDIO_RTP_BASE = 987_654;

    /** 2 s of a 440 Hz tone as G.726-32 RFC 3551 in 20 ms packets. */
    private static List<byte[]> g726Packets() {
        short[] pcm = new short[16_000];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (9000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
        }
        return TestMedia.chunks(new G726Encoder(G726Rate.KBPS_32, G726Packing.RFC3551_LE).encode(pcm), 80);
    }

    /** Video and transcoded audio, interleaved by time as a camera sends them. */
    private static void record(ContainerWriter writer, List<byte[]> audioPackets) throws IOException {
        FlacTranscoder transcoder = FlacTranscoder.of(Track.g726(4, G726Packing.RFC3551_LE));
        int v = writer.addTrack(Track.h264(320, 240, null, null));
        int a = writer.addTrack(transcoder.output());
        List<MediaSample> flac = TestMedia.audioSamples(AUDIO_RTP_BASE, audioPackets, 160).stream()
                .map(transcoder::transcode).toList();
        TestMedia.interleave(writer, v, video.stream().map(AccessUnit::annexB).toList(), false, a, flac);
    }

    @Test
    void fmp4_h264WithFlac_bothStreamsInSyncAndClean() throws Exception {
        List<byte[]> audio = g726Packets();
        Path file = dir.resolve("h264-flac.mp4");
        try (ContainerWriter writer = ContainerWriters.forFile(file)) {
            record(writer, audio);
        }

        List<Map<String, String>> streams = Ffmpeg.streams(file);
        assertThat(streams).hasSize(2);
        Map<String, String> v = streams.get(0);
        Map<String, String> a = streams.get(1);
        assertThat(v).containsEntry("codec_name", "h264").containsEntry("nb_read_frames", String.valueOf(video.size()));
        assertThat(a).containsEntry("codec_name", "flac").containsEntry("sample_rate", "8000").containsEntry("channels", "1")
                .containsEntry("nb_read_frames", String.valueOf(audio.size()));
        double videoStart = Double.parseDouble(v.get("start_time"));
        double audioStart = Double.parseDouble(a.get("start_time"));
        assertThat(audioStart).as("audio start vs video start, within one 20 ms packet").isCloseTo(videoStart, Offset.offset(0.020));
        assertThat(Double.parseDouble(a.get("duration"))).isCloseTo(2.0, Offset.offset(0.021));
        assertThat(Double.parseDouble(v.get("duration"))).isCloseTo(2.0, Offset.offset(0.041));
        assertThat(Ffmpeg.decodeErrors(file)).isEmpty();
    }

    @Test
    void fmp4_flacSampleEntry_isFlacWithDflaHoldingStreamInfo() throws Exception {
        Path file = dir.resolve("flac-only.mp4");
        try (ContainerWriter writer = ContainerWriters.forFile(file)) {
            FlacTranscoder t = FlacTranscoder.of(Track.pcmu(8000));
            int a = writer.addTrack(t.output());
            writer.writeSample(a, t.transcode(MediaSample.audio(0, new byte[160])));
        }
        byte[] bytes = Files.readAllBytes(file);
        HexFormat hex = HexFormat.of();

        int entry = indexOf(bytes, "fLaC");
        assertThat(entry).isPositive();
        // AudioSampleEntry: reserved(6), data_reference_index 1, reserved(8), channelcount 1, samplesize 16,
        // pre_defined, reserved, samplerate 8000 in 16.16
        assertThat(hex.formatHex(bytes, entry + 4, entry + 32))
                .isEqualTo("000000000000" + "0001" + "0000000000000000" + "0001" + "0010" + "0000" + "0000" + "1f400000");
        int dfla = indexOf(bytes, "dfLa");
        assertThat(dfla).isEqualTo(entry + 36);
        assertThat(hex.formatHex(bytes, dfla - 4, dfla)).isEqualTo("00000032"); // 8 + 4 + 4 + 34
        assertThat(hex.formatHex(bytes, dfla + 4, dfla + 12)).isEqualTo("00000000" + "80000022"); // version/flags; last STREAMINFO, 34
        assertThat(Arrays.copyOfRange(bytes, dfla + 12, dfla + 46)).isEqualTo(FlacStreamInfo.forLiveStream(8000, 1, 16).toBytes());
    }

    @Test
    void matroska_flacTrack_ffmpegDecodesTheG711Samples() throws Exception {
        byte[] codes = new byte[8000];
        short[] expected = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = G711Law.MU_LAW.encode((int) (12000 * Math.sin(i / 7.0)));
            expected[i] = G711Law.MU_LAW.decode(codes[i]);
        }
        FlacTranscoder t = FlacTranscoder.of(Track.pcmu(8000));
        Path file = dir.resolve("flac.mka");
        try (ContainerWriter writer = ContainerWriters.forFile(file)) {
            int a = writer.addTrack(t.output());
            for (int at = 0; at < codes.length; at += 160) {
                writer.writeSample(a, t.transcode(MediaSample.audio(at, Arrays.copyOfRange(codes, at, at + 160))));
            }
        }

        assertThat(Ffmpeg.streams(file).get(0)).containsEntry("codec_name", "flac").containsEntry("sample_rate", "8000");
        Path pcm = dir.resolve("flac.mka.s16");
        Ffmpeg.ffmpeg(dir, "-i", file.toString(), "-f", "s16le", pcm.toString());
        byte[] s16 = Files.readAllBytes(pcm);
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        for (short s : expected) {
            want.write(s & 0xFF);
            want.write((s >> 8) & 0xFF);
        }
        assertThat(s16).isEqualTo(want.toByteArray());
        assertThat(Ffmpeg.decodeErrors(file)).isEmpty();
    }

    private static int indexOf(byte[] bytes, String fourcc) {
        byte[] f = fourcc.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + 4 <= bytes.length; i++) {
            for (int j = 0; j < 4; j++) {
                if (bytes[i + j] != f[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
