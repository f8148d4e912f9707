package io.gscam.media.h264;

import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.SampleSinkLog;
import io.gscam.media.rtp.StreamFormat;
import io.gscam.protocol.rtp.RtpPacket;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the H.264 reader tells its sink about the stream: parameter sets and the SPS's picture size. */
class H264StreamFormatTest {
    private static final HexFormat HEX = HexFormat.of();
    /** The spec's sprop SPS (704x480) and PPS. */
    private static final String SPS = "6742e01eda02c0f440";
    private static final String PPS = "68ce30a480";

    private final SampleSinkLog sink = new SampleSinkLog();
    /** Formats and samples in the order the sink saw them. */
    private final List<Object> events = sink.events();

    private static RtpPacket packet(int seq, long ts, boolean marker, String payloadHex) {
        return RtpPacket.builder().payloadType(96).ssrc(0x1234).sequenceNumber(seq).timestamp(ts).marker(marker)
                .payload(HEX.parseHex(payloadHex.replace(" ", ""))).build();
    }

    @Test
    void newReader_withSprop_reportsSizeAndConfigBeforeAnyPacket() {
        MediaFormat format = new MediaFormat(MediaKind.VIDEO, 96, "H264", 90000, 1,
                Map.of("sprop-parameter-sets", "Z0LgHtoCwPRA,aM4wpIA="));

        new H264PayloadFormat().newReader(format, sink);

        assertThat(events).hasSize(1);
        StreamFormat reported = (StreamFormat) events.get(0);
        assertThat(reported.width()).isEqualTo(704);
        assertThat(reported.height()).isEqualTo(480);
        assertThat(reported.codecConfig()).extracting(HEX::formatHex).containsExactly(SPS, PPS);
    }

    @Test
    void consume_inBandParameterSets_reportedOnceJustBeforeTheirAccessUnit() {
        H264PayloadReader reader = new H264PayloadReader(sink);

        reader.consume(packet(1, 0, false, "78 0009 " + SPS + " 0005 " + PPS));
        reader.consume(packet(2, 0, true, "65 8801"));
        reader.consume(packet(3, 3000, false, "78 0009 " + SPS + " 0005 " + PPS));
        reader.consume(packet(4, 3000, true, "65 8802"));

        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isInstanceOf(StreamFormat.class);
        assertThat(((StreamFormat) events.get(0)).width()).isEqualTo(704);
        assertThat(events.get(1)).isInstanceOf(MediaSample.class);
        assertThat(events.get(2)).isInstanceOf(MediaSample.class); // same SPS/PPS again: nothing new to say
    }

    @Test
    void consume_unreadableSps_reportsTheConfigWithoutASize() {
        H264PayloadReader reader = new H264PayloadReader(sink);

        reader.consume(packet(1, 0, false, "67 ff"));
        reader.consume(packet(2, 0, true, "65 8801"));

        StreamFormat reported = (StreamFormat) events.get(0);
        assertThat(reported.hasPictureSize()).isFalse();
        assertThat(reported.codecConfig()).extracting(HEX::formatHex).containsExactly("67ff");
    }

    @Test
    void containerTrack_takesTheFirstSpsAndPpsOfTheConfig() {
        StreamFormat stream = new StreamFormat(704, 480, 0, List.of(HEX.parseHex(PPS), HEX.parseHex(SPS)));

        var track = new H264PayloadFormat().containerTrack(H264PayloadFormat.mediaFormat(96, HEX.parseHex(SPS),
                HEX.parseHex(PPS)), stream).orElseThrow();

        assertThat(track.width()).isEqualTo(704);
        assertThat(track.sps()).extracting(HEX::formatHex).containsExactly(SPS);
        assertThat(track.pps()).extracting(HEX::formatHex).containsExactly(PPS);
    }
}
