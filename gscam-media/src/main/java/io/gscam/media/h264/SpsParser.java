package io.gscam.media.h264;

import io.gscam.protocol.ParseException;

import java.util.OptionalDouble;
import java.util.Set;

/**
 * Parses seq_parameter_set_rbsp (H.264 7.3.2.1.1) far enough to know the picture size and frame
 * rate: up to the VUI's timing_info, where the fields gscam needs end. Pure: bytes in, a
 * {@link SequenceParameterSet} out, or a {@link ParseException} naming the byte (of the RBSP, after
 * emulation prevention bytes are removed) where the unit stopped making sense.
 */
public final class SpsParser {
    /** Profiles whose SPS codes chroma_format_idc, bit depths and scaling matrices (7.3.2.1.1). */
    private static final Set<Integer> HIGH_PROFILES = Set.of(100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135);
    /** Generous: level 6.2 allows at most 139264 macroblocks per frame. */
    private static final int MAX_MBS_PER_SIDE = 16384;
    private static final int EXTENDED_SAR = 255;

    private SpsParser() {
    }

    public static SequenceParameterSet parse(NalUnit nal) throws ParseException {
        return parse(nal.bytes());
    }

    /** @param nal a whole SPS NAL unit, its 1-byte header first, as in Annex-B or sprop-parameter-sets */
    public static SequenceParameterSet parse(byte[] nal) throws ParseException {
        if (nal.length == 0) {
            throw new ParseException("empty NAL unit", 0);
        }
        int type = nal[0] & 0x1F;
        if (type != NalUnit.TYPE_SPS) {
            throw new ParseException("NAL unit type " + type + " is not a sequence parameter set (7)", 0);
        }
        BitReader r = new BitReader(Rbsp.unescape(nal, 1, nal.length));
        int profileIdc = r.readUnsigned8();
        int constraintFlags = r.readUnsigned8();
        int levelIdc = r.readUnsigned8();
        int spsId = r.readUe("seq_parameter_set_id", 31);

        int chromaFormatIdc = 1;
        boolean separateColourPlane = false;
        if (HIGH_PROFILES.contains(profileIdc)) {
            chromaFormatIdc = r.readUe("chroma_format_idc", 3);
            if (chromaFormatIdc == 3) {
                separateColourPlane = r.readFlag();
            }
            r.readUe("bit_depth_luma_minus8", 6);
            r.readUe("bit_depth_chroma_minus8", 6);
            r.readFlag(); // qpprime_y_zero_transform_bypass_flag
            if (r.readFlag()) { // seq_scaling_matrix_present_flag
                int lists = chromaFormatIdc != 3 ? 8 : 12;
                for (int i = 0; i < lists; i++) {
                    if (r.readFlag()) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        r.readUe("log2_max_frame_num_minus4", 12);
        int picOrderCntType = r.readUe("pic_order_cnt_type", 2);
        if (picOrderCntType == 0) {
            r.readUe("log2_max_pic_order_cnt_lsb_minus4", 12);
        } else if (picOrderCntType == 1) {
            r.readFlag(); // delta_pic_order_always_zero_flag
            r.readSe(); // offset_for_non_ref_pic
            r.readSe(); // offset_for_top_to_bottom_field
            int cycle = r.readUe("num_ref_frames_in_pic_order_cnt_cycle", 255);
            for (int i = 0; i < cycle; i++) {
                r.readSe();
            }
        }
        r.readUe("max_num_ref_frames", 16);
        r.readFlag(); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = r.readUe("pic_width_in_mbs_minus1", MAX_MBS_PER_SIDE - 1) + 1;
        int heightMapUnits = r.readUe("pic_height_in_map_units_minus1", MAX_MBS_PER_SIDE - 1) + 1;
        boolean frameMbsOnly = r.readFlag();
        if (!frameMbsOnly) {
            r.readFlag(); // mb_adaptive_frame_field_flag
        }
        r.readFlag(); // direct_8x8_inference_flag

        int width = widthMbs * 16;
        int height = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16;
        long cropAt = r.bytePosition();
        if (r.readFlag()) { // frame_cropping_flag
            long left = r.readUe();
            long right = r.readUe();
            long top = r.readUe();
            long bottom = r.readUe();
            // 7.4.2.1.1: crop units depend on ChromaArrayType and on frame/field coding
            int chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
            int cropUnitX = chromaArrayType == 0 ? 1 : (chromaArrayType == 3 ? 1 : 2);
            int cropUnitY = (chromaArrayType == 1 ? 2 : 1) * (frameMbsOnly ? 1 : 2);
            long croppedWidth = width - cropUnitX * (left + right);
            long croppedHeight = height - cropUnitY * (top + bottom);
            if (croppedWidth <= 0 || croppedHeight <= 0) {
                throw new ParseException("frame cropping (" + left + "," + right + "," + top + "," + bottom
                        + ") leaves no picture of " + width + "x" + height, cropAt);
            }
            width = (int) croppedWidth;
            height = (int) croppedHeight;
        }
        OptionalDouble frameRate = OptionalDouble.empty();
        if (r.readFlag()) { // vui_parameters_present_flag
            frameRate = readVuiFrameRate(r);
        }
        return new SequenceParameterSet(profileIdc, constraintFlags, levelIdc, spsId, chromaFormatIdc,
                width, height, frameMbsOnly, frameRate);
    }

    /** The VUI (Annex E.1.1) up to timing_info; the rest is not needed. */
    private static OptionalDouble readVuiFrameRate(BitReader r) throws ParseException {
        if (r.readFlag()) { // aspect_ratio_info_present_flag
            if (r.readUnsigned8() == EXTENDED_SAR) {
                r.readBits(32); // sar_width, sar_height
            }
        }
        if (r.readFlag()) { // overscan_info_present_flag
            r.readFlag();
        }
        if (r.readFlag()) { // video_signal_type_present_flag
            r.readBits(4); // video_format, video_full_range_flag
            if (r.readFlag()) { // colour_description_present_flag
                r.readBits(24);
            }
        }
        if (r.readFlag()) { // chroma_loc_info_present_flag
            r.readUe();
            r.readUe();
        }
        if (!r.readFlag()) { // timing_info_present_flag
            return OptionalDouble.empty();
        }
        long numUnitsInTick = r.readBits(32);
        long timeScale = r.readBits(32);
        if (numUnitsInTick == 0 || timeScale == 0) {
            return OptionalDouble.empty(); // forbidden by E.2.1, but seen; no rate rather than a wrong one
        }
        // A frame is two field ticks (E.2.1, with the usual field-based num_units_in_tick).
        return OptionalDouble.of(timeScale / (2.0 * numUnitsInTick));
    }

    /** scaling_list() of 7.3.2.1.1.1: only skipped, its values do not change the picture size. */
    private static void skipScalingList(BitReader r, int size) throws ParseException {
        int lastScale = 8;
        int nextScale = 8;
        for (int j = 0; j < size; j++) {
            if (nextScale != 0) {
                long at = r.bytePosition();
                long delta = r.readSe();
                if (delta < -128 || delta > 127) {
                    throw new ParseException("delta_scale " + delta + " not in -128..127", at);
                }
                nextScale = (int) ((lastScale + delta + 256) % 256);
            }
            lastScale = nextScale == 0 ? lastScale : nextScale;
        }
    }
}
