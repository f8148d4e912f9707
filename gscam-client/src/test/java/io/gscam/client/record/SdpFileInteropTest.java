package io.gscam.client.record;

import io.gscam.testkit.FreePorts;
import io.gscam.testkit.Ffmpeg;
import io.gscam.testkit.Peers;
import io.gscam.testkit.Await;
import io.gscam.client.AudioFrame;
import io.gscam.client.CameraEvent;
import io.gscam.client.CameraException;
import io.gscam.client.CameraListener;
import io.gscam.client.CameraOptions;
import io.gscam.client.CameraSession;
import io.gscam.client.CameraState;
import io.gscam.client.CameraUrl;
import io.gscam.client.GsCamClient;
import io.gscam.client.ReconnectPolicy;
import io.gscam.client.StateChange;
import io.gscam.client.StreamInfo;
import io.gscam.client.TrackInfo;
import io.gscam.client.Transport;
import io.gscam.client.VideoFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client receives what ffmpeg itself sends over RTP/UDP, described by the SDP file ffmpeg writes
 * ({@code -sdp_file}), and records it to Matroska; ffmpeg then decodes the recording to exactly as
 * many frames (video) or samples (audio) as the client says it wrote, and to nearly what was sent.
 */
@Isolated("ffmpeg encodes live; frame counts")
class SdpFileInteropTest {
    private static final double SECONDS = 3;
    private static final List<String> TEST_PATTERN = List.of("-f", "lavfi", "-i", "testsrc=size=320x240:rate=15");
    private static final List<String> SINE = List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000");

