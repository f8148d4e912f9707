package io.gscam.media.jpeg;

import io.gscam.protocol.ParseException;

import java.util.Arrays;

/**
 * What RFC 2435 needs of a baseline JFIF image: its RTP/JPEG type (0 for 4:2:2, 1 for 4:2:0),
 * size, restart interval, the two quantisation tables (luminance, chrominance, zigzag order, as
 * DQT holds them) and where its entropy-coded scan lies in the image's bytes.
 * {@link #parse(byte[])} accepts only what RTP/JPEG can carry, and says why when it cannot.
 *
 * @param data              the whole image, SOI..EOI (shared, not copied)
 * @param type              0 (Y 2x1, 4:2:2) or 1 (Y 2x2, 4:2:0); RFC 2435 adds 64 when restart markers are in use
 * @param width             pixels, 1..2040
 * @param height            pixels, 1..2040
 * @param restartInterval   MCUs between restart markers, 0 when there is no DRI
 * @param quantizationTables luminance then chrominance table, 64 bytes each (128 for 16-bit precision)
 * @param precision         RFC 2435's precision byte: bit 0 for a 16-bit luminance table, bit 1 for chrominance
 * @param scanOffset        first byte of entropy-coded data, after the SOS header
 * @param scanLength        bytes of entropy-coded data, up to (not including) EOI
 */
