package io.gscam.media.h264;

import io.gscam.media.MediaSample;
import io.gscam.media.rtp.RtpStreamPacketizer;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.rtp.RtpPacket;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

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

    static Stream<Arguments> largeNals() {
        return Generators.arguments(60, r -> new Object[] {nal(Generators.between(r, 0, 500 * 1024), r.nextLong()),
                Generators.between(r, 1, 1500), Generators.between(r, 0, 65535)});
    }

    /** Sizes up to 3000, biased to small ones (a random bit length first), as most NAL units in a stream are. */
    private static List<NalUnit> accessUnit(SplittableRandom r) {
        return Generators.list(r, 1, 12, n -> {
            int bits = Generators.between(n, 0, 12);
            return nal(Math.min(3000, Generators.between(n, 0, (1 << bits) - 1)), n.nextLong());
        });
    }

    static Stream<Arguments> accessUnits() {
        return Generators.arguments(300, r -> new Object[] {Generators.list(r, 1, 6, H264RoundTripPropertiesTest::accessUnit),
                Generators.between(r, 1, 1500), r.nextBoolean(), Generators.between(r, 65500, 65535)});
    }

    private static List<MediaSample> roundTrip(List<MediaSample> input, int fragmentSize, boolean aggregate, int firstSequence) {
        RtpStreamPacketizer packetizer = new RtpStreamPacketizer(new H264PayloadWriter(fragmentSize, aggregate), 96, 0x1234, firstSequence);
        List<MediaSample> output = new ArrayList<>();
        H264PayloadReader reader = new H264PayloadReader(output::add);
        Receiver receiver = new Receiver();
        for (MediaSample s : input) {
            for (RtpPacket p : packetizer.packetize(s)) {
                receiver.hand(p, reader);
            }
        }
        assertThat(reader.droppedSamples()).isZero();
        assertThat(reader.lostPackets()).isZero();
        return output;
    }

    /**
     * Hands packets over as the client does: parsed {@link RtpPacket#parseBorrowed borrowed} from the
     * one array it reads into, which is overwritten (with start codes, the worst bytes to find in an
     * access unit) as soon as the reader returns. A reader that kept a packet, or read its payload
     * later, would give other samples.
     */
    private static final class Receiver {
        private byte[] scratch = new byte[2048];
        private int offset;

        void hand(RtpPacket packet, H264PayloadReader reader) {
            byte[] bytes = packet.toBytes();
            offset = (offset + 5) % 11; // never the same place twice running
            if (scratch.length < offset + bytes.length) {
                scratch = new byte[2 * (offset + bytes.length)];
            }
            System.arraycopy(bytes, 0, scratch, offset, bytes.length);
            try {
                reader.consume(RtpPacket.parseBorrowed(scratch, offset, bytes.length));
            } catch (ParseException e) {
                throw new AssertionError(e);
            }
            for (int i = offset; i < offset + bytes.length; i++) {
                scratch[i] = (byte) (i % 3 == 2 ? 1 : 0);
            }
        }
    }

    private static MediaSample sample(long ts, List<NalUnit> units) {
        return MediaSample.video(ts, AnnexB.join(units), AnnexB.containsIdr(units));
    }

    /** The two ends of the size range, always, not only when the generator happens to pick them. */
    @Test
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

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("largeNals")
    void depacketizePacketize_singleNalOf1ByteTo500KiB_isIdentity(NalUnit nal, int fragmentSize, int firstSequence) {
        List<MediaSample> input = List.of(sample(0, List.of(nal)), sample(3000, List.of(nal)));

        assertThat(roundTrip(input, fragmentSize, false, firstSequence)).isEqualTo(input);
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("accessUnits")
    void depacketizePacketize_multiNalAccessUnits_isIdentity(List<List<NalUnit>> aus, int fragmentSize, boolean aggregate,
                                                              int firstSequence) {
        List<MediaSample> input = new ArrayList<>();
        long ts = 0xFFFF_F000L; // crosses the 32-bit timestamp wrap too
        for (List<NalUnit> au : aus) {
            input.add(sample(ts, au));
            ts = (ts + 3000) & 0xFFFFFFFFL;
        }

        assertThat(roundTrip(input, fragmentSize, aggregate, firstSequence)).isEqualTo(input);
    }

    /**
     * The input is packets in {@link Generators#chunks} framing; the control byte sets the marker (bit 0), a
     * new timestamp (bit 1) and a sequence step of 1 or, when bits 2-4 (n) are not zero, n - 1 (repeats and losses).
     */
    @FuzzTest
    void consume_arbitraryPayloads_neverThrowAndEmitOnlyAnnexB(byte[] input) {
        List<Generators.Chunk> payloads = Generators.chunks(input);
        List<MediaSample> output = new ArrayList<>();
        H264PayloadReader reader = new H264PayloadReader(output::add);
        int seq = 65530;
        long ts = 0;
        for (Generators.Chunk payload : payloads) {
            int control = payload.control();
            int gap = (control >> 2) & 0x07;
            seq = (seq + (gap == 0 ? 1 : gap - 1)) & 0xFFFF;
            ts += (control & 2) != 0 ? 3000 : 0;
            reader.consume(RtpPacket.builder().payloadType(96).sequenceNumber(seq).timestamp(ts & 0xFFFFFFFFL)
                    .marker((control & 1) != 0).payload(payload.payload()).build());
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
