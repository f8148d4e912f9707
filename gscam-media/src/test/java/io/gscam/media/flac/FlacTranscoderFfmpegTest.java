package io.gscam.media.flac;

import io.gscam.testkit.PeerResult;
import io.gscam.testkit.Peers;
import io.gscam.testkit.Ffmpeg;
import io.gscam.media.MediaSample;
import io.gscam.media.container.ContainerWriter;
import io.gscam.media.container.ContainerWriters;
import io.gscam.media.container.Track;
import io.gscam.media.g711.G711Law;
import io.gscam.media.g726.G726Encoder;
import io.gscam.media.g726.G726Packing;
import io.gscam.media.g726.G726Rate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each transcoder against ffmpeg's decoders: voice-like audio is coded with gscam's G.711/G.726
 * encoders, transcoded packet by packet to FLAC in a fragmented MP4, and ffmpeg's decoding of that
 * file must equal, sample for sample, ffmpeg's own decoding of the original codec stream.
 */
class FlacTranscoderFfmpegTest {
    private static final int SECONDS = 3;
    private static final int PACKET = 160;                 // 20 ms at 8 kHz, as cameras send
    private static final long RTP_BASE = 0xFFFFFFFFL - 8000; // wraps after 1 s
    private static final long SIGNAL_SEED = 20261205;

    @TempDir
    static Path dir;
    private static short[] pcm;

    @BeforeAll
    static void signal() {
        Ffmpeg.assumeInstalled();
        pcm = Signals.voiceLike(SIGNAL_SEED, 8000 * SECONDS);
    }

    /** A codec as the camera sends it and how ffmpeg reads its raw stream. */
    private record Codec(String name, Track track, byte[] coded, List<String> ffmpegInput) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Arguments> codecs() {
        List<Arguments> out = new ArrayList<>();
        out.add(Arguments.of("PCMU"));
        out.add(Arguments.of("PCMA"));
        for (G726Rate rate : G726Rate.values()) {
            for (G726Packing packing : G726Packing.values()) {
                out.add(Arguments.of("G726-" + rate.kbitPerSecond() + (packing == G726Packing.AAL2_BE ? "-AAL2_BE" : "-RFC3551_LE")));
            }
        }
        return out;
    }