    private static GsCamClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        Ffmpeg.assumeInstalled();
        client = GsCamClient.builder().ioThreads(1).build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void record_ffmpegMjpegOverRtp_decodesToTheFramesWritten() throws Exception {
        // RTP/JPEG (RFC 2435) carries baseline 4:2:0 with the standard Huffman tables only.
        List<String> mjpeg = List.of("-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-huffman", "default", "-q:v", "5");
        Path file = dir.resolve("mjpeg.mkv");
        try (FfmpegRtpSender sender = new FfmpegRtpSender(TEST_PATTERN, mjpeg, dir)) {
            Path sdp = sender.writeSdp(dir.resolve("mjpeg.sdp"));
            assertThat(Files.readString(sdp)).contains("m=video " + sender.port() + " RTP/AVP 26");
            Counting counting = new Counting(new Recorder(RecordingTarget.file(file), null));
            try (CameraSession session = client.open(options(sdp), counting.listener())) {
                StreamInfo info = session.awaitPlaying(Duration.ofSeconds(10));
                assertThat(info.transport()).isEqualTo(Transport.UDP);
                assertThat(info.video().orElseThrow().codec()).isEqualTo("JPEG");
                sender.start(SECONDS);
                sender.awaitExit(60);
                long sent = Math.round(SECONDS * 15);
                Await.until(Duration.ofSeconds(5), "every sent video frame received", () -> counting.videoFrames.get() >= sent);
                assertThat(session.streamInfo().orElseThrow().video().orElseThrow())
                        .extracting(TrackInfo::width, TrackInfo::height).containsExactly(320, 240);
                session.close();
                counting.recorder.close();
                RecordingStatus status = counting.recorder.status();

                assertThat(counting.recorder.failure()).isEmpty();
                assertThat(status.videoFrames()).isEqualTo(counting.videoFrames.get()).isBetween(sent * 9 / 10, sent);
                String probe = Peers.output("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries",
                        "stream=codec_name,width,height,nb_read_frames", "-of", "csv=p=0", file.toString());
                assertThat(probe.strip()).isEqualTo("mjpeg,320,240," + status.videoFrames());
                assertThat(Peers.output("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-")).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "{0} as {1}")
    @CsvSource({
            // ffmpeg names its little-endian G.726 (g726le) G726-32 as RFC 3551 does, and its
            // big-endian one (g726) AAL2-G726-32. Matroska keeps G.726 as WAVEFORMATEX tag 0x45,
            // which ffmpeg reads MSB-first (adpcm_g726): the writer repacks G726-32 to that.
            "g726le,    G726-32,      adpcm_g726, 2, -b:a 32k, g726le, -code_size 4",
            "g726,      AAL2-G726-32, adpcm_g726, 2, -b:a 32k, g726,   -code_size 4",
            "pcm_alaw,  PCMA,         pcm_alaw,   1, '',       alaw,   ''",
            "pcm_mulaw, PCMU,         pcm_mulaw,  1, '',       mulaw,  ''"})
    void record_ffmpegAudioOverRtp_decodesToTheSamplesWritten(String encoder, String rtpmapName, String decoder,
                                                              int samplesPerByte, String extra, String rawFormat,
                                                              String rawOptions) throws Exception {
        List<String> codec = new java.util.ArrayList<>(List.of("-c:a", encoder));
        if (!extra.isBlank()) {
            codec.addAll(List.of(extra.split(" ")));
        }
        Path file = dir.resolve(encoder + ".mkv");
        try (FfmpegRtpSender sender = new FfmpegRtpSender(SINE, codec, dir)) {
            Path sdp = sender.writeSdp(dir.resolve(encoder + ".sdp"));
            Counting counting = new Counting(new Recorder(RecordingTarget.file(file), null));
            try (CameraSession session = client.open(options(sdp), counting.listener())) {
                TrackInfo audio = session.awaitPlaying(Duration.ofSeconds(10)).audio().orElseThrow();
                assertThat(audio.codec()).isEqualTo(rtpmapName);
                assertThat(audio.sampleRate()).isEqualTo(8000);
                sender.start(SECONDS);
                sender.awaitExit(60);
                long sent = Math.round(SECONDS * 8000);
                Await.until(Duration.ofSeconds(5), "every sent audio sample received", () -> counting.audioBytes.get() * samplesPerByte >= sent);
                session.close();
                counting.recorder.close();
                RecordingStatus status = counting.recorder.status();

                assertThat(counting.recorder.failure()).isEmpty();
                assertThat(status.audioFrames()).isEqualTo(counting.audioFrames.get());
                long written = counting.audioBytes.get() * samplesPerByte;
                assertThat(written).isBetween(sent * 9 / 10, sent);
                assertThat(Peers.output("ffprobe", "-v", "error", "-show_entries", "stream=codec_name,sample_rate,channels",
                        "-of", "csv=p=0", file.toString()).strip()).isEqualTo(decoder + ",8000,1");
                byte[] recorded = decode(List.of("-i", file.toString()));
                assertThat(recorded.length / 2).isEqualTo(written);
                assertThat(Peers.output("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-")).isEmpty();
                if (written == sent) {
                    // Nothing lost: the recording decodes to what ffmpeg's own encoding of the input decodes to.
                    Path raw = dir.resolve("reference." + rawFormat);
                    List<String> encode = new java.util.ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error"));
                    encode.addAll(SINE);
                    encode.addAll(List.of("-t", Double.toString(SECONDS)));
                    encode.addAll(codec);
                    encode.addAll(List.of("-f", rawFormat, "-y", raw.toString()));
                    assertThat(Peers.output(encode.toArray(String[]::new))).isEmpty();
                    List<String> input = new java.util.ArrayList<>(List.of("-f", rawFormat, "-sample_rate", "8000"));
                    if (!rawOptions.isBlank()) {
                        input.addAll(List.of(rawOptions.split(" ")));
                    }
                    input.addAll(List.of("-i", raw.toString()));
                    assertThat(recorded).isEqualTo(decode(input));
                }
            }
        }
    }

    @Test
    void open_sdpFileWithoutSender_failsWithNoMediaAndDoesNotReconnect() throws Exception {
        int port = FreePorts.evenUdpPair();
        Path sdp = Files.writeString(dir.resolve("silent.sdp"), "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=No Name\r\n"
                + "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio " + port + " RTP/AVP 8\r\n");
        CameraOptions options = CameraOptions.builder(CameraUrl.sdpFile(sdp)).mediaTimeout(Duration.ofMillis(600)).build();
        try (CameraSession session = client.open(options)) {
            assertThat(session.awaitPlaying(Duration.ofSeconds(5)).audio().orElseThrow().codec()).isEqualTo("PCMA");
            StateChange last = null;
            for (CameraEvent e = session.take(Duration.ofSeconds(5)); e != null; e = session.take(Duration.ofSeconds(5))) {
                if (e instanceof StateChange c) {
                    last = c;
                    assertThat(c.state()).isNotEqualTo(CameraState.RECONNECTING);
                }
            }
            assertThat(last).isNotNull();
            assertThat(last.state()).isEqualTo(CameraState.FAILED);
            assertThat(last.error().orElseThrow().kind()).isEqualTo(CameraException.Kind.NO_MEDIA);
            assertThat(session.options().reconnect()).isEqualTo(ReconnectPolicy.NEVER);
        }
    }

    @Test
    void open_multicastSdp_failsNamingTheGroup() throws Exception {
        Path sdp = Files.writeString(dir.resolve("multicast.sdp"), "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\n"
                + "c=IN IP4 239.1.2.3/16\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n");
        try (CameraSession session = client.open(CameraOptions.builder(CameraUrl.sdpFile(sdp)).build())) {
            assertThatThrownBy(() -> session.awaitPlaying(Duration.ofSeconds(5)))
                    .isInstanceOf(CameraException.class).hasMessageContaining("239.1.2.3").hasMessageContaining("multicast");
            assertThat(session.state()).isEqualTo(CameraState.FAILED);
        }
    }

    @Test
    void open_missingSdpFile_failsNotFound() throws Exception {
        Path missing = dir.resolve("missing.sdp");
        try (CameraSession session = client.open(CameraOptions.builder("file://" + missing).build())) {
            assertThatThrownBy(() -> session.awaitPlaying(Duration.ofSeconds(5)))
                    .isInstanceOfSatisfying(CameraException.class, e -> assertThat(e.kind()).isEqualTo(CameraException.Kind.NOT_FOUND))
                    .hasMessageContaining("missing.sdp");
        }
    }

    @Test
    void open_sdpFileWithAlarms_isRefused() {
        CameraOptions options = CameraOptions.builder(CameraUrl.sdpFile(dir.resolve("x.sdp"))).alarmChannel(-1).build();
        assertThatThrownBy(() -> client.open(options)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alarms");
    }

    private static CameraOptions options(Path sdp) {
        return CameraOptions.builder(CameraUrl.sdpFile(sdp)).build();
    }

    /** Counts what the session delivered; the recorder gets it too, first (see {@link #listener()}). */
    private static final class Counting implements CameraListener {
        final Recorder recorder;
        final AtomicLong videoFrames = new AtomicLong();
        final AtomicLong audioFrames = new AtomicLong();
        final AtomicLong audioBytes = new AtomicLong();

        Counting(Recorder recorder) {
            this.recorder = recorder;
        }

        /** The session's listener: every event to the recorder, then counted here. */
        CameraListener listener() {
            return CameraListener.both(recorder, this);
        }

        @Override
        public void onVideo(VideoFrame frame) {
            videoFrames.incrementAndGet();
        }

        @Override
        public void onAudio(AudioFrame frame) {
            audioFrames.incrementAndGet();
            audioBytes.addAndGet(frame.data().length);
        }
    }

    /** ffmpeg's decode of {@code input} as mono 16-bit little-endian PCM. */
    private static byte[] decode(List<String> input) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error"));
        command.addAll(input);
        command.addAll(List.of("-f", "s16le", "-ac", "1", "-"));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] pcm;
        try (InputStream in = p.getInputStream()) {
            pcm = in.readAllBytes();
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return pcm;
    }
}
