package io.gscam.nvr.web;

import io.gscam.client.AudioFrame;
import io.gscam.client.StreamInfo;
import io.gscam.client.TrackClock;
import io.gscam.client.TrackInfo;
import io.gscam.client.Transport;
import io.gscam.client.VideoFrame;
import io.gscam.media.flac.FlacFrameHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The live view's fMP4 without a browser: start at a keyframe, a prft per fragment, skip to a keyframe when behind. */
class LiveStreamTest {
    private static final byte[] SPS = Base64.getDecoder().decode("Z0LAHtkAsD2wEQAAAwABAAADADwPFi5I"); // the emulator's
    private static final byte[] PPS = Base64.getDecoder().decode("aMuBUsg=");
    private static final Instant T0 = Instant.parse("2026-01-05T10:15:00Z");

    private final List<Object> sent = new ArrayList<>();
    private boolean ready = true;
    private final LiveStream stream = new LiveStream(new LiveStream.Sink() {
        @Override
        public boolean ready() {
            return ready;
        }

        @Override
        public void text(String json) {
            sent.add(json);
        }

        @Override
        public void binary(byte[] data) {
            sent.add(data);
        }
    });

    @Test
    void startsAtAKeyframeWithMimeAndInitThenOneFragmentPerFrame() {
        stream.onStreamInfo(info());
        stream.onVideo(frame(0, false));
        stream.onAudio(audio(0));
        assertThat(sent).as("nothing before the first keyframe").isEmpty();

        stream.onVideo(frame(3000, true));
        assertThat(sent).hasSize(3);
        assertThat((String) sent.get(0)).contains("\"type\":\"init\"").contains("avc1.42c01e,flac").contains("\"width\":704");
        byte[] init = (byte[]) sent.get(1);
        assertThat(type(init, 0)).isEqualTo("ftyp");
        assertThat(new String(init, StandardCharsets.ISO_8859_1)).contains("avcC").contains("fLaC").contains("dfLa");
        byte[] first = (byte[]) sent.get(2);
        assertThat(type(first, 0)).isEqualTo("prft");
        ByteBuffer b = ByteBuffer.wrap(first);
        long ntpSeconds = b.getInt(16) & 0xFFFFFFFFL;
        assertThat((ntpSeconds - 2_208_988_800L) * 1000).as("capture time: the frame's arrival").isEqualTo(T0.plusMillis(100).toEpochMilli() / 1000 * 1000);
        assertThat(b.getLong(24)).as("media time of the first frame").isZero();
        assertThat(type(first, b.getInt(0))).isEqualTo("moof");

        stream.onVideo(frame(6000, false));
        stream.onAudio(audio(40));
        assertThat(sent).hasSize(5);
        assertThat(ByteBuffer.wrap((byte[]) sent.get(3)).getLong(24)).as("second frame one interval later").isEqualTo(3000);
        assertThat(ByteBuffer.wrap((byte[]) sent.get(4)).getInt(12)).as("audio on track 2").isEqualTo(2);
    }

    @Test
    void theCaptureTimeIsTheCamerasFromItsSenderReports_theArrivalOnlyBeforeTheFirst() {
        stream.onStreamInfo(info());
        stream.onVideo(frame(0, true));
        // The camera's clock is 2 s behind the NVR's and its SR mapped RTP 0 to T0: a frame at RTP
        // 9000 was captured at T0 + 100 ms by the camera's clock, whatever its arrival.
        TrackClock clock = new TrackClock(0, T0, 90000);
        VideoFrame withClock = new VideoFrame(0, "H264", 9000, Duration.ofMillis(100), T0.plusSeconds(2), false,
                frame(9000, false).data(), List.of(SPS, PPS), Optional.of(clock));
        stream.onVideo(withClock);
        stream.onAudio(new AudioFrame(1, "G726-32", 800, Duration.ofMillis(100), T0.plusSeconds(2), 8000, 1, new byte[160],
                Optional.of(new TrackClock(0, T0, 8000))));

        assertThat(prftMillis((byte[]) sent.get(2))).as("no report yet: the arrival").isEqualTo(T0.plusMillis(100).toEpochMilli());
        assertThat(prftMillis((byte[]) sent.get(3))).as("the camera's capture time").isEqualTo(T0.plusMillis(100).toEpochMilli());
        assertThat(prftMillis((byte[]) sent.get(4))).as("audio too, by its own clock").isEqualTo(T0.plusMillis(100).toEpochMilli());
    }

