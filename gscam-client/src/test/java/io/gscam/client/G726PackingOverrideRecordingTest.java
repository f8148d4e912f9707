package io.gscam.client;

import io.gscam.testkit.Ffmpeg;
import io.gscam.testkit.Peers;
import io.gscam.testkit.Await;
import io.gscam.client.record.Recorder;
import io.gscam.media.g711.G711PayloadFormat;
import io.gscam.media.g726.G726Decoder;
import io.gscam.media.g726.G726Encoder;
import io.gscam.media.g726.G726Packing;
import io.gscam.media.g726.G726PayloadFormat;
import io.gscam.media.g726.G726Rate;
import io.gscam.media.h264.H264PayloadFormat;
import io.gscam.media.jpeg.JpegPayloadFormat;
import io.gscam.media.rtp.PayloadFormats;
import io.gscam.protocol.rtp.RtpPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A camera that labels its G.726 {@code G726-32} (RFC 3551, LSB-first) but packs it AAL2-style
 * (MSB-first), as some firmware does. With the AAL2 override, given to the registry's G.726 format
 * or as the session's {@link CameraOptions.Builder#g726Packing} option, the recording decodes in
 * ffmpeg to exactly what the camera encoded; without it, to something else.
 */
class G726PackingOverrideRecordingTest {
    private static final int PACKETS = 25;
    private static final int SAMPLES_PER_PACKET = 160;
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=mislabelled\r\nt=0 0\r\n"
            + "m=audio 0 RTP/AVP 97\r\na=rtpmap:97 G726-32/8000\r\na=control:trackID=0\r\n";

    private final List<RtpPacket> packets = new ArrayList<>();
    /** What the camera meant: its AAL2 code words, decoded as AAL2 (bit-exact with ffmpeg's decoder). */
    private short[] meant;
    private GsCamClient client;
    private final List<FakeRtspServer> servers = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeEach
    void mislabellingCamera() {
        short[] pcm = new short[PACKETS * SAMPLES_PER_PACKET];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 700 * i / 8000.0));
        }
        G726Encoder camera = new G726Encoder(G726Rate.KBPS_32, G726Packing.AAL2_BE);
        for (int p = 0; p < PACKETS; p++) {
            byte[] payload = camera.encode(Arrays.copyOfRange(pcm, p * SAMPLES_PER_PACKET, (p + 1) * SAMPLES_PER_PACKET));
            packets.add(RtpPacket.builder().payloadType(97).sequenceNumber(p).timestamp((long) p * SAMPLES_PER_PACKET)
                    .ssrc(0x726).payload(payload).build());
        }
        meant = new G726Decoder(G726Rate.KBPS_32, G726Packing.AAL2_BE).decode(concat(packets));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        for (FakeRtspServer server : servers) {
            server.close();
        }
    }

    @ParameterizedTest(name = "override {0}")
    @ValueSource(booleans = {true, false})
    void record_mislabelledAal2Stream_decodesRightOnlyWithTheRegistryOverride(boolean override) throws Exception {
        G726PayloadFormat g726 = override ? new G726PayloadFormat(G726Packing.AAL2_BE) : new G726PayloadFormat();
        client = GsCamClient.builder().ioThreads(1).payloadFormats(new PayloadFormats(List.of(new H264PayloadFormat(),
                new JpegPayloadFormat(), G711PayloadFormat.pcmu(), G711PayloadFormat.pcma(), g726))).build();

        short[] recorded = record(UnaryOperator.identity(), "audio.mkv");

        assertThat(recorded).hasSize(PACKETS * SAMPLES_PER_PACKET);
        if (override) {
            assertThat(recorded).isEqualTo(meant);
        } else {
            assertThat(recorded).isNotEqualTo(meant);
        }
    }

    @Test
    void record_mislabelledAal2Stream_g726PackingOption_decodesRightForThatSessionOnly() throws Exception {
        client = GsCamClient.builder().ioThreads(1).build();

        short[] withOption = record(b -> b.g726Packing(G726Packing.AAL2_BE), "option.mkv");
        short[] sameClientWithout = record(UnaryOperator.identity(), "without.mkv");

        assertThat(withOption).isEqualTo(meant);
        assertThat(sameClientWithout).hasSize(meant.length).isNotEqualTo(meant);
    }

    @Test
    void record_correctlyLabelledStream_g726PackingOptionSayingWhatTheNameSays_changesNothing() throws Exception {
        client = GsCamClient.builder().ioThreads(1).build();

        short[] recorded = record(b -> b.g726Packing(G726Packing.AAL2_BE), "labelled.mkv",
                SDP.replace("G726-32/8000", "AAL2-G726-32/8000"));

        assertThat(recorded).isEqualTo(meant);
    }

    @Test
    void options_g726Packing_defaultsToAsLabelledAndSurvivesToBuilder() {
        CameraOptions plain = CameraOptions.builder("rtsp://127.0.0.1/0").build();
        CameraOptions aal2 = plain.toBuilder().g726Packing(G726Packing.AAL2_BE).build();

        assertThat(plain.g726Packing()).isEmpty();
        assertThat(aal2.g726Packing()).contains(G726Packing.AAL2_BE);
        assertThat(aal2.toBuilder().build().g726Packing()).contains(G726Packing.AAL2_BE);
        assertThat(aal2.toBuilder().g726PackingAsLabelled().build().g726Packing()).isEmpty();
        assertThat(aal2.toString()).contains("AAL2_BE");
    }

    private short[] record(UnaryOperator<CameraOptions.Builder> options, String fileName) throws Exception {
        return record(options, fileName, SDP);
    }

    /** Records the mislabelling camera's stream with {@link #client} into {@code fileName}, decoded by ffmpeg. */
    private short[] record(UnaryOperator<CameraOptions.Builder> options, String fileName, String sdp) throws Exception {
        Peers.assumeInstalled("ffmpeg");
        FakeRtspServer server = new FakeRtspServer(new InterleavedMediaCamera(sdp, List.of(packets)));
        servers.add(server);
        Path file = dir.resolve(fileName);
        Recorder recorder = Recorder.toFile(file);
        try (CameraSession session = client.open(options.apply(CameraOptions.builder(server.url(null, "/0"))
                .transport(Transport.TCP)).build(), recorder)) {
            session.awaitPlaying(Duration.ofSeconds(10));
            Await.until(Duration.ofSeconds(10), PACKETS + " audio frames recorded", () -> recorder.status().audioFrames() >= PACKETS);
        }
        recorder.close();

        assertThat(recorder.failure()).isEmpty();
        assertThat(recorder.status().audioFrames()).isEqualTo(PACKETS);
        return Ffmpeg.pcm16(file);
    }

    private static byte[] concat(List<RtpPacket> packets) {
        ByteBuffer all = ByteBuffer.allocate(packets.stream().mapToInt(p -> p.payload().length).sum());
        packets.forEach(p -> all.put(p.payload()));
        return all.array();
    }
}
