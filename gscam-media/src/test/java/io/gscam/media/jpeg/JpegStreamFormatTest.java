package io.gscam.media.jpeg;

import io.gscam.media.MediaSample;
import io.gscam.media.container.TrackCodec;
import io.gscam.media.rtp.SampleSinkLog;
import io.gscam.media.rtp.StreamFormat;
import io.gscam.protocol.rtp.RtpPacket;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JPEG reader reports the picture size of the RFC 2435 header (the SDP of payload type 26 says
 * none) before the first frame of that size, and again only when it changes.
 */
class JpegStreamFormatTest {
    private static final HexFormat HEX = HexFormat.of();

    private final SampleSinkLog sink = new SampleSinkLog();
    private final List<Object> events = sink.events();
    private final JpegPayloadReader reader = new JpegPayloadReader(sink);

    private static RtpPacket packet(int seq, long ts, String widthBlocks, String heightBlocks) {
        // type 1 (4:2:0), Q 50, the size in 8-pixel blocks, scan "aabbcc", one packet per frame
        return RtpPacket.builder().payloadType(26).sequenceNumber(seq).timestamp(ts).ssrc(0x1234).marker(true)
                .payload(HEX.parseHex("00000000" + "01" + "32" + widthBlocks + heightBlocks + "aabbcc")).build();
    }

    @Test
    void consume_firstFrame_reportsItsSizeBeforeTheFrame() {
        reader.consume(packet(1, 0, "28", "1e"));

        assertThat(events).hasSize(2);
        StreamFormat format = (StreamFormat) events.get(0);
        assertThat(format.width()).isEqualTo(320);
        assertThat(format.height()).isEqualTo(240);
        assertThat(format.codecConfig()).isEmpty();
        assertThat(events.get(1)).isInstanceOf(MediaSample.class);
    }

    @Test
    void consume_sameSizeAgain_reportsNothingNew() {
        reader.consume(packet(1, 0, "28", "1e"));
        reader.consume(packet(2, 3000, "28", "1e"));

        assertThat(events).filteredOn(StreamFormat.class::isInstance).hasSize(1);
        assertThat(events).filteredOn(MediaSample.class::isInstance).hasSize(2);
    }

    @Test
    void consume_sizeChanges_reportsTheNewSize() {
        reader.consume(packet(1, 0, "28", "1e"));
        reader.consume(packet(2, 3000, "50", "3c"));

        assertThat(events).filteredOn(StreamFormat.class::isInstance).map(f -> ((StreamFormat) f).width())
                .containsExactly(320, 640);
    }

    @Test
    void consume_brokenFrame_reportsNoSize() {
        reader.consume(packet(1, 0, "00", "1e")); // zero width: dropped

        assertThat(events).isEmpty();
        assertThat(reader.droppedSamples()).isEqualTo(1);
    }

    @Test
    void containerTrack_isMotionJpegOfTheReportedSize() {
        var track = new JpegPayloadFormat().containerTrack(JpegPayloadFormat.mediaFormat(26),
                new StreamFormat(320, 240, 0, List.of())).orElseThrow();

        assertThat(track.codec()).isEqualTo(TrackCodec.MJPEG);
        assertThat(track.width()).isEqualTo(320);
        assertThat(track.height()).isEqualTo(240);
    }
}
