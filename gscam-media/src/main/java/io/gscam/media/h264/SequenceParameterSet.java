package io.gscam.media.h264;

import java.util.OptionalDouble;

/**
 * What gscam reads from an H.264 sequence parameter set (H.264 7.3.2.1.1): the fields that name the
 * stream (profile, level) and its picture size after frame cropping.
 *
 * @param constraintFlags the byte after profile_idc: constraint_set0_flag is bit 7 (0x80), set5 is 0x04
 * @param chromaFormatIdc 0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4; 1 for profiles that do not code it
 * @param frameMbsOnly    false for streams that may hold interlaced fields
 * @param frameRate       time_scale / (2 * num_units_in_tick) from the VUI timing info, when present
 */
public record SequenceParameterSet(int profileIdc, int constraintFlags, int levelIdc, int seqParameterSetId,
                                   int chromaFormatIdc, int width, int height, boolean frameMbsOnly,
                                   OptionalDouble frameRate) {

    /** constraint_set{n}_flag for n in 0..5. */
    public boolean constraintSet(int n) {
        if (n < 0 || n > 5) {
            throw new IllegalArgumentException("constraint_set" + n + "_flag does not exist");
        }
        return (constraintFlags & (0x80 >> n)) != 0;
    }

    /** The RFC 6184 profile-level-id: profile_idc, constraint flags and level_idc as 6 hex digits. */
    public String profileLevelId() {
        return String.format("%02x%02x%02x", profileIdc, constraintFlags, levelIdc);
    }
}
