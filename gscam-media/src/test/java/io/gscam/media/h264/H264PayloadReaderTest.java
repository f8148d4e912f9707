package io.gscam.media.h264;

import io.gscam.media.MediaSample;
import io.gscam.protocol.rtp.RtpPacket;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Byte-level fixtures, in the manner of androidx media3's RtpH264ReaderTest. */
class H264PayloadReaderTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String SPS = "6742e01eda02c0f440";
    private static final String PPS = "68ce30a480";

    private final List<MediaSample> samples = new ArrayList<>();

    private static RtpPacket packet(int seq, long ts, boolean marker, String payloadHex) {
        return RtpPacket.builder().payloadType(96).ssrc(0x1234).sequenceNumber(seq).timestamp(ts).marker(marker)
                .payload(HEX.parseHex(payloadHex.replace(" ", ""))).build();
    }

    private static String annexB(String... units) {
        StringBuilder sb = new StringBuilder();
        for (String u : units) {
            sb.append("00000001").append(u);
        }
        return sb.toString();
    }

    private H264PayloadReader reader() {
        return new H264PayloadReader(samples::add);
    }

    private List<String> data() {
        return samples.stream().map(s -> HEX.formatHex(s.data())).toList();
    }

    @Test
    void consume_singleNalUnitPacket_outputsAnnexBSample() {
        H264PayloadReader r = reader();

        r.consume(packet(10, 9000, true, "41 9a0102"));

        assertThat(samples).containsExactly(MediaSample.video(9000, HEX.parseHex(annexB("419a0102")), false));
        assertThat(r.droppedSamples()).isZero();
    }

    @Test
    void consume_stapA_outputsEveryAggregatedUnit() {
        H264PayloadReader r = reader();

        r.consume(packet(1, 0, false, "78 0009 " + SPS + " 0005 " + PPS));
        r.consume(packet(2, 0, true, "65 8801"));

        assertThat(data()).containsExactly(annexB(SPS, PPS, "658801"));
        assertThat(samples.get(0).keyframe()).isTrue();
        assertThat(r.parameterSets()).hasValueSatisfying(ps -> {
            assertThat(ps.sps()).isEqualTo(NalUnit.ofHex(SPS));
            assertThat(ps.pps()).isEqualTo(NalUnit.ofHex(PPS));
        });
    }

    @Test
    void consume_stapAWithTrailingZeroSize_ignoresThePadding() {
        H264PayloadReader r = reader();

        r.consume(packet(1, 0, true, "78 0002 0910 0000"));

        assertThat(data()).containsExactly(annexB("0910"));
        assertThat(r.rejectedPackets()).isZero();
    }

    @Test
    void consume_fuAStartMiddleEnd_rebuildsTheUnit() {
        H264PayloadReader r = reader();

        r.consume(packet(100, 3000, false, "7c85 0102"));
        r.consume(packet(101, 3000, false, "7c05 0304"));
        r.consume(packet(102, 3000, true, "7c45 05"));

        assertThat(data()).containsExactly(annexB("650102030405"));
        assertThat(samples.get(0).keyframe()).isTrue();
        assertThat(samples.get(0).rtpTimestamp()).isEqualTo(3000);
    }

    @Test
    void consume_fuA_rebuildsHeaderFromIndicatorFAndNriAndFuHeaderType() {
        H264PayloadReader r = reader();
        r.consume(packet(1, 0, false, "dc81 aa"));
        r.consume(packet(2, 0, true, "dc41 bb"));

        assertThat(data()).containsExactly(annexB("c1aabb"));
    }

    @Test
    void consume_fuAOverSequenceWraparound_rebuildsTheUnit() {
        H264PayloadReader r = reader();

        r.consume(packet(65535, 0, false, "5c81 0102"));
        r.consume(packet(0, 0, true, "5c41 03"));

        assertThat(data()).containsExactly(annexB("41010203"));
        assertThat(r.lostPackets()).isZero();
    }

    @Test
    void consume_interruptedFragmentationUnit_discardsSample() {
        H264PayloadReader r = reader();

        r.consume(packet(100, 3000, false, "7c85 0102"));
        // 101 lost
        r.consume(packet(102, 3000, true, "7c45 05"));
        r.consume(packet(103, 6000, true, "41 9a"));

        assertThat(data()).containsExactly(annexB("419a"));
        assertThat(r.droppedSamples()).isEqualTo(1);
        assertThat(r.lostPackets()).isEqualTo(1);
    }

    @Test
    void consume_fuAStartWithoutEndThenNewTimestamp_discardsSample() {
        H264PayloadReader r = reader();

        r.consume(packet(1, 3000, false, "7c85 0102"));
        r.consume(packet(2, 6000, true, "41 9a")); // no gap, but the FU-A never ended

        assertThat(data()).containsExactly(annexB("419a"));
        assertThat(r.droppedSamples()).isEqualTo(1);
    }

    @Test
    void consume_fuAMiddleWithoutStart_discardsSample() {
        H264PayloadReader r = reader();

        r.consume(packet(5, 3000, false, "7c05 0304"));
        r.consume(packet(6, 3000, true, "7c45 05"));
        r.consume(packet(7, 6000, true, "41 9a"));

        assertThat(data()).containsExactly(annexB("419a"));
        assertThat(r.droppedSamples()).isEqualTo(1);
    }

    @Test
    void consume_lostPacketBetweenAccessUnits_dropsTheAccessUnitItMayHaveStarted() {
        H264PayloadReader r = reader();

        r.consume(packet(1, 3000, true, "41 01"));
        // 2 lost: it may have been the first slice of the access unit at 6000
        r.consume(packet(3, 6000, true, "41 02"));
        r.consume(packet(4, 9000, true, "41 03"));

        assertThat(data()).containsExactly(annexB("4101"), annexB("4103"));
        assertThat(r.droppedSamples()).isEqualTo(1);
        assertThat(r.lostPackets()).isEqualTo(1);
    }

    @Test
    void consume_lostMarkerPacket_dropsBothNeighbouringAccessUnits() {
        H264PayloadReader r = reader();

        r.consume(packet(1, 3000, false, "41 01"));
        // 2 (the end of 3000, marker) lost
        r.consume(packet(3, 6000, true, "41 02"));
        r.consume(packet(4, 9000, true, "41 03"));

        assertThat(data()).containsExactly(annexB("4103"));
        assertThat(r.droppedSamples()).isEqualTo(2);
    }

    @Test
    void consume_markerEndsAccessUnit_multipleSlicesOneSample() {
        H264PayloadReader r = reader();

        r.consume(packet(1, 3000, false, "09 10"));
        r.consume(packet(2, 3000, false, "41 01"));
        r.consume(packet(3, 3000, true, "01 02"));

        assertThat(data()).containsExactly(annexB("0910", "4101", "0102"));
    }

    @Test
    void consume_noMarkerBit_timestampChangeEndsAccessUnit() {
        H264PayloadReader r = reader();

        r.consume(packet(1, 3000, false, "41 01"));
        r.consume(packet(2, 3000, false, "01 02"));
        r.consume(packet(3, 6000, false, "41 03"));

        assertThat(data()).containsExactly(annexB("4101", "0102"));
        assertThat(samples.get(0).rtpTimestamp()).isEqualTo(3000);
        assertThat(r.droppedSamples()).isZero();
    }

    @Test
    void consume_duplicatePacket_isIgnored() {
        H264PayloadReader r = reader();

        r.consume(packet(1, 3000, false, "41 01"));
        r.consume(packet(1, 3000, false, "41 01"));
        r.consume(packet(2, 3000, true, "01 02"));

        assertThat(data()).containsExactly(annexB("4101", "0102"));
        assertThat(r.rejectedPackets()).isEqualTo(1);
    }

    @Test
    void consume_fuBAndMtap_areRejectedAndTheirAccessUnitDropped() {
        H264PayloadReader r = reader();

        r.consume(packet(1, 3000, true, "7d85 0001 02")); // FU-B
        r.consume(packet(2, 6000, true, "7a 0001 000000 0002 4101")); // MTAP16
        r.consume(packet(3, 9000, true, "41 03"));

        assertThat(data()).containsExactly(annexB("4103"));
        assertThat(r.rejectedPackets()).isEqualTo(2);
        assertThat(r.droppedSamples()).isEqualTo(2);
    }

    @Test
    void consume_undefinedType30_isIgnoredWithoutBreakingTheAccessUnit() {
        H264PayloadReader r = reader();

        r.consume(packet(1, 3000, false, "41 01"));
        r.consume(packet(2, 3000, true, "1e ffff"));

        assertThat(data()).containsExactly(annexB("4101"));
        assertThat(r.rejectedPackets()).isEqualTo(1);
    }

    @Test
    void consume_malformedStapA_discardsSample() {
        H264PayloadReader r = reader();

        r.consume(packet(1, 3000, true, "78 0010 6742")); // says 16 bytes, carries 2
        r.consume(packet(2, 6000, true, "78 00")); // a size field cut in half

        assertThat(samples).isEmpty();
        assertThat(r.droppedSamples()).isEqualTo(2);
        assertThat(r.rejectedPackets()).isEqualTo(2);
    }

    @Test
    void consume_fuAWithStartAndEndBits_isRejected() {
        H264PayloadReader r = reader();

        r.consume(packet(1, 3000, true, "7cc5 0102"));

        assertThat(samples).isEmpty();
        assertThat(r.droppedSamples()).isEqualTo(1);
    }

    @Test
    void consume_nalUnitWithAStartCodeInside_discardsSample() {
        // 00 00 01 inside a unit cannot occur in valid H.264 (7.4.1); written as Annex-B it would read
        // as a non-IDR unit 41 and an IDR unit 65, so the sample would lie about its keyframe flag.
        H264PayloadReader r = reader();

        r.consume(packet(1, 0, true, "41 000001 65 88"));
        r.consume(packet(2, 3000, true, "78 0005 41000001 65 0002 419a"));
        r.consume(packet(3, 6000, true, "41 9a"));

        assertThat(data()).containsExactly(annexB("419a"));
        assertThat(r.droppedSamples()).isEqualTo(2);
        assertThat(r.rejectedPackets()).isEqualTo(2);
    }

    @Test
    void consume_nalUnitWithTrailingZeroBytes_dropsTheZeros() {
        H264PayloadReader r = reader();

        r.consume(packet(1, 0, true, "65 8801 0000"));
        r.consume(packet(2, 3000, false, "5c81 9a00"));
        r.consume(packet(3, 3000, true, "5c41 02 00"));

        assertThat(data()).containsExactly(annexB("658801"), annexB("419a0002"));
        assertThat(samples.get(0).keyframe()).isTrue();
        assertThat(r.droppedSamples()).isZero();
    }

    @Test
    void consume_stapAUnitOfZerosOnly_discardsSample() {
        H264PayloadReader r = reader();

        r.consume(packet(1, 0, true, "78 0002 0000"));
        r.consume(packet(2, 3000, true, "41 9a"));

        assertThat(data()).containsExactly(annexB("419a"));
        assertThat(r.droppedSamples()).isEqualTo(1);
    }

    @Test
    void consume_emptyPayload_discardsSample() {
        H264PayloadReader r = reader();

        r.consume(packet(1, 3000, true, ""));

        assertThat(samples).isEmpty();
        assertThat(r.droppedSamples()).isEqualTo(1);
    }

    @Test
    void consume_accessUnitAboveTheLimit_isDropped() {
        H264PayloadReader r = new H264PayloadReader(samples::add, H264PayloadReader.LossRecovery.NEXT_ACCESS_UNIT, 16, List.of());

        r.consume(packet(1, 3000, false, "7c85 0102030405060708"));
        r.consume(packet(2, 3000, true, "7c45 0102030405060708"));
        r.consume(packet(3, 6000, true, "41 01"));

        assertThat(data()).containsExactly(annexB("4101"));
        assertThat(r.droppedSamples()).isEqualTo(1);
    }

    @Test
    void consume_nextKeyframeRecovery_skipsUntilIdr() {
        H264PayloadReader r = new H264PayloadReader(samples::add, H264PayloadReader.LossRecovery.NEXT_KEYFRAME,
                H264PayloadReader.DEFAULT_MAX_ACCESS_UNIT_SIZE, List.of());

        r.consume(packet(1, 3000, true, "65 01"));
        r.consume(packet(2, 6000, false, "41 02"));
        // 3 lost
        r.consume(packet(4, 9000, true, "41 04"));
        r.consume(packet(5, 12000, true, "41 05"));
        r.consume(packet(6, 15000, true, "65 06"));

        assertThat(data()).containsExactly(annexB("6501"), annexB("6506"));
        assertThat(r.droppedSamples()).isEqualTo(3);
    }

    @Test
    void consume_nextAccessUnitRecovery_resumesWithoutKeyframe() {
        H264PayloadReader r = reader();

        r.consume(packet(1, 3000, true, "65 01"));
        r.consume(packet(2, 6000, false, "41 02"));
        // 3 lost
        r.consume(packet(4, 9000, true, "41 04"));
        r.consume(packet(5, 12000, true, "41 05"));

        assertThat(data()).containsExactly(annexB("6501"), annexB("4105"));
    }

    @Test
    void parameterSets_latestWins_andSeedFromConstructor() {
        H264PayloadReader r = new H264PayloadReader(samples::add, H264PayloadReader.LossRecovery.NEXT_ACCESS_UNIT,
                H264PayloadReader.DEFAULT_MAX_ACCESS_UNIT_SIZE, List.of(NalUnit.ofHex(SPS), NalUnit.ofHex(PPS)));
        assertThat(r.parameterSets()).map(ParameterSets::toAnnexB).hasValueSatisfying(
                b -> assertThat(HEX.formatHex(b)).isEqualTo(annexB(SPS, PPS)));

        r.consume(packet(1, 0, true, "68 eeee"));

        assertThat(r.parameterSets()).map(ParameterSets::pps).contains(NalUnit.ofHex("68eeee"));
        assertThat(reader().parameterSets()).isEmpty();
    }

    @Test
    void consume_accessUnitsLargerThanTheFirstBuffer_comeOutWhole_andSmallerOnesAfterThemExact() {
        H264PayloadReader r = reader();
        java.util.Random random = new java.util.Random(13);
        byte[] big = new byte[100_000]; // past the reader's first 16 KiB buffer: it grows, then is reused
        random.nextBytes(big);
        big[0] = 0x65;
        for (int i = 1; i < big.length; i++) {
            big[i] = (byte) Math.max(2, big[i] & 0xFF); // no start code inside, no trailing zero
        }
        int seq = 1;
        int chunk = 1400;
        for (int at = 1; at < big.length; at += chunk) {
            int end = Math.min(big.length, at + chunk);
            int fuHeader = (at == 1 ? 0x80 : 0) | (end == big.length ? 0x40 : 0) | 5;
            r.consume(packet(seq++, 3000, end == big.length,
                    String.format("7c%02x", fuHeader) + HEX.formatHex(big, at, end)));
        }
        r.consume(packet(seq++, 6000, false, "41 9a"));
        r.consume(packet(seq, 6000, true, "41 9b"));

        assertThat(data()).containsExactly(annexB(HEX.formatHex(big)), annexB("419a", "419b"));
        assertThat(samples.get(0).keyframe()).isTrue();
        assertThat(samples.get(1).keyframe()).isFalse();
    }
}