public record JpegFrame(byte[] data, int type, int width, int height, int restartInterval,
                        byte[] quantizationTables, int precision, int scanOffset, int scanLength) {
    /** RFC 2435's width and height fields count 8-pixel units in one byte. */
    public static final int MAX_DIMENSION = 2040;

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOF0 = 0xC0;
    private static final int DHT = 0xC4;
    private static final int DQT = 0xDB;
    private static final int DRI = 0xDD;
    private static final int SOS = 0xDA;

    /** Parses a baseline JFIF image; anything RTP/JPEG cannot carry is a ParseException saying what. */
    public static JpegFrame parse(byte[] data) throws ParseException {
        if (data.length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != SOI) {
            throw new ParseException("not a JPEG image: no SOI marker", 0);
        }
        byte[][] tables = new byte[4][];
        int[] tablePrecision = new int[4];
        int restartInterval = 0;
        int[] componentIds = null;
        int[] sampling = null;
        int[] quantSelectors = null;
        int width = 0;
        int height = 0;
        int at = 2;
        while (true) {
            at = nextMarker(data, at);
            int marker = data[at - 1] & 0xFF;
            if (marker == EOI) {
                throw new ParseException("EOI before any scan", at - 2);
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // standalone markers carry no length
            }
            int length = u16(data, at);
            if (length < 2 || at + length > data.length) {
                throw new ParseException("JPEG segment FF" + Integer.toHexString(marker).toUpperCase()
                        + " of length " + length + " runs past the image", at);
            }
            int body = at + 2;
            int end = at + length;
            switch (marker) {
                case SOF0 -> {
                    if (length < 8) {
                        throw new ParseException("SOF0 truncated", at);
                    }
                    if ((data[body] & 0xFF) != 8) {
                        throw new ParseException((data[body] & 0xFF) + "-bit samples: RTP/JPEG carries 8-bit only", body);
                    }
                    height = u16(data, body + 1);
                    width = u16(data, body + 3);
                    int components = data[body + 5] & 0xFF;
                    if (components != 3) {
                        throw new ParseException(components + " components: RTP/JPEG carries YCbCr (3) only", body + 5);
                    }
                    if (length != 8 + 3 * components) {
                        throw new ParseException("SOF0 length " + length + " does not fit 3 components", at);
                    }
                    componentIds = new int[3];
                    sampling = new int[3];
                    quantSelectors = new int[3];
                    for (int c = 0; c < 3; c++) {
                        componentIds[c] = data[body + 6 + 3 * c] & 0xFF;
                        sampling[c] = data[body + 7 + 3 * c] & 0xFF;
                        quantSelectors[c] = data[body + 8 + 3 * c] & 0x0F;
                    }
                }
                case 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF ->
                        throw new ParseException(frameKind(marker) + " JPEG: RTP/JPEG carries baseline (SOF0) only", at - 2);
                case DQT -> {
                    int p = body;
                    while (p < end) {
                        int pq = (data[p] & 0xFF) >> 4;
                        int tq = data[p] & 0x0F;
                        int size = pq == 0 ? 64 : 128;
                        if (pq > 1 || tq > 3 || p + 1 + size > end) {
                            throw new ParseException("bad DQT table entry", p);
                        }
                        tables[tq] = Arrays.copyOfRange(data, p + 1, p + 1 + size);
                        tablePrecision[tq] = pq;
                        p += 1 + size;
                    }
                }
                case DHT -> checkStandardHuffman(data, body, end);
                case DRI -> {
                    if (length != 4) {
                        throw new ParseException("DRI length " + length + ", expected 4", at);
                    }
                    restartInterval = u16(data, body);
                }
                case SOS -> {
                    if (componentIds == null) {
                        throw new ParseException("SOS before SOF0", at - 2);
                    }
                    checkScanHeader(data, body, end, componentIds);
                    int scanEnd = scanEnd(data, end);
                    int type = typeOf(sampling, at);
                    if (width == 0 || height == 0 || width > MAX_DIMENSION || height > MAX_DIMENSION) {
                        throw new ParseException(width + "x" + height + ": RTP/JPEG carries 1..2040 pixels each way", at);
                    }
                    if (quantSelectors[1] != quantSelectors[2]) {
                        throw new ParseException("Cb and Cr use different quantisation tables", at);
                    }
                    byte[] luma = tables[quantSelectors[0]];
                    byte[] chroma = tables[quantSelectors[1]];
                    if (luma == null || chroma == null) {
                        throw new ParseException("a component's quantisation table is not defined", at);
                    }
                    byte[] q = new byte[luma.length + chroma.length];
                    System.arraycopy(luma, 0, q, 0, luma.length);
                    System.arraycopy(chroma, 0, q, luma.length, chroma.length);
                    int precision = tablePrecision[quantSelectors[0]] | tablePrecision[quantSelectors[1]] << 1;
                    return new JpegFrame(data, type, width, height, restartInterval, q, precision, end, scanEnd - end);
                }
                default -> {
                    // APPn, COM and the like: nothing RTP/JPEG carries
                }
            }
            at = end;
        }
    }

    /** Returns the index just past the next marker code (the byte after FF xx); skips fill bytes. */
    private static int nextMarker(byte[] data, int at) throws ParseException {
        if (at + 1 >= data.length || (data[at] & 0xFF) != 0xFF) {
            throw new ParseException("expected a JPEG marker", at);
        }
        while (at + 1 < data.length && (data[at + 1] & 0xFF) == 0xFF) {
            at++;
        }
        if (at + 1 >= data.length) {
            throw new ParseException("JPEG headers truncated", at);
        }
        return at + 2;
    }

    private static void checkStandardHuffman(byte[] data, int p, int end) throws ParseException {
        while (p < end) {
            int tc = (data[p] & 0xFF) >> 4;
            int th = data[p] & 0x0F;
            if (p + 17 > end) {
                throw new ParseException("DHT truncated", p);
            }
            byte[] lengths = Arrays.copyOfRange(data, p + 1, p + 17);
            int count = 0;
            for (byte l : lengths) {
                count += l & 0xFF;
            }
            if (p + 17 + count > end) {
                throw new ParseException("DHT truncated", p);
            }
            byte[] values = Arrays.copyOfRange(data, p + 17, p + 17 + count);
            if (tc > 1 || !JpegTables.isStandardHuffman(tc, th, lengths, values)) {
                throw new ParseException("Huffman table " + tc + "/" + th
                        + " is not the standard one: RTP/JPEG receivers assume Annex K tables", p);
            }
            p += 17 + count;
        }
    }

    private static void checkScanHeader(byte[] data, int body, int end, int[] componentIds) throws ParseException {
        int n = data[body] & 0xFF;
        if (n != 3 || end - body != 1 + 2 * n + 3) {
            throw new ParseException("scan of " + n + " components: RTP/JPEG carries one interleaved scan", body);
        }
        for (int i = 0; i < 3; i++) {
            int id = data[body + 1 + 2 * i] & 0xFF;
            int tables = data[body + 2 + 2 * i] & 0xFF;
            int expected = id == componentIds[0] ? 0x00 : 0x11;
            if (id != componentIds[i] || tables != expected) {
                throw new ParseException("scan component " + id + " uses Huffman tables " + Integer.toHexString(tables)
                        + ": RTP/JPEG wants luminance 0/0 and chrominance 1/1", body + 1 + 2 * i);
            }
        }
        int ss = data[end - 3] & 0xFF;
        int se = data[end - 2] & 0xFF;
        int a = data[end - 1] & 0xFF;
        if (ss != 0 || se != 63 || a != 0) {
            throw new ParseException("not a sequential scan (Ss=" + ss + ", Se=" + se + ")", end - 3);
        }
    }

    /** The end of the entropy-coded data: the EOI marker, or the end of the image when it is missing. */
    private static int scanEnd(byte[] data, int at) throws ParseException {
        int i = at;
        while (i < data.length - 1) {
            if ((data[i] & 0xFF) != 0xFF) {
                i++;
                continue;
            }
            int next = data[i + 1] & 0xFF;
            if (next == EOI) {
                return i;
            }
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                i += 2;
            } else if (next == 0xFF) {
                i++;
            } else {
                throw new ParseException("marker FF" + Integer.toHexString(next).toUpperCase()
                        + " inside the scan: RTP/JPEG carries one scan per frame", i);
            }
        }
        return data.length;
    }

    private static int typeOf(int[] sampling, int at) throws ParseException {
        if (sampling[1] != 0x11 || sampling[2] != 0x11) {
            throw new ParseException("chroma sampling factors not 1x1", at);
        }
        return switch (sampling[0]) {
            case 0x21 -> 0;
            case 0x22 -> 1;
            default -> throw new ParseException("luma sampling " + (sampling[0] >> 4) + "x" + (sampling[0] & 0xF)
                    + ": RTP/JPEG carries 4:2:2 (2x1) and 4:2:0 (2x2) only", at);
        };
    }

    private static String frameKind(int marker) {
        return switch (marker) {
            case 0xC1 -> "extended sequential";
            case 0xC2, 0xC6, 0xCA, 0xCE -> "progressive";
            case 0xC3, 0xC7, 0xCB, 0xCF -> "lossless";
            default -> "arithmetic-coded";
        };
    }

    private static int u16(byte[] data, int at) throws ParseException {
        if (at + 1 >= data.length) {
            throw new ParseException("JPEG headers truncated", at);
        }
        return (data[at] & 0xFF) << 8 | (data[at + 1] & 0xFF);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JpegFrame f && type == f.type && width == f.width && height == f.height
                && restartInterval == f.restartInterval && precision == f.precision
                && Arrays.equals(quantizationTables, f.quantizationTables)
                && Arrays.equals(data, scanOffset, scanOffset + scanLength, f.data, f.scanOffset, f.scanOffset + f.scanLength);
    }

    @Override
    public int hashCode() {
        return ((type * 31 + width) * 31 + height) * 31 + restartInterval + Arrays.hashCode(quantizationTables);
    }

    @Override
    public String toString() {
        return "JpegFrame{type=" + type + ", " + width + "x" + height + ", dri=" + restartInterval
                + ", scan=" + scanLength + "B}";
    }
}
