package io.gscam.media.jpeg;

import io.gscam.media.MediaSample;
import io.gscam.media.rtp.RtpPayload;
import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.testkit.Generators;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * depacketize(packetize(x)) == x for baseline JPEG frames of any size (up to 400x300 here;
 * JpegRoundTripTest has 2040 pixels), 4:2:2 or 4:2:0, with or without restart markers, any packet
 * size, tables in-band or as a standard Q. The one thing RFC 2435 cannot carry is a size that is
 * not a multiple of 8: it comes back rounded up.
 */
class JpegRoundTripPropertiesTest {

    static Stream<Arguments> frames() {
        return Generators.arguments(60, r -> new Object[] {Generators.between(r, 1, 400), Generators.between(r, 1, 300),
                Generators.oneOf(r, 0x21, 0x22), Generators.between(r, 0, 40), Generators.between(r, 5, 95),
                Generators.between(r, 300, 1500), r.nextBoolean()});
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("frames")
    void depacketizeOfPacketize_isTheSameFrame(int width, int height, int sampling, int restartInterval, int quality,
                                               int maxPayloadSize, boolean standardQ) throws Exception {
        byte[] original = TestJpegs.jpeg(TestJpegs.pattern(width, height, width ^ height), sampling, restartInterval,
                quality / 100f, false);
        JpegPayloadWriter writer = new JpegPayloadWriter(maxPayloadSize, standardQ);

        List<MediaSample> out = transmit(writer, MediaSample.video(1234, original, true), maxPayloadSize);

        assertThat(out).hasSize(1);
        JpegFrame before = JpegFrame.parse(original);
        JpegFrame after = JpegFrame.parse(out.get(0).data());
        assertThat(after.width()).isEqualTo((width + 7) / 8 * 8);
        assertThat(after.height()).isEqualTo((height + 7) / 8 * 8);
        assertThat(after.type()).isEqualTo(before.type());
        assertThat(after.restartInterval()).isEqualTo(restartInterval);
        assertThat(after.precision()).isEqualTo(before.precision());
        assertThat(after.quantizationTables()).isEqualTo(before.quantizationTables());
        assertThat(Arrays.equals(after.data(), after.scanOffset(), after.scanOffset() + after.scanLength(),
                before.data(), before.scanOffset(), before.scanOffset() + before.scanLength())).as("same scan").isTrue();
        assertThat(out.get(0).rtpTimestamp()).isEqualTo(1234);
    }

    private static List<MediaSample> transmit(JpegPayloadWriter writer, MediaSample sample, int maxPayloadSize) {
        List<MediaSample> out = new ArrayList<>();
        JpegPayloadReader reader = new JpegPayloadReader(out::add);
        List<RtpPayload> payloads = writer.payloads(sample);
        for (int i = 0; i < payloads.size(); i++) {
            RtpPayload p = payloads.get(i);
            assertThat(p.bytes().length).isLessThanOrEqualTo(maxPayloadSize);
            assertThat(p.marker()).isEqualTo(i == payloads.size() - 1);
            reader.consume(RtpPacket.builder().payloadType(26).sequenceNumber((65530 + i) & 0xFFFF)
                    .timestamp(sample.rtpTimestamp()).ssrc(7).marker(p.marker()).payload(p.bytes()).build());
        }
        assertThat(reader.droppedSamples()).isZero();
        return out;
    }
}
