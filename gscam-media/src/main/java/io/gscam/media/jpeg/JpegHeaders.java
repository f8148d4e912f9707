package io.gscam.media.jpeg;

import java.io.ByteArrayOutputStream;

/**
 * Rebuilds the JFIF headers an RTP/JPEG receiver puts before the scan (RFC 2435 Appendix B): SOI,
 * a JFIF APP0, DQT, DRI when there are restart markers, SOF0, the four standard Huffman tables,
 * and SOS. Components are numbered 1, 2, 3 as JFIF wants; luminance uses quantisation table 0,
 * chrominance table 1 (or 0 when only one table came).
 */
final class JpegHeaders {
    private JpegHeaders() {
    }

    /**
     * @param type       RTP/JPEG type with the restart bit removed: 0 or 1
     * @param tables     the quantisation tables, in order, as DQT carries them
     * @param precision  bit i set when table i is 16-bit (128 bytes)
     */
    static byte[] build(int type, int width, int height, int restartInterval, byte[] tables, int precision) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(640);
        marker(out, 0xD8);

        marker(out, 0xE0);
        u16(out, 16);
        out.writeBytes(new byte[] {'J', 'F', 'I', 'F', 0});
        u16(out, 0x0101);   // version 1.01
        out.write(0);       // no density units: aspect ratio only
        u16(out, 1);
        u16(out, 1);
        out.write(0);       // no thumbnail
        out.write(0);

        int tableCount = 0;
        int dqtLength = 2;
        for (int p = 0; p < tables.length; tableCount++) {
            int size = (precision >> tableCount & 1) != 0 ? 128 : 64;
            dqtLength += 1 + size;
            p += size;
        }
        marker(out, 0xDB);
        u16(out, dqtLength);
        for (int i = 0, p = 0; i < tableCount; i++) {
            int pq = precision >> i & 1;
            int size = pq != 0 ? 128 : 64;
            out.write(pq << 4 | i);
            out.write(tables, p, size);
            p += size;
        }

        if (restartInterval > 0) {
            marker(out, 0xDD);
            u16(out, 4);
            u16(out, restartInterval);
        }

        int chromaTable = tableCount > 1 ? 1 : 0;
        marker(out, 0xC0);
        u16(out, 17);
        out.write(8);
        u16(out, height);
        u16(out, width);
        out.write(3);
        out.writeBytes(new byte[] {1, (byte) (type == 0 ? 0x21 : 0x22), 0});
        out.writeBytes(new byte[] {2, 0x11, (byte) chromaTable});
        out.writeBytes(new byte[] {3, 0x11, (byte) chromaTable});

        int dhtLength = 2;
        for (int[] slot : JpegTables.HUFFMAN_SLOTS) {
            dhtLength += 1 + 16 + JpegTables.huffmanValues(slot[0], slot[1]).length;
        }
        marker(out, 0xC4);
        u16(out, dhtLength);
        for (int[] slot : JpegTables.HUFFMAN_SLOTS) {
            out.write(slot[0] << 4 | slot[1]);
            out.writeBytes(JpegTables.huffmanLengths(slot[0], slot[1]));
            out.writeBytes(JpegTables.huffmanValues(slot[0], slot[1]));
        }

        marker(out, 0xDA);
        u16(out, 12);
        out.write(3);
        out.writeBytes(new byte[] {1, 0x00, 2, 0x11, 3, 0x11});
        out.write(0);   // Ss
        out.write(63);  // Se
        out.write(0);   // Ah/Al
        return out.toByteArray();
    }

    private static void marker(ByteArrayOutputStream out, int code) {
        out.write(0xFF);
        out.write(code);
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >> 8);
        out.write(v);
    }
}