    @Test
    void theMimeTypeNamesTheCodecsOfTheSps_andTheCameraJsonSaysHowThePageShowsIt() {
        assertThat(LiveView.of(info())).as("no sprop in this SDP: the init message will say").contains(new LiveView("mse", null));
        TrackInfo v = new TrackInfo(0, io.gscam.media.MediaKind.VIDEO, "H264", 96, 90000, 704, 480, 30, 1024, 0, 0, "v", true,
                Map.of("sprop-parameter-sets", Base64.getEncoder().encodeToString(SPS) + "," + Base64.getEncoder().encodeToString(PPS)));
        StreamInfo withSprop = new StreamInfo("rtsp://127.0.0.1/0", "test", "1", Duration.ofSeconds(60), Transport.TCP,
                List.of(v, info().tracks().get(1)));
        assertThat(LiveView.of(withSprop).orElseThrow().toJson())
                .isEqualTo(Map.of("kind", "mse", "mime", "video/mp4; codecs=\"avc1.42c01e,flac\""));
        TrackInfo jpeg = new TrackInfo(0, io.gscam.media.MediaKind.VIDEO, "JPEG", 26, 90000, 704, 480, 30, 1024, 0, 0, "v", true, Map.of());
        assertThat(LiveView.of(new StreamInfo("rtsp://127.0.0.1/1", "test", "1", Duration.ofSeconds(60), Transport.TCP, List.of(jpeg)))
                .orElseThrow().toJson()).isEqualTo(Map.of("kind", "mjpeg"));
    }

    @Test
    void aViewerBehindSkipsToTheNextKeyframeAndQueuesNothing() {
        stream.onStreamInfo(info());
        stream.onVideo(frame(0, true));
        int afterStart = sent.size();
        ready = false;
        stream.onVideo(frame(3000, false));
        stream.onAudio(audio(40));
        ready = true;
        stream.onVideo(frame(6000, false));
        stream.onAudio(audio(80));
        assertThat(sent).as("frames after a full buffer wait for a keyframe").hasSize(afterStart);
        stream.onVideo(frame(9000, true));
        assertThat(sent).hasSize(afterStart + 1);
        byte[] key = (byte[]) sent.get(afterStart);
        assertThat(ByteBuffer.wrap(key).getLong(24)).as("the timeline goes on across the skip").isEqualTo(9000);
    }

