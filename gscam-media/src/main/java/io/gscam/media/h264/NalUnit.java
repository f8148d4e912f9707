package io.gscam.media.h264;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One H.264 NAL unit as it travels in RTP and between start codes: the 1-byte header
 * ({@code F|NRI|Type}) followed by the escaped payload (emulation prevention bytes left in place).
 * The array is shared, not copied: whoever builds a NalUnit hands the array over.
 */
public record NalUnit(byte[] bytes) {
    public static final int TYPE_SLICE = 1;
    public static final int TYPE_IDR = 5;
    public static final int TYPE_SEI = 6;
    public static final int TYPE_SPS = 7;
    public static final int TYPE_PPS = 8;
    public static final int TYPE_AUD = 9;
    public static final int TYPE_FILLER = 12;
    /** RFC 6184 payload structures that reuse the NAL type field. */
    public static final int TYPE_STAP_A = 24;
    public static final int TYPE_STAP_B = 25;
    public static final int TYPE_MTAP16 = 26;
    public static final int TYPE_MTAP24 = 27;
    public static final int TYPE_FU_A = 28;
    public static final int TYPE_FU_B = 29;

    public NalUnit {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new IllegalArgumentException("a NAL unit has at least its 1-byte header");
        }
    }

    /** nal_unit_type, 0..31. */
    public int type() {
        return type(bytes[0]);
    }

    /** nal_unit_type of the unit whose header byte is {@code header}. */
    static int type(byte header) {
        return header & 0x1F;
    }

    /** Whether {@code type} is a coded slice of a picture, IDR or not (types 1 and 5). */
    static boolean isSliceType(int type) {
        return type == TYPE_SLICE || type == TYPE_IDR;
    }

    /** nal_ref_idc, 0..3. */
    public int nri() {
        return (bytes[0] >> 5) & 0x03;
    }

    /** forbidden_zero_bit: set by a network element that found bit errors in the unit. */
    public boolean forbiddenBit() {
        return (bytes[0] & 0x80) != 0;
    }

    public int size() {
        return bytes.length;
    }

    /** A coded slice of a picture, IDR or not (types 1 and 5). */
    public boolean isSlice() {
        return isSliceType(type());
    }

    /**
     * Whether this unit, following a slice of the access unit being gathered, begins the next one
     * (H.264 7.4.1.2.3, reduced to streams without redundant pictures or data partitioning): an
     * access unit delimiter, SEI, SPS, PPS, types 14..18, or a slice whose first_mb_in_slice is 0.
     */
    public boolean beginsAccessUnitAfterSlice() {
        return beginsAccessUnitAfterSlice(bytes[0], bytes.length > 1 ? bytes[1] : 0);
    }

    /**
     * {@link #beginsAccessUnitAfterSlice()} from the first two bytes of a unit alone (the second
     * is 0 for a 1-byte unit), for a byte stream scanner that decides before the unit has ended.
     */
    static boolean beginsAccessUnitAfterSlice(byte header, byte firstPayloadByte) {
        int type = type(header);
        return type == TYPE_AUD || type == TYPE_SEI || type == TYPE_SPS || type == TYPE_PPS
                || (type >= 14 && type <= 18)
                // ue(v) first_mb_in_slice == 0 is the single bit 1, the first after the header byte
                || (isSliceType(type) && (firstPayloadByte & 0x80) != 0);
    }

    public boolean isIdr() {
        return type() == TYPE_IDR;
    }

    public boolean isSps() {
        return type() == TYPE_SPS;
    }

    public boolean isPps() {
        return type() == TYPE_PPS;
    }

    /** A unit from hex digits, spaces allowed (for fixtures and logs). */
    public static NalUnit ofHex(String hex) {
        return new NalUnit(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NalUnit n && Arrays.equals(bytes, n.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "NalUnit{type=" + type() + ", nri=" + nri() + ", " + bytes.length + "B}";
    }
}
