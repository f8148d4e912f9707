package io.gscam.media.flac;

/**
 * Reads what a container needs from the header of one FLAC frame (RFC 9639 section 9.1): its block
 * size. A FLAC sample in MP4 or Matroska is one frame, and unlike G.711 its byte length says
 * nothing about how many samples it holds, so a writer that derives durations from sizes asks this.
 */
public final class FlacFrameHeader {
    /** Block sizes of the codes 0b0001..0b0101 and 0b1000..0b1111; -1 where the code says otherwise. */
    private static final int[] BLOCK_SIZES = {
        -1, 192, 576, 1152, 2304, 4608, -1, -1, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768,
    };

    private FlacFrameHeader() {
    }

    /** The code a frame header uses for {@code blockSize}; 6 and 7 mean "8/16 bits at the end of the header". */
    static int blockSizeCode(int blockSize) {
        for (int code = 1; code < BLOCK_SIZES.length; code++) {
            if (BLOCK_SIZES[code] == blockSize) {
                return code;
            }
        }
        return blockSize <= 256 ? 6 : 7;
    }

    /**
     * The number of samples (per channel) in the frame that starts at {@code frame[0]}.
     *
     * @throws IllegalArgumentException when the bytes do not start with a FLAC frame header
     */
    public static int blockSize(byte[] frame) {
        if (frame.length < 5 || (frame[0] & 0xFF) != 0xFF || (frame[1] & 0xFE) != 0xF8) {
            throw new IllegalArgumentException("not a FLAC frame: no frame sync code");
        }
        int code = (frame[2] & 0xFF) >>> 4;
        if (code == 0) {
            throw new IllegalArgumentException("FLAC frame with the reserved block size code 0");
        }
        if (code != 6 && code != 7) {
            return BLOCK_SIZES[code];
        }
        // The coded frame/sample number comes first: UTF-8-like, its first byte's leading ones say its length.
        int lead = Integer.numberOfLeadingZeros(~(frame[4] << 24));
        int numberLength = lead == 0 ? 1 : lead;
        if (lead == 1 || numberLength > 7) {
            throw new IllegalArgumentException("FLAC frame with a malformed coded number");
        }
        int at = 4 + numberLength;
        if (code == 6) {
            checkLength(frame, at + 1);
            return (frame[at] & 0xFF) + 1;
        }
        checkLength(frame, at + 2);
        return (((frame[at] & 0xFF) << 8) | (frame[at + 1] & 0xFF)) + 1;
    }

    private static void checkLength(byte[] frame, int needed) {
        if (frame.length < needed) {
            throw new IllegalArgumentException("FLAC frame header cut short");
        }
    }
}
