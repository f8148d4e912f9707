package io.gscam.media.flac;

/**
 * The two checksums of a FLAC frame (RFC 9639 section 9.1.8 and 9.3): CRC-8 over the frame header
 * (polynomial x^8 + x^2 + x + 1) and CRC-16 over the whole frame (x^16 + x^15 + x^2 + 1), both
 * MSB-first with initial value 0, table-driven. The tables are built once and never change.
 */
final class FlacCrc {
    private static final int[] CRC8 = new int[256];
    private static final int[] CRC16 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c8 = i;
            int c16 = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                c8 = (c8 & 0x80) != 0 ? (c8 << 1) ^ 0x07 : c8 << 1;
                c16 = (c16 & 0x8000) != 0 ? (c16 << 1) ^ 0x8005 : c16 << 1;
            }
            CRC8[i] = c8 & 0xFF;
            CRC16[i] = c16 & 0xFFFF;
        }
    }

    private FlacCrc() {
    }

    static int crc8(byte[] data, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc = CRC8[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }

    static int crc16(byte[] data, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc = ((crc << 8) ^ CRC16[((crc >>> 8) ^ data[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }
}
