package io.gscam.protocol.rtp;

import io.gscam.protocol.ParseException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.testkit.Generators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtpPacketTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void parse_h264FuAPacket_readsEveryHeaderField() throws Exception {
        // V=2, M=1, PT=96, seq=0x1234, ts=0x00015F90 (90000), ssrc=0xDEADBEEF, payload FU-A end fragment
        RtpPacket p = RtpPacket.parse(HEX.parseHex("80e0123400015f90deadbeef7c45aabb"));
        assertThat(p.marker()).isTrue();
        assertThat(p.payloadType()).isEqualTo(96);
        assertThat(p.sequenceNumber()).isEqualTo(0x1234);
        assertThat(p.timestamp()).isEqualTo(90000);
        assertThat(p.ssrc()).isEqualTo(0xDEADBEEFL);
        assertThat(p.payload()).isEqualTo(HEX.parseHex("7c45aabb"));
        assertThat(HEX.formatHex(p.toBytes())).isEqualTo("80e0123400015f90deadbeef7c45aabb");
    }

    @Test
    void parse_csrcExtensionAndPadding_stripsPaddingAndKeepsTheRest() throws Exception {
        // X=1, P=1, CC=1; CSRC 0x01020304; extension profile 0xBEDE with 1 word; payload aa; 3 bytes padding
        byte[] in = HEX.parseHex("b1000001" + "00000002" + "00000003" + "01020304" + "bede0001" + "11223344" + "aa" + "000003");
        RtpPacket p = RtpPacket.parse(in);
        assertThat(p.csrcs()).containsExactly(0x01020304L);
        assertThat(p.extension()).isEqualTo(new RtpHeaderExtension(0xBEDE, HEX.parseHex("11223344")));
        assertThat(p.payload()).isEqualTo(HEX.parseHex("aa"));
        assertThat(HEX.formatHex(p.toBytes())).isEqualTo("91000001" + "00000002" + "00000003" + "01020304" + "bede0001" + "11223344" + "aa");
    }

    @Test
    void parseBorrowed_readsWhatParseReads_andOnlyADetachedPacketOutlivesItsBytes() throws Exception {
        // Inside a larger array, as a decoder's reused one: two bytes before, padding and one byte after.
        byte[] in = HEX.parseHex("ffff" + "b1e01234" + "00015f90" + "deadbeef" + "01020304" + "bede0001" + "11223344"
                + "7c45aabb" + "000003" + "ee");
        RtpPacket owned = RtpPacket.parse(in, 2, in.length - 3);
        RtpPacket borrowed = RtpPacket.parseBorrowed(in, 2, in.length - 3);

        assertThat(borrowed).isEqualTo(owned).hasSameHashCodeAs(owned).hasToString(owned.toString());
        assertThat(borrowed.payload()).isEqualTo(HEX.parseHex("7c45aabb"));
        assertThat(borrowed.payloadLength()).isEqualTo(4);
        assertThat(borrowed.payloadByte(1)).isEqualTo((byte) 0x45);
        assertThatThrownBy(() -> borrowed.payloadByte(4)).isInstanceOf(IndexOutOfBoundsException.class);
        byte[] copied = new byte[5];
        borrowed.copyPayload(1, copied, 2, 3);
        assertThat(copied).isEqualTo(HEX.parseHex("000045aabb"));
        assertThatThrownBy(() -> borrowed.copyPayload(2, copied, 0, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(borrowed.toBytes()).isEqualTo(owned.toBytes());
        assertThat(borrowed.toBuilder().build()).isEqualTo(owned);
        assertThat(owned.detach()).isSameAs(owned);
        RtpPacket detached = borrowed.detach();

        in[26] = 0x00; // the caller reuses its array: the payload's first byte changes
        assertThat(borrowed.payloadByte(0)).isZero();
        assertThat(borrowed).isNotEqualTo(owned);
        assertThat(detached).isEqualTo(owned);
        assertThat(detached.payload()).isEqualTo(HEX.parseHex("7c45aabb"));
    }

    @Test
    void parse_wrongVersion_raisesParseError() {
        assertThatThrownBy(() -> RtpPacket.parse(HEX.parseHex("40e0123400015f90deadbeef")))
                .isInstanceOf(ParseException.class).hasMessageContaining("version 1");
    }

    @Test
    void parse_paddingLongerThanPayload_raisesParseError() {
        assertThatThrownBy(() -> RtpPacket.parse(HEX.parseHex("a0e0123400015f90deadbeef0009")))
                .isInstanceOf(ParseException.class).hasMessageContaining("padding");
    }

    @Test
    void build_sequenceOutOfRange_isRejected() {
        assertThatThrownBy(() -> RtpPacket.builder().sequenceNumber(65536).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = Generators.NAME)
    @MethodSource("packets")
    void parseOfToBytes_isIdentity(RtpPacket packet) throws Exception {
        assertThat(RtpPacket.parse(packet.toBytes())).isEqualTo(packet);
    }

    /** Also: borrowed from inside a larger array, the same packet or the same error. */
    @FuzzTest
    void arbitraryBytes_parseOrRaiseParseError(byte[] bytes) {
        byte[] inside = new byte[bytes.length + 3];
        System.arraycopy(bytes, 0, inside, 1, bytes.length);
        inside[0] = (byte) 0x80;
        inside[inside.length - 1] = 0x01;
        try {
            RtpPacket p = RtpPacket.parse(bytes);
            assertThat(p.size()).isLessThanOrEqualTo(bytes.length);
            RtpPacket borrowed = RtpPacket.parseBorrowed(inside, 1, bytes.length);
            assertThat(borrowed).isEqualTo(p);
            assertThat(borrowed.toBytes()).isEqualTo(p.toBytes());
            assertThat(borrowed.detach().payload()).isEqualTo(p.payload());
        } catch (ParseException expected) {
            assertThat(expected.reason()).isNotBlank();
            assertThatThrownBy(() -> RtpPacket.parseBorrowed(inside, 1, bytes.length))
                    .isInstanceOf(ParseException.class).hasMessage(expected.getMessage());
        }
    }

    static Stream<RtpPacket> packets() {
        return Generators.cases(1000, r -> {
            RtpHeaderExtension ext = r.nextBoolean() ? null : new RtpHeaderExtension(Generators.between(r, 0, 0xFFFF), words(r));
            long[] csrcs = new long[Generators.size(r, 0, 15)];
            for (int i = 0; i < csrcs.length; i++) {
                csrcs[i] = Generators.between(r, 0L, 0xFFFFFFFFL);
            }
            return RtpPacket.builder().marker(r.nextBoolean()).payloadType(Generators.between(r, 0, 127))
                    .sequenceNumber(Generators.between(r, 0, 65535)).timestamp(Generators.between(r, 0L, 0xFFFFFFFFL))
                    .ssrc(Generators.between(r, 0L, 0xFFFFFFFFL)).csrcs(csrcs).extension(ext)
                    .payload(Generators.bytes(r, 0, 1500)).build();
        });
    }

    /** A header extension body: zero to four 32-bit words. */
    private static byte[] words(SplittableRandom r) {
        int n = Generators.between(r, 0, 4) * 4;
        return Generators.bytes(r, n, n);
    }
}
