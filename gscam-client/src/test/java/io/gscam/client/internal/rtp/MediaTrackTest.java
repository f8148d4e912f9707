package io.gscam.client.internal.rtp;

import io.gscam.client.AudioFrame;
import io.gscam.client.TrackInfo;
import io.gscam.client.VideoFrame;
import io.gscam.media.MediaKind;
import io.gscam.media.h264.H264PayloadFormat;
import io.gscam.media.jpeg.JpegPayloadFormat;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.PayloadFormat;
import io.gscam.protocol.rtp.NtpTime;
import io.gscam.protocol.rtp.RtcpCompound;
import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.protocol.rtp.SenderReport;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A track takes picture size and codec configuration from what its payload reader reports, with
 * no codec of its own: H.264 from the SDP's sprop (before any packet, no change event) and in-band,
 * JPEG from the RTP/JPEG header of its first frame (a change event).
 */
class MediaTrackTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String SPS = "6742e01eda02c0f440"; // the spec's, 704x480
    private static final String PPS = "68ce30a480";

    private final List<VideoFrame> frames = new ArrayList<>();
    private final List<TrackInfo> changes = new ArrayList<>();
    private final MediaTrack.Output output = new MediaTrack.Output() {
        @Override
        public void onVideo(VideoFrame frame) {
            frames.add(frame);
        }

        @Override
        public void onAudio(AudioFrame frame) {
        }

        @Override
        public void onTrackChanged(TrackInfo track) {
            changes.add(track);
        }
    };

    private MediaTrack track(String codec, int pt, PayloadFormat payloadFormat, Map<String, String> fmtp) {
        TrackInfo info = new TrackInfo(0, MediaKind.VIDEO, codec, pt, 90000, 0, 0, 0, 0, 0, 0, "c", true, fmtp);
        return new MediaTrack(info, new MediaFormat(MediaKind.VIDEO, pt, codec, 90000, 1, fmtp), payloadFormat,
                ReorderBuffer.inOrder(), new RtcpReceiver(1, "gscam@test", 90000), Clock.systemUTC(), output);
    }

    private static byte[] rtp(int pt, int seq, long ts, boolean marker, String payloadHex) {
        return RtpPacket.builder().payloadType(pt).ssrc(0x1234).sequenceNumber(seq).timestamp(ts).marker(marker)
                .payload(HEX.parseHex(payloadHex.replace(" ", ""))).build().toBytes();
    }

    private static void feed(MediaTrack t, byte[] packet) {
        t.onRtp(packet, 0, packet.length, 1);
    }

    @Test
    void h264_spropSize_isTheTracksBeforeAnyPacket_andFramesCarryTheParameterSets() {
        MediaTrack t = track("H264", 96, new H264PayloadFormat(), Map.of("sprop-parameter-sets", "Z0LgHtoCwPRA,aM4wpIA="));

        assertThat(t.info().width()).isEqualTo(704);
        assertThat(t.info().height()).isEqualTo(480);

        feed(t, rtp(96, 1, 0, false, "78 0009 " + SPS + " 0005 " + PPS));
        feed(t, rtp(96, 2, 0, true, "65 8801"));
        feed(t, rtp(96, 3, 3000, true, "41 9a01"));

        assertThat(changes).as("the same SPS in-band changes nothing").isEmpty();
        assertThat(frames).hasSize(2);
        assertThat(frames.get(1).codecConfig()).extracting(HEX::formatHex).containsExactly(SPS, PPS);
        assertThat(frames.get(1).presentationTime()).isEqualTo(Duration.ofNanos(3000 * 1_000_000_000L / 90000));
    }

    @Test
    void framesAfterASenderReportCarryTheCamerasCaptureTime() throws Exception {
        MediaTrack t = track("JPEG", 26, new JpegPayloadFormat(), Map.of());
        feed(t, rtp(26, 1, 1000, true, "00000000" + "01" + "32" + "28" + "1e" + "aabbcc"));
        Instant report = Instant.parse("2026-01-05T10:15:00Z");
        byte[] sr = RtcpCompound.write(List.of(new SenderReport(0x1234, NtpTime.fromInstant(report), 4000, 1, 100, List.of())));
        t.rtcp().onRtcp(sr, 0, sr.length, 1);
        feed(t, rtp(26, 2, 4000 + 9000, true, "00000000" + "01" + "32" + "28" + "1e" + "aabbcc"));

        assertThat(frames.get(0).captureTime()).as("before any sender report").isEmpty();
        assertThat(frames.get(1).captureTime()).contains(report.plusMillis(100));
    }

    @Test
    void jpeg_firstFrame_reportsItsSizeOnce_withoutCodecConfig() {
        MediaTrack t = track("JPEG", 26, new JpegPayloadFormat(), Map.of());

        feed(t, rtp(26, 1, 0, true, "00000000" + "01" + "32" + "28" + "1e" + "aabbcc"));
        feed(t, rtp(26, 2, 3000, true, "00000000" + "01" + "32" + "28" + "1e" + "aabbcc"));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.width()).isEqualTo(320);
            assertThat(c.height()).isEqualTo(240);
        });
        assertThat(t.info().width()).isEqualTo(320);
        assertThat(frames).hasSize(2).allSatisfy(f -> assertThat(f.codecConfig()).isEmpty());
        assertThat(frames.get(0).presentationTime()).isEqualTo(Duration.ZERO);
    }
}
