package io.gscam.client;

import io.gscam.testkit.Await;
import io.gscam.protocol.rtp.RtpPacket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5's bad input, end to end: a camera that sends broken RTP/JPEG (truncated headers, a
 * reserved Q, fragments whose offsets are out of order, a truncated table header) and G.726
 * payloads whose length does not fit the rate, among good ones. The client drops exactly the broken
 * frames, counts them, delivers the good ones, and the session stays PLAYING on its one connection.
 * Also the names a camera may use: JPEG at a dynamic payload type, and a bare {@code G726} (32 kbit/s).
 */
class MalformedPayloadSessionTest {
    private static final HexFormat HEX = HexFormat.of();
    /** Static payload type 26 without an rtpmap (RFC 3551 names it JPEG), and G.726 at 24 kbit/s: 3-byte groups. */
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=bad payloads\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 26\r\na=control:trackID=0\r\n"
            + "m=audio 0 RTP/AVP 97\r\na=rtpmap:97 G726-24/8000\r\na=control:trackID=1\r\n";
    /** RTP/JPEG main header: offset 0, type 1 (4:2:0), Q 50, 8x6 blocks (64x48 pixels). */
    private static final String JPEG_Q50_64X48 = "00000000" + "01320806";

    private final GsCamClient client = GsCamClient.builder().ioThreads(1).build();
    private FakeRtspServer server;

