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
        return bytes[0] & 0x1F;
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
