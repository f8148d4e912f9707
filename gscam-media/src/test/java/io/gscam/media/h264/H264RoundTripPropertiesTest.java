package io.gscam.media.h264;

import io.gscam.media.MediaSample;
import io.gscam.media.rtp.RtpStreamPacketizer;
import io.gscam.protocol.rtp.RtpPacket;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class H264RoundTripPropertiesTest {
    private static final int[] TYPES = {NalUnit.TYPE_SLICE, NalUnit.TYPE_IDR, NalUnit.TYPE_SEI, NalUnit.TYPE_SPS,
            NalUnit.TYPE_PPS, NalUnit.TYPE_AUD, 2, 12, 20};

    /** NAL unit types that are the header byte alone (H.264 7.3.2.5, 7.3.2.6): end of sequence, end of stream. */
    private static final int[] HEADER_ONLY_TYPES = {10, 11};

    /**
     * A valid NAL unit of {@code size} bytes of RBSP (plus its escapes): many zero bytes, so emulation
     * prevention is exercised, and a non-zero last byte, as rbsp_trailing_bits guarantee. Size 0 is the
     * smallest NAL unit there is, a 1-byte end of sequence or end of stream.
     */
    private static NalUnit nal(int size, long seed) {
        Random random = new Random(seed);
        if (size == 0) {
            return new NalUnit(new byte[] {(byte) HEADER_ONLY_TYPES[random.nextInt(HEADER_ONLY_TYPES.length)]});
        }
        byte[] rbsp = new byte[size];
        for (int i = 0; i < size; i++) {
            rbsp[i] = random.nextInt(3) == 0 ? 0 : (byte) random.nextInt(256);
        }
        rbsp[size - 1] = (byte) 0x80;
        byte[] escaped = Rbsp.escape(rbsp);
        byte[] unit = new byte[1 + escaped.length];
        unit[0] = (byte) ((random.nextInt(4) << 5) | TYPES[random.nextInt(TYPES.length)]);
        System.arraycopy(escaped, 0, unit, 1, escaped.length);
        return new NalUnit(unit);
    }

    @Provide
    Arbitrary<NalUnit> largeNals() {
        return Combinators.combine(Arbitraries.integers().between(0, 500 * 1024), Arbitraries.longs())
                .as(H264RoundTripPropertiesTest::nal);
    }

    @Provide
    Arbitrary<List<NalUnit>> accessUnits() {
        Arbitrary<NalUnit> small = Combinators.combine(
                        Arbitraries.integers().between(0, 3000).withDistribution(net.jqwik.api.RandomDistribution.biased()),
                        Arbitraries.longs())
                .as(H264RoundTripPropertiesTest::nal);
        return small.list().ofMinSize(1).ofMaxSize(12);
    }

    private static List<MediaSample> roundTrip(List<MediaSample> input, int fragmentSize, boolean aggregate, int firstSequence) {
        RtpStreamPacketizer packetizer = new RtpStreamPacketizer(new H264PayloadWriter(fragmentSize, aggregate), 96, 0x1234, firstSequence);
        List<MediaSample> output = new ArrayList<>();
        H264PayloadReader reader = new H264PayloadReader(output::add);
        for (MediaSample s : input) {
            for (RtpPacket p : packetizer.packetize(s)) {
                reader.consume(p);
            }
        }
        assertThat(reader.droppedSamples()).isZero();
        assertThat(reader.lostPackets()).isZero();
        return output;
    }

    private static MediaSample sample(long ts, List<NalUnit> units) {
        return MediaSample.video(ts, AnnexB.join(units), AnnexB.containsIdr(units));
    }

    /** The two ends of the size range, always, not only when the generator happens to pick them. */
    @Example
    void depacketizePacketize_oneByteAnd500KiBNalUnits_isIdentity() {
        NalUnit endOfSequence = nal(0, 1);
        NalUnit big = nal(500 * 1024, 2);
        assertThat(endOfSequence.size()).isEqualTo(1);
        assertThat(big.size()).isGreaterThan(500 * 1024);
        List<MediaSample> input = List.of(sample(0, List.of(endOfSequence)), sample(3000, List.of(big)),
                sample(6000, List.of(endOfSequence, big, endOfSequence)));

        assertThat(roundTrip(input, 1024, false, 65535)).isEqualTo(input);
        assertThat(roundTrip(input, 1024, true, 0)).isEqualTo(input);
    }

    @Property(tries = 60)
    void depacketizePacketize_singleNalOf1ByteTo500KiB_isIdentity(@ForAll("largeNals") NalUnit nal,
                                                                    @ForAll @IntRange(min = 1, max = 1500) int fragmentSize,
                                                                    @ForAll @IntRange(min = 0, max = 65535) int firstSequence) {
        List<MediaSample> input = List.of(sample(0, List.of(nal)), sample(3000, List.of(nal)));

        assertThat(roundTrip(input, fragmentSize, false, firstSequence)).isEqualTo(input);
    }

    @Property(tries = 300)
    void depacketizePacketize_multiNalAccessUnits_isIdentity(@ForAll @Size(min = 1, max = 6) List<@net.jqwik.api.From("accessUnits") List<NalUnit>> aus,
                                                              @ForAll @IntRange(min = 1, max = 1500) int fragmentSize,
                                                              @ForAll boolean aggregate,
                                                              @ForAll @IntRange(min = 65500, max = 65535) int firstSequence) {
        List<MediaSample> input = new ArrayList<>();
        long ts = 0xFFFF_F000L; // crosses the 32-bit timestamp wrap too
        for (List<NalUnit> au : aus) {
            input.add(sample(ts, au));
            ts = (ts + 3000) & 0xFFFFFFFFL;
        }

        assertThat(roundTrip(input, fragmentSize, aggregate, firstSequence)).isEqualTo(input);
    }

    @Property(tries = 500)
    void consume_arbitraryPayloads_neverThrowAndEmitOnlyAnnexB(@ForAll @Size(max = 40) List<@Size(max = 64) byte[]> payloads,
                                                               @ForAll long seed) {
        Random random = new Random(seed);
        List<MediaSample> output = new ArrayList<>();
        H264PayloadReader reader = new H264PayloadReader(output::add);
        int seq = random.nextInt(65536);
        long ts = 0;
        for (byte[] payload : payloads) {
            seq = (seq + (random.nextInt(8) == 0 ? random.nextInt(5) : 1)) & 0xFFFF;
            ts += random.nextInt(3) == 0 ? 3000 : 0;
            reader.consume(RtpPacket.builder().payloadType(96).sequenceNumber(seq).timestamp(ts & 0xFFFFFFFFL)
                    .marker(random.nextBoolean()).payload(payload).build());
        }

        assertThat(output.size() + reader.droppedSamples()).isLessThanOrEqualTo(payloads.size() + 1L);
        for (MediaSample s : output) {
            List<NalUnit> units = AnnexB.split(s.data());
            assertThat(units).isNotEmpty();
            assertThat(s.keyframe()).isEqualTo(AnnexB.containsIdr(units));
            assertThat(Arrays.copyOf(s.data(), 4)).containsExactly(0, 0, 0, 1);
        }
    }
}