    @AfterEach
    void tearDown() throws Exception {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void play_brokenJpegAndMisfitG726Payloads_dropsAndCountsThemAndKeepsPlaying() throws Exception {
        List<RtpPacket> video = new ArrayList<>();
        video.add(jpeg(1, 3000, true, JPEG_Q50_64X48 + "aabbcc"));                            // good
        video.add(jpeg(2, 6000, true, "000000000132"));                                       // main header cut short
        video.add(jpeg(3, 9000, true, "00000000" + "01640806" + "aabb"));                     // Q 100: reserved
        video.add(jpeg(4, 12000, false, JPEG_Q50_64X48 + "aaaa"));                            // fragments out of order:
        video.add(jpeg(5, 12000, false, "00000004" + "01320806" + "cccc"));                   //   offset 4 before 2
        video.add(jpeg(6, 12000, true, "00000002" + "01320806" + "bbbb"));
        video.add(jpeg(7, 15000, true, "00000000" + "01ff0806" + "0000"));                    // Q 255, table header cut short
        video.add(jpeg(8, 18000, true, "00000000" + "41320806" + "00"));                      // restart header cut short
        video.add(jpeg(9, 21000, true, JPEG_Q50_64X48 + "ddeeff"));                           // good
        List<RtpPacket> audio = List.of(
                g726(1, 0, 60),       // good: 160 samples
                g726(2, 160, 4),      // not whole 3-byte groups
                g726(3, 320, 61),
                g726(4, 480, 0),      // empty
                g726(5, 640, 60));    // good
        server = new FakeRtspServer(new InterleavedMediaCamera(SDP, List.of(video, audio)));
        CameraSession session = client.open(CameraOptions.builder(server.url(null, "/0")).transport(Transport.TCP).build());

        StreamInfo info = session.awaitPlaying(Duration.ofSeconds(10));
        assertThat(info.video().orElseThrow().codec()).isEqualTo("JPEG");
        assertThat(info.audio().orElseThrow().codec()).isEqualTo("G726-24");
        List<CameraEvent> events = SessionEvents.takeUntil(session, Duration.ofSeconds(10), "two video and two audio frames",
                list -> SessionEvents.count(list, VideoFrame.class) >= 2 && SessionEvents.count(list, AudioFrame.class) >= 2);

        assertThat(events.stream().filter(VideoFrame.class::isInstance).map(e -> ((VideoFrame) e).rtpTimestamp()))
                .containsExactly(3000L, 21000L);
        assertThat(events.stream().filter(AudioFrame.class::isInstance).map(e -> ((AudioFrame) e).rtpTimestamp()))
                .containsExactly(0L, 640L);
        VideoFrame last = events.stream().filter(VideoFrame.class::isInstance).map(VideoFrame.class::cast)
                .reduce((a, b) -> b).orElseThrow();
        assertThat(HEX.formatHex(last.data())).startsWith("ffd8").endsWith("ddeeffffd9");
        assertThat(events.stream().filter(StateChange.class::isInstance).map(e -> ((StateChange) e).state()))
                .containsExactly(CameraState.CONNECTING, CameraState.PLAYING);
        // five broken JPEG frames, three misfit G.726 payloads: counted, nothing else lost
        Await.until(Duration.ofSeconds(5), "8 frames dropped", () -> session.statistics().framesDropped() >= 8);
        CameraStatistics stats = session.statistics();
        assertThat(stats.framesDropped()).isEqualTo(8);
        assertThat(stats.videoFrames()).isEqualTo(2);
        assertThat(stats.audioFrames()).isEqualTo(2);
        assertThat(stats.packetsLost()).isZero();
        assertThat(stats.reconnects()).isZero();
        assertThat(session.state()).isEqualTo(CameraState.PLAYING);
        assertThat(server.methods()).containsOnlyOnce("PLAY").doesNotContain("TEARDOWN");
        session.close();
    }

    @Test
    void play_dynamicJpegPayloadTypeAndBareG726_areJpegAndG726At32kbit() throws Exception {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=dynamic\r\nt=0 0\r\n"
                + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 JPEG/90000\r\na=control:trackID=0\r\n"
                + "m=audio 0 RTP/AVP 97\r\na=rtpmap:97 G726/8000\r\na=control:trackID=1\r\n";
        List<RtpPacket> video = List.of(
                withPayloadType(jpeg(1, 3000, true, JPEG_Q50_64X48 + "aabbcc"), 96),
                withPayloadType(jpeg(2, 6000, true, JPEG_Q50_64X48 + "ddeeff"), 96));
        // 82 bytes are whole code words at 32 kbit/s, not whole 3- or 5-byte groups as at 24 or 40
        List<RtpPacket> audio = List.of(g726(1, 0, 80), g726(2, 160, 82));
        server = new FakeRtspServer(new InterleavedMediaCamera(sdp, List.of(video, audio)));
        CameraSession session = client.open(CameraOptions.builder(server.url(null, "/0")).transport(Transport.TCP).build());

        StreamInfo info = session.awaitPlaying(Duration.ofSeconds(10));
        assertThat(info.video().orElseThrow()).extracting(TrackInfo::codec, TrackInfo::payloadType, TrackInfo::clockRate)
                .containsExactly("JPEG", 96, 90000);
        assertThat(info.audio().orElseThrow()).extracting(TrackInfo::codec, TrackInfo::sampleRate)
                .containsExactly("G726", 8000);
        List<CameraEvent> events = SessionEvents.takeUntil(session, Duration.ofSeconds(10), "two video and two audio frames",
                list -> SessionEvents.count(list, VideoFrame.class) >= 2 && SessionEvents.count(list, AudioFrame.class) >= 2);

        assertThat(events.stream().filter(VideoFrame.class::isInstance).map(e -> ((VideoFrame) e).rtpTimestamp()))
                .containsExactly(3000L, 6000L);
        assertThat(events.stream().filter(AudioFrame.class::isInstance).map(e -> ((AudioFrame) e).data().length))
                .containsExactly(80, 82);
        assertThat(session.statistics().framesDropped()).isZero();
        assertThat(session.streamInfo().orElseThrow().video().orElseThrow())
                .extracting(TrackInfo::width, TrackInfo::height).containsExactly(64, 48);
        session.close();
    }

    private static RtpPacket jpeg(int sequence, long timestamp, boolean marker, String payloadHex) {
        return RtpPacket.builder().payloadType(26).sequenceNumber(sequence).timestamp(timestamp).ssrc(0x2626)
                .marker(marker).payload(HEX.parseHex(payloadHex)).build();
    }

    private static RtpPacket withPayloadType(RtpPacket packet, int payloadType) {
        return RtpPacket.builder().payloadType(payloadType).sequenceNumber(packet.sequenceNumber())
                .timestamp(packet.timestamp()).ssrc(packet.ssrc()).marker(packet.marker()).payload(packet.payload()).build();
    }

    private static RtpPacket g726(int sequence, long timestamp, int length) {
        byte[] payload = new byte[length];
        for (int i = 0; i < length; i++) {
            payload[i] = (byte) (0x5A + i);
        }
        return RtpPacket.builder().payloadType(97).sequenceNumber(sequence).timestamp(timestamp).ssrc(0x9797)
                .payload(payload).build();
    }

}
