package io.gscam.media.container;

/**
 * How G.726 code words are packed into bytes. RFC 3551 ({@code G726-32}) puts the first code word
 * in the least significant bits; ITU-T I.366.2 AAL2 ({@code AAL2-G726-32}) in the most significant.
 */
public enum G726Packing {
    /** RFC 3551 {@code G726-xx}: first code word in the low bits (ffmpeg's {@code g726le}). */
    LSB_FIRST,
    /** AAL2 {@code AAL2-G726-xx}: first code word in the high bits (ffmpeg's {@code g726}, WAVE tag 0x0045). */
    MSB_FIRST
}
