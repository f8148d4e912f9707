package io.gscam.media.h264;

import io.gscam.media.MediaSample;
import io.gscam.media.rtp.RtpPayload;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class H264PayloadWriterTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    @Test
    void fragment_smallUnit_goesAsSingleNalUnitPacket() {
        FuAFragmenter f = new FuAFragmenter(4);

        assertThat(f.fragment(NalUnit.ofHex("6501020304"))).containsExactly(hex("6501020304"));
    }

    @Test
    void fragment_largeUnit_becomesFuAStartMiddleEnd() {
        FuAFragmenter f = new FuAFragmenter(4);

        List<byte[]> parts = f.fragment(NalUnit.ofHex("65 01020304 05060708 09"));

        // FU indicator: F|NRI of 0x65 (0x60) | 28 = 0x7c; FU header: S/E | type 5
        assertThat(parts).containsExactly(hex("7c85 01020304"), hex("7c05 05060708"), hex("7c45 09"));
    }

    @Test
    void fragment_exactMultiple_hasNoEmptyLastFragment() {
        List<byte[]> parts = new FuAFragmenter(2).fragment(NalUnit.ofHex("41 0102 0304"));

        assertThat(parts).containsExactly(hex("5c81 0102"), hex("5c41 0304"));
    }

    @Test
    void fragment_defaultSize_isTheSpecs1024BytesOfNalPayload() {
        byte[] unit = new byte[1 + 2500];
        unit[0] = 0x65;
        List<byte[]> parts = new FuAFragmenter().fragment(new NalUnit(unit));

        assertThat(parts).extracting(p -> p.length).containsExactly(2 + 1024, 2 + 1024, 2 + 452);
        assertThat(new FuAFragmenter().fitsWhole(new NalUnit(new byte[1025]))).isTrue();
        assertThat(new FuAFragmenter().fitsWhole(new NalUnit(new byte[1026]))).isFalse();
    }

    @Test
    void fragmenter_rejectsNonPositiveSize() {
        assertThatThrownBy(() -> new FuAFragmenter(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void payloads_accessUnit_markerOnlyOnLastPacket() {
        H264PayloadWriter w = new H264PayloadWriter(4, false);
        MediaSample au = MediaSample.video(3000, hex("00000001 6742e01e 00000001 68ce30 00000001 65 01020304 05"), true);

        List<RtpPayload> payloads = w.payloads(au);

        assertThat(payloads).extracting(p -> HEX.formatHex(p.bytes()))
                .containsExactly("6742e01e", "68ce30", "7c8501020304", "7c4505");
        assertThat(payloads).extracting(RtpPayload::marker).containsExactly(false, false, false, true);
    }

    @Test
    void payloads_withAggregation_putsSpsAndPpsInOneStapA() {
        H264PayloadWriter w = new H264PayloadWriter(16, true);
        MediaSample au = MediaSample.video(0, hex("00000001 6742e01e 00000001 68ce30 00000001 65" + "11".repeat(40)), true);

        List<RtpPayload> payloads = w.payloads(au);

        // STAP-A header carries the highest NRI of its units (3 from 0x67 and 0x68)
        assertThat(HEX.formatHex(payloads.get(0).bytes())).isEqualTo("78" + "0004" + "6742e01e" + "0003" + "68ce30");
        assertThat(payloads.get(1).bytes()[0]).isEqualTo((byte) 0x7c);
        assertThat(payloads).hasSize(1 + 3);
        assertThat(payloads.get(payloads.size() - 1).marker()).isTrue();
    }

    @Test
    void payloads_aggregationOff_byDefault() {
        List<RtpPayload> payloads = new H264PayloadWriter().payloads(MediaSample.video(0, hex("00000001 6742 00000001 68ce"), false));

        assertThat(payloads).extracting(p -> HEX.formatHex(p.bytes())).containsExactly("6742", "68ce");
    }

    @Test
    void payloads_emptyAccessUnit_yieldsNothing() {
        assertThat(new H264PayloadWriter().payloads(MediaSample.video(0, new byte[0], false))).isEmpty();
    }
}
