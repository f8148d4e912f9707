package io.gscam.media.jpeg;

import io.gscam.media.MediaSample;
import io.gscam.media.rtp.RtpPayload;
import io.gscam.protocol.rtp.RtpPacket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JpegRoundTripTest {

    @ParameterizedTest(name = "{0}x{1} sampling {2} dri {3} q {4} standardQ {5}")
    @CsvSource({
            "704, 480, 0x22, 0, 0.75, false",
            "352, 240, 0x21, 0, 0.75, false",
            "704, 480, 0x22, 4, 0.75, false",
            "352, 240, 0x21, 11, 0.5, false",
            "64, 48, 0x22, 0, 0.9, true",
            "2040, 16, 0x21, 2, 0.3, true"})
    void depacketizeOfPacketize_rebuildsTheSameFrame(int width, int height, String sampling, int dri, float quality,
                                                     boolean standardQ) throws Exception {
        byte[] original = TestJpegs.jpeg(TestJpegs.pattern(width, height, width + dri), Integer.decode(sampling), dri,
                quality, false);
        JpegPayloadWriter writer = new JpegPayloadWriter(1400, standardQ);

        List<MediaSample> out = transmit(writer, MediaSample.video(90000, original, true));

        assertThat(out).hasSize(1);
        byte[] rebuilt = out.get(0).data();
        assertThat(out.get(0).rtpTimestamp()).isEqualTo(90000);
        assertThat(out.get(0).keyframe()).isTrue();
        // same type, size, restart interval, tables and scan bytes
        JpegFrame before = JpegFrame.parse(original);
        JpegFrame after = JpegFrame.parse(rebuilt);
        assertThat(after).isEqualTo(before);
        assertThat(after.type()).isEqualTo(Integer.decode(sampling) == 0x22 ? 1 : 0);
        assertThat(after.restartInterval()).isEqualTo(dri);
        // and it decodes to the very same pixels
        assertSamePixels(TestJpegs.decode(rebuilt), TestJpegs.decode(original));
        // the rebuilt frame is canonical: sending it again gives it back byte for byte
        assertThat(transmit(writer, out.get(0))).containsExactly(out.get(0));
    }

    static List<MediaSample> transmit(JpegPayloadWriter writer, MediaSample sample) {
        List<MediaSample> out = new ArrayList<>();
        JpegPayloadReader reader = new JpegPayloadReader(out::add);
        int seq = 65530; // wraps within the frame
        List<RtpPayload> payloads = writer.payloads(sample);
        for (int i = 0; i < payloads.size(); i++) {
            RtpPayload p = payloads.get(i);
            assertThat(p.bytes().length).isLessThanOrEqualTo(1400);
            assertThat(p.marker()).isEqualTo(i == payloads.size() - 1);
            reader.consume(RtpPacket.builder().payloadType(26).sequenceNumber(seq).timestamp(sample.rtpTimestamp())
                    .ssrc(7).marker(p.marker()).payload(p.bytes()).build());
            seq = (seq + 1) & 0xFFFF;
        }
        assertThat(reader.droppedSamples()).isZero();
        return out;
    }

    static void assertSamePixels(BufferedImage actual, BufferedImage expected) {
        assertThat(actual.getWidth()).isEqualTo(expected.getWidth());
        assertThat(actual.getHeight()).isEqualTo(expected.getHeight());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                if (actual.getRGB(x, y) != expected.getRGB(x, y)) {
                    throw new AssertionError("pixel " + x + "," + y + " differs");
                }
            }
        }
    }
}