    private static Codec codec(String name) {
        if (name.equals("PCMU") || name.equals("PCMA")) {
            G711Law law = name.equals("PCMU") ? G711Law.MU_LAW : G711Law.A_LAW;
            byte[] coded = new byte[pcm.length];
            for (int i = 0; i < pcm.length; i++) {
                coded[i] = law.encode(pcm[i]);
            }
            return new Codec(name, name.equals("PCMU") ? Track.pcmu(8000) : Track.pcma(8000), coded,
                    List.of("-f", name.equals("PCMU") ? "mulaw" : "alaw", "-ar", "8000", "-ac", "1"));
        }
        String[] parts = name.split("-");
        G726Rate rate = G726Rate.ofKbitPerSecond(Integer.parseInt(parts[1]));
        G726Packing packing = G726Packing.valueOf(parts[2]);
        byte[] coded = new G726Encoder(rate, packing).encode(pcm);
        return new Codec(name, Track.g726(rate.bitsPerSample(), packing), coded,
                List.of("-f", packing == G726Packing.AAL2_BE ? "g726" : "g726le",
                        "-code_size", String.valueOf(rate.bitsPerSample()), "-sample_rate", "8000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void transcodedToFlacInFmp4_ffmpegDecodesExactlyWhatItDecodesFromTheOriginal(String name) throws Exception {
        Codec codec = codec(name);
        Path raw = dir.resolve(name + ".raw");
        Files.write(raw, codec.coded());
        short[] reference = ffmpegDecode(raw, codec.ffmpegInput());
        assertThat(reference).hasSize(pcm.length);

        FlacTranscoder transcoder = FlacTranscoder.of(codec.track());
        Path mp4 = dir.resolve(name + ".mp4");
        int packetBytes = PACKET * codec.track().bitsPerSample() / 8;
        long flacBytes = 0;
        try (ContainerWriter writer = ContainerWriters.forFile(mp4)) {
            int id = writer.addTrack(transcoder.output());
            for (int i = 0; i * packetBytes < codec.coded().length; i++) {
                byte[] packet = Arrays.copyOfRange(codec.coded(), i * packetBytes, (i + 1) * packetBytes);
                MediaSample flac = transcoder.transcode(MediaSample.audio((RTP_BASE + (long) i * PACKET) & 0xFFFFFFFFL, packet));
                assertThat(FlacFrameHeader.blockSize(flac.data())).isEqualTo(PACKET);
                flacBytes += flac.data().length;
                writer.writeSample(id, flac);
            }
        }

        assertThat(ffmpegDecode(mp4, List.of())).as("FLAC in MP4 decoded by ffmpeg").isEqualTo(reference);
        assertThat(Ffmpeg.decodeErrors(mp4)).isEmpty();
        List<Map<String, String>> streams = Ffmpeg.streams(mp4);
        assertThat(streams).hasSize(1);
        Map<String, String> s = streams.get(0);
        assertThat(s).containsEntry("codec_name", "flac").containsEntry("sample_rate", "8000")
                .containsEntry("channels", "1").containsEntry("nb_read_frames", String.valueOf(pcm.length / PACKET));
        assertThat(Double.parseDouble(s.get("duration"))).isCloseTo(SECONDS, org.assertj.core.data.Offset.offset(0.0201));
        System.out.printf("%s -> FLAC: %d bytes for %d s; raw 16-bit PCM %d bytes (%.1f%%), %s %d bytes%n",
                name, flacBytes, SECONDS, pcm.length * 2, 100.0 * flacBytes / (pcm.length * 2), name, codec.coded().length);
    }

    @Test
    void variablePacketSizes_variableBlockingStrategy_ffmpegDecodesEverySample() throws Exception {
        Codec codec = codec("PCMU");
        Path raw = dir.resolve("var.raw");
        Files.write(raw, codec.coded());
        short[] reference = ffmpegDecode(raw, codec.ffmpegInput());
        FlacTranscoder transcoder = FlacTranscoder.of(codec.track(), FlacEncoder.BlockingStrategy.VARIABLE);
        Path mp4 = dir.resolve("var.mp4");
        int[] sizes = {160, 320, 80, 240, 400};
        try (ContainerWriter writer = ContainerWriters.forFile(mp4)) {
            int id = writer.addTrack(transcoder.output());
            int at = 0;
            for (int i = 0; at < codec.coded().length; i++) {
                int size = Math.min(sizes[i % sizes.length], codec.coded().length - at);
                MediaSample flac = transcoder.transcode(MediaSample.audio(1000 + at, Arrays.copyOfRange(codec.coded(), at, at + size)));
                assertThat(FlacFrameHeader.blockSize(flac.data())).isEqualTo(size);
                writer.writeSample(id, flac);
                at += size;
            }
        }

        assertThat(ffmpegDecode(mp4, List.of())).isEqualTo(reference);
        assertThat(Ffmpeg.decodeErrors(mp4)).isEmpty();
    }

    private static short[] ffmpegDecode(Path input, List<String> inputOptions) throws Exception {
        Path out = dir.resolve(input.getFileName() + ".s16");
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error", "-y"));
        cmd.addAll(inputOptions);
        cmd.addAll(List.of("-i", input.toString(), "-f", "s16le", "-ac", "1", out.toString()));
        PeerResult r = Peers.run(dir, cmd.toArray(String[]::new));
        assertThat(r.exit()).as("ffmpeg exit, stderr: %s", r.stderr()).isZero();
        assertThat(r.stderr()).as("ffmpeg's complaints decoding " + input.getFileName()).isEmpty();
        return Signals.fromS16le(Files.readAllBytes(out));
    }
}
