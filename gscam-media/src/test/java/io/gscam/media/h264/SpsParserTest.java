package io.gscam.media.h264;

import io.gscam.protocol.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Base64;
import java.util.HexFormat;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpsParserTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    /**
     * The spec's sprop-parameter-sets SPS. Bit by bit after 67 42 e0 1e (Baseline, constraint_set0..2,
     * level 3.0): sps_id ue=0, log2_max_frame_num_minus4 ue=0, pic_order_cnt_type ue=2,
     * max_num_ref_frames ue=1, gaps 0, pic_width_in_mbs_minus1 ue=43 (44*16 = 704),
     * pic_height_in_map_units_minus1 ue=29 (30*16 = 480), frame_mbs_only 1, direct_8x8 0, no cropping,
     * no VUI, then the stop bit. ffmpeg's trace_headers bitstream filter reads the same values.
     */
    @Test
    void parse_specSpropSps_is704x480BaselineLevel30WithoutTiming() throws ParseException {
        SequenceParameterSet sps = SpsParser.parse(Base64.getDecoder().decode("Z0LgHtoCwPRA"));

        assertThat(sps.profileIdc()).isEqualTo(66);
        assertThat(sps.constraintFlags()).isEqualTo(0xe0);
        assertThat(sps.constraintSet(0)).isTrue();
        assertThat(sps.constraintSet(2)).isTrue();
        assertThat(sps.constraintSet(3)).isFalse();
        assertThat(sps.levelIdc()).isEqualTo(30);
        assertThat(sps.seqParameterSetId()).isZero();
        assertThat(sps.chromaFormatIdc()).isEqualTo(1);
        assertThat(sps.width()).isEqualTo(704);
        assertThat(sps.height()).isEqualTo(480);
        assertThat(sps.frameMbsOnly()).isTrue();
        assertThat(sps.frameRate()).isEqualTo(OptionalDouble.empty());
        assertThat(sps.profileLevelId()).isEqualTo("42e01e");
    }

    /** SPS written by libx264 (ffmpeg -f lavfi -i testsrc=size=WxH:rate=R -pix_fmt P -c:v libx264 -f h264), checked with ffprobe. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "High 704x480 30fps,          6764001eacd940b03db0110000030001000003003c0f162d96,     100, 1, 704,  480,  true,  30",
            "High 1920x1080 25fps cropped, 67640028acd940780227e5c044000003000400000300c83c60c658, 100, 1, 1920, 1080, true,  25",
            "High 4:4:4 352x240 15fps,    67f4000c919b282c3f60220000030002000003003c1e28532c,     244, 3, 352,  240,  true,  15",
            "Constrained Baseline 352x240, 6742c00cd90161fb0110000003001000000301e0f142a480,       66,  1, 352,  240,  true,  15",
            "High interlaced 704x480,     6764001eacd940b07b6022000003000200000300783e28532c,     100, 1, 704,  480,  false, 30",
    })
    void parse_libx264Sps(String name, String hex, int profile, int chroma, int width, int height, boolean frameMbsOnly,
                          double fps) throws ParseException {
        SequenceParameterSet sps = SpsParser.parse(hex(hex));

        assertThat(sps.profileIdc()).isEqualTo(profile);
        assertThat(sps.chromaFormatIdc()).isEqualTo(chroma);
        assertThat(sps.width()).isEqualTo(width);
        assertThat(sps.height()).isEqualTo(height);
        assertThat(sps.frameMbsOnly()).isEqualTo(frameMbsOnly);
        assertThat(sps.frameRate()).hasValue(fps);
    }

    @Test
    void parse_nalUnitOverload_andParameterSetsView() throws ParseException {
        ParameterSets ps = new ParameterSets(NalUnit.ofHex("6742e01eda02c0f440"), NalUnit.ofHex("68ce30a480"));

        assertThat(ps.parseSps().width()).isEqualTo(704);
        assertThat(SpsParser.parse(ps.sps()).height()).isEqualTo(480);
    }

    @Test
    void parse_truncatedSps_throwsParseException() {
        byte[] full = hex("6764001eacd940b03db0110000030001000003003c0f162d96");
        for (int length = 0; length < 12; length++) {
            byte[] cut = java.util.Arrays.copyOf(full, length);
            assertThatThrownBy(() -> SpsParser.parse(cut)).as("length %d", length).isInstanceOf(ParseException.class);
        }
    }

    @Test
    void parse_notAnSps_throwsParseException() {
        assertThatThrownBy(() -> SpsParser.parse(hex("68ce30a480")))
                .isInstanceOf(ParseException.class).hasMessageContaining("type 8");
    }

    @Test
    void parse_spsIdAbove31_throwsParseException() {
        // ue(v) 32 = 00000 100001: id out of range
        assertThatThrownBy(() -> SpsParser.parse(hex("6742e01e" + "0420" + "ff")))
                .isInstanceOf(ParseException.class).hasMessageContaining("seq_parameter_set_id");
    }

    @Test
    void parse_exhaustedExpGolombPrefix_throwsParseException() {
        assertThatThrownBy(() -> SpsParser.parse(hex("6742e01e" + "0000000000")))
                .isInstanceOf(ParseException.class);
    }

    @Test
    void parse_croppingLargerThanPicture_throwsParseException() {
        // Baseline, id 0, frame_num 0, poc 2, ref 1, gaps 0, width_mbs-1 = 0, height-1 = 0, frame_mbs 1,
        // direct 0, cropping 1 with left = 8 (ue 0001001): 16 - 2*8 = 0 px wide
        String bits = "1" + "1" + "011" + "010" + "0" + "1" + "1" + "1" + "0" + "1" + "0001001" + "1" + "1" + "1" + "0" + "1";
        assertThatThrownBy(() -> SpsParser.parse(withHeader("6742e01e", bits)))
                .isInstanceOf(ParseException.class).hasMessageContaining("cropping");
    }

    private static byte[] withHeader(String headerHex, String bits) {
        while (bits.length() % 8 != 0) {
            bits += "0";
        }
        byte[] head = hex(headerHex);
        byte[] out = java.util.Arrays.copyOf(head, head.length + bits.length() / 8);
        for (int i = 0; i < bits.length() / 8; i++) {
            out[head.length + i] = (byte) Integer.parseInt(bits.substring(i * 8, i * 8 + 8), 2);
        }
        return out;
    }
}
