package io.gscam.nvr.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * How much of a Matroska segment (as gscam-media's {@code MatroskaWriter} writes it: a Segment and
 * Clusters of unknown size until patched) is whole: the end of the last complete element, down to
 * the blocks of a cluster cut short, and the time of the last whole block. Start-up recovery trims
 * a G.726 camera's half-written segment there, as it trims MP4 to its last whole fragment.
 *
 * @param wholeEnd      bytes to keep
 * @param lastBlockMillis the last whole block's time from the segment's start (1 ms timestamp scale), -1 for none
 * @param unknownSizeAt  {offset, length} of the size fields of the Segment and the Cluster that the cut
 *                       leaves claiming more bytes than are kept: to be rewritten as "unknown size"
 */
public record MatroskaClusters(long wholeEnd, long lastBlockMillis, java.util.List<long[]> unknownSizeAt) {
    private static final int ID_SEGMENT = 0x18538067;
    private static final int ID_CLUSTER = 0x1F43B675;
    private static final int ID_TIMESTAMP = 0xE7;
    private static final int ID_SIMPLE_BLOCK = 0xA3;
    private static final long UNKNOWN = -1;

    public static MatroskaClusters scan(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size > Integer.MAX_VALUE) {
            throw new IOException("segment too large to scan: " + size);
        }
        ByteBuffer b = ByteBuffer.allocate((int) size);
        while (b.hasRemaining() && ch.read(b, b.position()) >= 0) {
            // read it all
        }
        b.flip();
        long[] el = new long[4];
        java.util.List<long[]> sized = new java.util.ArrayList<>(); // {sizeAt, sizeLen, end}
        int p = 0;
        long wholeEnd = 0;
        long last = -1;
        // Top level: the EBML header, then the Segment.
        while (element(b, p, el)) {
            int dataAt = (int) el[2];
            if ((int) el[0] != ID_SEGMENT) {
                if (el[1] == UNKNOWN || dataAt + el[1] > b.limit()) {
                    return done(wholeEnd, last, sized);
                }
                p = (int) (dataAt + el[1]);
                wholeEnd = p;
                continue;
            }
            if (el[1] != UNKNOWN) {
                sized.add(new long[]{el[3], dataAt - el[3], dataAt + el[1]});
            }
            long segEnd = el[1] == UNKNOWN ? b.limit() : Math.min(b.limit(), dataAt + el[1]);
            int q = dataAt;
            wholeEnd = q;
            while (q < segEnd && element(b, q, el)) {
                int childData = (int) el[2];
                boolean cluster = (int) el[0] == ID_CLUSTER;
                long childEnd = el[1] == UNKNOWN ? segEnd : childData + el[1];
                if (!cluster) {
                    if (el[1] == UNKNOWN || childEnd > b.limit()) {
                        break;
                    }
                    q = (int) childEnd;
                    wholeEnd = q;
                    continue;
                }
                // A cluster: its blocks one by one, so a cut one keeps its whole blocks.
                if (el[1] != UNKNOWN) {
                    sized.add(new long[]{el[3], childData - el[3], childEnd});
                }
                long clusterTime = 0;
                int r = childData;
                long end = Math.min(childEnd, b.limit());
                while (r < end && element(b, r, el)) {
                    if ((int) el[0] == ID_CLUSTER || (int) el[0] == ID_SEGMENT) {
                        break; // an unknown-sized cluster ends where the next one starts
                    }
                    long blockEnd = el[2] + (el[1] == UNKNOWN ? Long.MAX_VALUE / 2 : el[1]);
                    if (el[1] == UNKNOWN || blockEnd > b.limit()) {
                        return done(wholeEnd, last, sized);
                    }
                    if ((int) el[0] == ID_TIMESTAMP) {
                        clusterTime = uint(b, (int) el[2], (int) el[1]);
                    } else if ((int) el[0] == ID_SIMPLE_BLOCK && el[1] >= 4) {
                        int t = (int) el[2];
                        int trackLen = Integer.numberOfLeadingZeros(b.get(t) & 0xFF) - 23;
                        if (trackLen >= 1 && trackLen <= 8 && t + trackLen + 2 <= blockEnd) {
                            last = Math.max(last, clusterTime + b.getShort(t + trackLen));
                        }
                    }
                    r = (int) blockEnd;
                    wholeEnd = r;
                }
                q = r;
            }
            return done(wholeEnd, last, sized);
        }
        return done(wholeEnd, last, sized);
    }

    private static MatroskaClusters done(long wholeEnd, long last, java.util.List<long[]> sized) {
        java.util.List<long[]> patch = new java.util.ArrayList<>();
        for (long[] x : sized) {
            if (x[2] > wholeEnd && x[0] + x[1] <= wholeEnd) {
                patch.add(new long[]{x[0], x[1]});
            }
        }
        return new MatroskaClusters(wholeEnd, last, patch);
    }

    /** The "unknown size" of a size field {@code length} bytes long (a marker bit, then all ones). */
    public static byte[] unknownSize(int length) {
        byte[] v = new byte[length];
        java.util.Arrays.fill(v, (byte) 0xFF);
        v[0] = (byte) (0xFF >>> (length - 1));
        return v;
    }

    /** Reads the element header at {@code p} into {id, size or UNKNOWN, data offset, size offset}; false when it does not fit. */
    private static boolean element(ByteBuffer b, int p, long[] out) {
        if (p >= b.limit()) {
            return false;
        }
        int idLen = Integer.numberOfLeadingZeros(b.get(p) & 0xFF) - 23;
        if (idLen < 1 || idLen > 4 || p + idLen >= b.limit()) {
            return false;
        }
        int id = 0;
        for (int i = 0; i < idLen; i++) {
            id = (id << 8) | (b.get(p + i) & 0xFF);
        }
        int s = p + idLen;
        int first = b.get(s) & 0xFF;
        int sizeLen = Integer.numberOfLeadingZeros(first) - 23;
        if (sizeLen < 1 || sizeLen > 8 || s + sizeLen > b.limit()) {
            return false;
        }
        long v = first & (0xFF >>> sizeLen);
        boolean allOnes = v == (0xFF >>> sizeLen);
        for (int i = 1; i < sizeLen; i++) {
            int x = b.get(s + i) & 0xFF;
            allOnes &= x == 0xFF;
            v = (v << 8) | x;
        }
        out[0] = id;
        out[1] = allOnes ? UNKNOWN : v;
        out[2] = s + sizeLen;
        out[3] = s;
        return true;
    }

    private static long uint(ByteBuffer b, int at, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | (b.get(at + i) & 0xFF);
        }
        return v;
    }
}
