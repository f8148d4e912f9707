package io.gscam.camera;

import io.gscam.camera.http.CameraApi;
import io.gscam.media.jpeg.JpegFrame;
import io.gscam.media.jpeg.JpegPayloadReader;
import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /snapshot/view<N>.jpg} of a channel whose MJPEG stream is playing is a frame that
 * stream sends, not a separate rendering. The camera's own clock is fixed while its sources run on
 * the system clock, so a test-pattern fallback (which shows the camera's clock) can never pass for
 * a streamed frame.
 */
class StreamedSnapshotTest {
    private static final Instant CAMERA_TIME = Instant.parse("2026-01-01T00:00:00Z");

    private CameraServer camera;

    @AfterEach
    void stop() {
        if (camera != null) {
            camera.close();
        }
    }

    private void start(int channel) throws Exception {
        CameraConfig.Builder b = CameraConfig.defaults().toBuilder()
                .bindAddress(InetAddress.getLoopbackAddress()).rtspPort(0).httpPort(0);
        b.channel(channel, b.media(channel).withVideo("mjpeg").withAudio("none"));
        CameraConfig c = b.build();
        InstantSource fixed = () -> CAMERA_TIME;
        camera = new CameraServer(c, fixed, System::nanoTime, new ChannelSources(c), CameraApi.Options.defaults(), new Random(7));
        camera.start();
    }

    private byte[] snapshot(int channel) throws Exception {
        int port = camera.api().orElseThrow().httpAddress().getPort();
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/snapshot/view" + channel + ".jpg"))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** Reads interleaved RTP/JPEG on channel 0 until {@code count} more whole frames have been rebuilt. */
    private static void readFrames(RtspTestClient c, JpegPayloadReader reader, List<byte[]> frames, int count) throws Exception {
        int target = frames.size() + count;
        while (frames.size() < target) {
            InterleavedFrame f = c.nextInterleaved();
            if (f.channel() == 0) {
                reader.consume(RtpPacket.parse(f.payload()));
            }
        }
    }

    private static byte[] scan(byte[] jpeg) throws Exception {
        JpegFrame f = JpegFrame.parse(jpeg);
        return Arrays.copyOfRange(jpeg, f.scanOffset(), f.scanOffset() + f.scanLength());
    }

    private static BufferedImage decode(byte[] jpeg) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(image).as("a decodable JPEG").isNotNull();
        return image;
    }

    @Test
    void snapshot_ofAPlayingMjpegChannel_isAFrameItsRtspReaderReceives() throws Exception {
        start(0);
        try (RtspTestClient c = new RtspTestClient(camera.rtspAddress())) {
            assertThat(c.login("admin", "admin", c.base + "/0").statusCode()).isEqualTo(200);
            RtspResponse setup = c.request("SETUP", c.base + "/0/trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            assertThat(setup.statusCode()).isEqualTo(200);
            String session = setup.headers().get("Session").orElseThrow().substring(0, 8);
            assertThat(c.request("PLAY", c.base + "/0", "Session: " + session).statusCode()).isEqualTo(200);

            List<byte[]> frames = new ArrayList<>();
            JpegPayloadReader reader = new JpegPayloadReader(sample -> frames.add(sample.data()));
            readFrames(c, reader, frames, 3);
            int before = frames.size();
            byte[] snapshot = snapshot(0);
            // The snapshot is the latest frame the stream produced: already received, still in the
            // socket, or (if the pacer reads ahead) among the next few.
            readFrames(c, reader, frames, 8);
            assertThat(reader.droppedSamples()).isZero();

            byte[] snapshotScan = scan(snapshot);
            int match = -1;
            for (int i = 0; i < frames.size(); i++) {
                if (Arrays.equals(scan(frames.get(i)), snapshotScan)) {
                    match = i;
                }
            }
            assertThat(match).as("the snapshot's scan equals a streamed frame's").isGreaterThanOrEqualTo(0);
            assertThat(match).as("a recent frame, not the first one received").isGreaterThanOrEqualTo(before - 1);
            assertThat(JpegFrame.parse(snapshot).quantizationTables()).isEqualTo(JpegFrame.parse(frames.get(match)).quantizationTables());
            BufferedImage shot = decode(snapshot);
            BufferedImage streamed = decode(frames.get(match));
            assertThat(shot.getWidth()).isEqualTo(streamed.getWidth()).isEqualTo(704);
            assertThat(shot.getHeight()).isEqualTo(streamed.getHeight()).isEqualTo(480);
        }
    }

    @Test
    void snapshot_ofAnMjpegChannelNobodyPlays_isTheTestPatternAtTheChannelsSize() throws Exception {
        start(5);
        byte[] snapshot = snapshot(5);
        BufferedImage image = decode(snapshot);
        assertThat(image.getWidth()).isEqualTo(352);
        assertThat(image.getHeight()).isEqualTo(240);
        assertThat(camera.runningStreams()).isEmpty();
    }
}
