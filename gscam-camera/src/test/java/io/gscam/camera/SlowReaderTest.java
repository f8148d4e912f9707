package io.gscam.camera;

import java.time.Duration;
import io.gscam.testkit.Await;
import io.gscam.server.mctp.MctpConnectionHandler;
import io.gscam.server.session.RtspSession;
import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TCP reader that stops reading fills its byte budget; the camera skips it to the next keyframe,
 * counts the skip (per session, logged when it closes, and in the camera's totals) and, once the
 * reader reads again, resumes it at a keyframe.
 */
class SlowReaderTest {
    private CameraServer camera;

    @AfterEach
    void stop() {
        if (camera != null) {
            camera.close();
        }
    }

    @Test
    void readerThatStopsReading_skipsToTheNextKeyframe_countsIt_andResumesAtAKeyframe() throws Exception {
        CameraConfig.Builder b = CameraConfig.defaults().toBuilder()
                .bindAddress(InetAddress.getLoopbackAddress()).rtspPort(0).readerBufferBytes(64 * 1024);
        b.channel(0, b.media(0).withAudio("none"));
        CameraConfig c = b.build();
        camera = new CameraServer(c, () -> Instant.parse("2026-01-01T00:00:00Z"), System::nanoTime, new ChannelSources(c),
                MctpConnectionHandler.CLOSE, new Random(7));
        camera.start();
        try (RtspTestClient client = new RtspTestClient(camera.rtspAddress(), 4096)) {
            assertThat(client.login("admin", "admin", client.base + "/0").statusCode()).isEqualTo(200);
            RtspResponse setup = client.request("SETUP", client.base + "/0/trackID=0",
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            String id = setup.headers().get("Session").orElseThrow().substring(0, 8);
            RtspSession session = camera.sessions().find(id).orElseThrow();
            assertThat(client.request("PLAY", client.base + "/0", "Session: " + id).statusCode()).isEqualTo(200);
            InterleavedFrame first = client.nextInterleaved();
            assertThat(first.channel()).isZero();
            int previous = RtpPacket.parse(first.payload()).sequenceNumber();
            assertThat(camera.keyframeSkips()).isZero();

            // Stop reading: the kernel buffers fill, then the reader's byte budget.
            Await.until(Duration.ofSeconds(60), "the stalled reader to skip to a keyframe", () -> camera.keyframeSkips() > 0);

            // Read again: what was queued arrives in order, then the gap, then a keyframe's start.
            RtpPacket afterGap = null;
            for (int i = 0; i < 100_000 && afterGap == null; i++) {
                InterleavedFrame f = client.nextInterleaved();
                if (f.channel() != 0) {
                    continue; // RTCP sender reports on channel 1
                }
                RtpPacket p = RtpPacket.parse(f.payload());
                if (p.sequenceNumber() != ((previous + 1) & 0xFFFF)) {
                    afterGap = p;
                }
                previous = p.sequenceNumber();
            }
            assertThat(afterGap).as("a gap in the sequence where packets were dropped").isNotNull();
            assertThat(afterGap.payload()[0] & 0x1F).as("the first NAL type after the gap: SPS or AUD").isIn(7, 9);

            assertThat(client.request("TEARDOWN", client.base + "/0", "Session: " + id).statusCode()).isEqualTo(200);
            long skips = camera.keyframeSkips();
            assertThat(session.traffic().keyframeSkips()).isEqualTo(skips).isPositive();
            assertThat(session.traffic().droppedPackets()).isEqualTo(camera.readerTotals().droppedPackets()).isPositive();
            assertThat(session.traffic().packetsSent()).isEqualTo(camera.readerTotals().packetsSent()).isPositive();
            assertThat(session.traffic().summary()).isEqualTo(session.traffic().packetsSent() + " packets sent, "
                    + skips + " keyframe skips, " + session.traffic().droppedPackets() + " packets dropped");
        }
    }
}
