package io.gscam.media.jpeg;

import io.gscam.media.MediaSample;
import io.gscam.media.rtp.PayloadFormats;
import io.gscam.media.rtp.RtpPayload;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JpegPayloadWriterTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void registry_findsJpeg() {
        assertThat(PayloadFormats.standard().find("jpeg")).get().isInstanceOf(JpegPayloadFormat.class);
        assertThat(JpegPayloadFormat.STATIC_PAYLOAD_TYPE).isEqualTo(26);
    }

    @Test
    void payloads_704x480_420_firstCarriesQ255TablesThenFragmentsWithOffsets() throws Exception {
        byte[] jpeg = TestJpegs.jpeg(TestJpegs.pattern(704, 480, 1), 0x22, 0, 0.75f, false);
        JpegFrame frame = JpegFrame.parse(jpeg);

        List<RtpPayload> payloads = new JpegPayloadWriter().payloads(MediaSample.video(0, jpeg, true));

        byte[] first = payloads.get(0).bytes();
        // type-specific 0, offset 0, type 1, Q 255, 88x60 blocks; table header: MBZ, precision 0, 128 bytes
        assertThat(HEX.formatHex(first, 0, 12)).isEqualTo("00000000" + "01ff583c" + "00000080");
        assertThat(Arrays.copyOfRange(first, 12, 140)).isEqualTo(frame.quantizationTables());
        int offset = first.length - 140;
        for (int i = 1; i < payloads.size(); i++) {
            byte[] p = payloads.get(i).bytes();
            assertThat(HEX.formatHex(p, 0, 8)).isEqualTo("00" + String.format("%06x", offset) + "01ff583c");
            offset += p.length - 8;
        }
        assertThat(offset).isEqualTo(frame.scanLength());
        assertThat(payloads).extracting(RtpPayload::marker).containsOnlyOnce(true).last().isEqualTo(true);
    }

    @Test
    void payloads_restartInterval_type65WithUnalignedRestartHeaderInEveryPacket() throws Exception {
        byte[] jpeg = TestJpegs.jpeg(TestJpegs.pattern(352, 240, 2), 0x21, 5, 0.75f, false);

        List<RtpPayload> payloads = new JpegPayloadWriter().payloads(MediaSample.video(0, jpeg, true));

        for (RtpPayload p : payloads) {
            // type 64 + 0 (4:2:2), 44x30 blocks, then interval 5 with F=L=1 and count 0x3FFF
            assertThat(HEX.formatHex(p.bytes(), 4, 12)).isEqualTo("40ff2c1e" + "0005ffff");
        }
    }

    @Test
    void payloads_preferStandardQ_sendsImageIoQualityAsQWithoutTables() throws Exception {
        byte[] jpeg = TestJpegs.jpeg(TestJpegs.pattern(64, 48, 3), 0x22, 0, 0.75f, false);

        List<RtpPayload> payloads = new JpegPayloadWriter(1400, true).payloads(MediaSample.video(0, jpeg, true));

        // ImageIO scales Annex K tables as IJG does, which is RFC 2435 Appendix A: quality 0.75 is Q 75
        assertThat(HEX.formatHex(payloads.get(0).bytes(), 0, 8)).isEqualTo("00000000" + "014b0806");
        assertThat(payloads.get(0).bytes().length - 8).isEqualTo(JpegFrame.parse(jpeg).scanLength());
    }

    @Test
    void payloads_progressive_isRejectedWithReason() throws Exception {
        byte[] jpeg = TestJpegs.jpeg(TestJpegs.pattern(64, 48, 4), 0x22, 0, 0.75f, true);

        assertThatThrownBy(() -> new JpegPayloadWriter().payloads(MediaSample.video(0, jpeg, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("progressive");
    }

    @Test
    void payloads_444_isRejectedWithReason() throws Exception {
        byte[] jpeg = TestJpegs.jpeg(TestJpegs.pattern(64, 48, 5), 0x11, 0, 0.75f, false);

        assertThatThrownBy(() -> new JpegPayloadWriter().payloads(MediaSample.video(0, jpeg, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4:2:2 (2x1) and 4:2:0 (2x2) only");
    }

    @Test
    void payloads_widerThan2040_isRejectedWithReason() throws Exception {
        byte[] jpeg = TestJpegs.jpeg(TestJpegs.pattern(2048, 16, 6), 0x22, 0, 0.75f, false);

        assertThatThrownBy(() -> new JpegPayloadWriter().payloads(MediaSample.video(0, jpeg, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2040");
    }

    @Test
    void payloads_12bitSamples_isRejectedWithReason() throws Exception {
        byte[] jpeg = TestJpegs.jpeg(TestJpegs.pattern(64, 48, 7), 0x22, 0, 0.75f, false);
        int sof = HEX.formatHex(jpeg).indexOf("ffc0") / 2;
        jpeg[sof + 4] = 12;

        assertThatThrownBy(() -> new JpegPayloadWriter().payloads(MediaSample.video(0, jpeg, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("12-bit");
    }

    @Test
    void payloads_truncatedHeaders_isRejected() throws Exception {
        byte[] jpeg = TestJpegs.jpeg(TestJpegs.pattern(64, 48, 8), 0x22, 0, 0.75f, false);
        int sos = HEX.formatHex(jpeg).indexOf("ffda") / 2;
        for (int cut : new int[] {0, 1, 3, 30, sos - 5, sos + 3}) {
            byte[] truncated = Arrays.copyOf(jpeg, cut);
            assertThatThrownBy(() -> new JpegPayloadWriter().payloads(MediaSample.video(0, truncated, true)))
                    .as("cut at %d", cut).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void payloads_customHuffmanTables_isRejected() throws Exception {
        byte[] jpeg = TestJpegs.jpeg(TestJpegs.pattern(64, 48, 9), 0x22, 0, 0.75f, false);
        int dht = HEX.formatHex(jpeg).indexOf("ffc4") / 2;
        jpeg[dht + 5 + 16] ^= 1; // first symbol of the first table

        assertThatThrownBy(() -> new JpegPayloadWriter().payloads(MediaSample.video(0, jpeg, true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("standard");
    }
}
