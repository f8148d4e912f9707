package io.gscam.media.g726;

/**
 * How G.726 code words are packed into bytes. Devices mislabel this, so a stream's packing comes
 * from its encoding name unless the user overrides it.
 */
public enum G726Packing {
    /**
     * RFC 3551 section 4.5.4 ({@code G726-32}): the first code word in the least significant bits
     * of the first byte. ffmpeg's {@code g726le}.
     */
    RFC3551_LE,
    /**
     * ITU-T I.366.2 AAL2 ({@code AAL2-G726-32}, RFC 3551 section 4.5.4's other name): the first code
     * word in the most significant bits. ffmpeg's {@code g726}.
     */
    AAL2_BE
}