    /**
     * Every audio codec a camera sends that browsers cannot play goes out as FLAC in the same MP4, one
     * FLAC frame per packet, placed by its arrival relative to the first keyframe and then by its RTP
     * clock: audio and video that arrive together are at the same media time (in sync).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"PCMU, 0, 8", "PCMA, 8, 8", "G726-16, 97, 2", "G726-24, 97, 3", "G726-32, 97, 4", "G726-40, 97, 5",
            "AAL2-G726-16, 97, 2", "AAL2-G726-24, 97, 3", "AAL2-G726-32, 97, 4", "AAL2-G726-40, 97, 5"})
    void g711AndG726InEveryRateAndPacking_goOutAsFlacInTheSameMp4_inSyncWithTheVideo(String codec, int payloadType, int bits) {
        TrackInfo v = new TrackInfo(0, io.gscam.media.MediaKind.VIDEO, "H264", 96, 90000, 704, 480, 30, 1024, 0, 0, "v", true, Map.of());
        TrackInfo a = new TrackInfo(1, io.gscam.media.MediaKind.AUDIO, codec, payloadType, 8000, 0, 0, 0, 0, 8000, 1, "a", true, Map.of());
        stream.onStreamInfo(new StreamInfo("rtsp://127.0.0.1/0", "test", "1", Duration.ofSeconds(60), Transport.TCP, List.of(v, a)));
        stream.onVideo(frame(0, true)); // arrives at T0 + 100 ms
        assertThat((String) sent.get(0)).contains("codecs=\\\"avc1.42c01e,flac\\\"");
        assertThat(new String((byte[]) sent.get(1), StandardCharsets.ISO_8859_1)).contains("fLaC").contains("dfLa");

        int packet = 160 * bits / 8; // 20 ms
        byte[] coded = new byte[packet];
        Arrays.fill(coded, (byte) 0x5A);
        // Half a second after the keyframe, a video frame (RTP +45000) and an audio packet arrive together.
        stream.onVideo(frame(45000, false));
        stream.onAudio(new AudioFrame(1, codec, 12345, Duration.ZERO, T0.plusMillis(600), 8000, 1, coded));
        stream.onAudio(new AudioFrame(1, codec, 12345 + 160, Duration.ZERO, T0.plusMillis(615), 8000, 1, coded));
        byte[] videoFragment = (byte[]) sent.get(3);
        byte[] audioFragment = (byte[]) sent.get(4);
        assertThat(ByteBuffer.wrap(audioFragment).getInt(12)).as("audio on track 2").isEqualTo(2);
        double videoSeconds = ByteBuffer.wrap(videoFragment).getLong(24) / 90000.0;
        double audioSeconds = ByteBuffer.wrap(audioFragment).getLong(24) / 8000.0;
        assertThat(videoSeconds).isEqualTo(0.5);
        assertThat(audioSeconds).as("audio that arrived with the video frame is placed with it").isEqualTo(0.5);
        assertThat(ByteBuffer.wrap((byte[]) sent.get(5)).getLong(24)).as("then by its RTP clock, not its arrival").isEqualTo(4000 + 160);
        // (the frame's last byte, 0, is Annex B's trailing_zero_8bits, not part of the NAL unit)
        assertThat(mdat(videoFragment)).as("the H.264 slice as the camera sent it, length-prefixed (AVCC), not re-encoded")
                .containsExactly(0, 0, 0, 3, 0x41, 0x88, 0x40);
        byte[] flac = mdat(audioFragment);
        assertThat(flac[0] & 0xFF).as("a FLAC frame's sync code").isEqualTo(0xFF);
        assertThat(FlacFrameHeader.blockSize(flac)).as("one FLAC frame of the packet's 160 samples").isEqualTo(160);
    }

    /** The payload of a fragment's mdat box. */
    private static byte[] mdat(byte[] fragment) {
        int at = 0;
        while (at + 8 <= fragment.length) {
            int size = ByteBuffer.wrap(fragment).getInt(at);
            if (type(fragment, at).equals("mdat")) {
                return Arrays.copyOfRange(fragment, at + 8, at + size);
            }
            at += size;
        }
        throw new AssertionError("no mdat");
    }

    /** The capture time of a fragment's prft, Unix ms. */
    private static long prftMillis(byte[] fragment) {
        ByteBuffer b = ByteBuffer.wrap(fragment);
        long seconds = (b.getInt(16) & 0xFFFFFFFFL) - 2_208_988_800L;
        long fraction = b.getInt(20) & 0xFFFFFFFFL;
        return seconds * 1000 + Math.round(fraction * 1000.0 / (1L << 32));
    }

    private static String type(byte[] b, int at) {
        return new String(b, at + 4, 4, StandardCharsets.US_ASCII);
    }

    private static StreamInfo info() {
        TrackInfo v = new TrackInfo(0, io.gscam.media.MediaKind.VIDEO, "H264", 96, 90000, 704, 480, 30, 1024, 0, 0, "v", true, Map.of());
        TrackInfo a = new TrackInfo(1, io.gscam.media.MediaKind.AUDIO, "G726-32", 97, 8000, 0, 0, 0, 0, 8000, 1, "a", true, Map.of());
        return new StreamInfo("rtsp://127.0.0.1/0", "test", "1", Duration.ofSeconds(60), Transport.TCP, List.of(v, a));
    }

    private static VideoFrame frame(long rtp, boolean key) {
        byte[] slice = {0, 0, 0, 1, (byte) (key ? 0x65 : 0x41), (byte) 0x88, 0x40, 0x00};
        return new VideoFrame(0, "H264", rtp, Duration.ofMillis(rtp / 90), T0.plusMillis(100 + rtp / 90), key, slice, List.of(SPS, PPS));
    }

    private static AudioFrame audio(long ms) {
        return new AudioFrame(1, "G726-32", ms * 8, Duration.ofMillis(ms), T0.plusMillis(100 + ms), 8000, 1, new byte[160]);
    }
}
