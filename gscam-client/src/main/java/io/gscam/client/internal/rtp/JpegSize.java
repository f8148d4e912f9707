package io.gscam.client.internal.rtp;

/**
 * The picture size of a JFIF frame, read from its SOF header without touching the scan: the RTP/JPEG
 * depacketizer writes SOF0 from the RFC 2435 header, and an SDP for payload type 26 says no size.
 */
final class JpegSize {
    private JpegSize() {
    }

    /** {width, height} from the first SOFn marker before the scan, or null when there is none. */
    static int[] of(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            return null;
        }
        int at = 2;
        while (at + 4 <= jpeg.length) {
            if ((jpeg[at] & 0xFF) != 0xFF) {
                return null;
            }
            int marker = jpeg[at + 1] & 0xFF;
            if (marker == 0xFF) {
                at++; // fill byte
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                return null; // EOI or SOS: no frame header before the scan
            }
            int length = ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                if (length < 7 || at + 9 > jpeg.length) {
                    return null;
                }
                int height = ((jpeg[at + 5] & 0xFF) << 8) | (jpeg[at + 6] & 0xFF);
                int width = ((jpeg[at + 7] & 0xFF) << 8) | (jpeg[at + 8] & 0xFF);
                return width > 0 && height > 0 ? new int[] {width, height} : null;
            }
            at += 2 + length;
        }
        return null;
    }
}
