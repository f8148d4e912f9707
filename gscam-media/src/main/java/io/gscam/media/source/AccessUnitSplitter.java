package io.gscam.media.source;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits an H.264 Annex-B byte stream, pushed in chunks of any size, into access units
 * (ITU-T H.264 7.4.1.2.3): a new access unit begins at an access unit delimiter, at SPS, PPS, SEI
 * or NAL types 14..18 that follow a slice, and at a slice whose first_mb_in_slice is 0 that follows a
 * slice. Output units are Annex-B with 4-byte start codes, without delimiters and filler data
 * (both are of no use on RTP). Kept private to the source package: the h264 package owns the
 * general Annex-B tools; this is the small piece the built-in and live sources need.
 */
final class AccessUnitSplitter {
    /** One access unit; {@code sps}/{@code pps} are the parameter sets it carries, or null. */
    record AccessUnit(byte[] data, boolean keyframe, byte[] sps, byte[] pps) {
    }

    private static final byte[] START_CODE = {0, 0, 0, 1};
    private static final int NAL_SLICE = 1;
    private static final int NAL_IDR = 5;
    private static final int NAL_SEI = 6;
    private static final int NAL_SPS = 7;
    private static final int NAL_PPS = 8;
    private static final int NAL_AUD = 9;
    private static final int NAL_FILLER = 12;

    private byte[] buf = new byte[64 * 1024];
    private int len;
    private int nalStart = -1;
    private int searchFrom;
    private boolean headerSeen;

    private final ByteArrayOutputStream unit = new ByteArrayOutputStream();
    private boolean unitHasSlice;
    private boolean unitIsKey;
    private byte[] unitSps;
    private byte[] unitPps;
    private boolean unitEmpty = true;

    /** Feeds bytes; returns the access units they completed, in order. */
    List<AccessUnit> push(byte[] data, int offset, int length) {
        ensureCapacity(len + length);
        System.arraycopy(data, offset, buf, len, length);
        len += length;
        List<AccessUnit> out = new ArrayList<>();
        int p;
        while ((p = findStartCode(searchFrom)) >= 0) {
            if (nalStart >= 0) {
                nal(nalStart, p, out);
            }
            nalStart = p + 3;
            searchFrom = nalStart;
            headerSeen = false;
            peekHeader(out);
        }
        peekHeader(out);
        // The last two bytes may begin a start code that the next chunk completes.
        searchFrom = Math.max(searchFrom, Math.max(nalStart, len - 2));
        compact();
        return out;
    }

    /** Ends the stream: the last NAL unit and access unit are complete. */
    List<AccessUnit> finish() {
        List<AccessUnit> out = new ArrayList<>();
        if (nalStart >= 0) {
            nal(nalStart, len, out);
        }
        nalStart = -1;
        headerSeen = false;
        len = 0;
        searchFrom = 0;
        flushUnit(out);
        return out;
    }

    private int findStartCode(int from) {
        for (int i = from; i + 2 < len; i++) {
            if ((buf[i + 2] & 0xFF) > 1) {
                i += 2; // no start code can end at or before i+2
            } else if (buf[i] == 0 && buf[i + 1] == 0 && buf[i + 2] == 1) {
                return i;
            }
        }
        return -1;
    }

    private void nal(int from, int to, List<AccessUnit> out) {
        while (to > from && buf[to - 1] == 0) {
            to--; // the leading zero of a 4-byte start code, or trailing_zero_8bits
        }
        if (to <= from) {
            return;
        }
        if (!headerSeen) {
            startNal(buf[from], to - from > 1 ? buf[from + 1] : 0, out);
        }
        headerSeen = false;
        int type = buf[from] & 0x1F;
        boolean slice = type == NAL_SLICE || type == NAL_IDR;
        if (type == NAL_AUD || type == NAL_FILLER) {
            return;
        }
        unit.write(START_CODE, 0, START_CODE.length);
        unit.write(buf, from, to - from);
        unitEmpty = false;
        unitHasSlice |= slice;
        unitIsKey |= type == NAL_IDR;
        if (type == NAL_SPS) {
            unitSps = Arrays.copyOfRange(buf, from, to);
        } else if (type == NAL_PPS) {
            unitPps = Arrays.copyOfRange(buf, from, to);
        }
    }

    /**
     * Decides at the first two bytes of a NAL unit whether it begins a new access unit, so the
     * previous unit goes out as soon as the next one starts rather than when its first NAL ends.
     */
    private void peekHeader(List<AccessUnit> out) {
        if (nalStart < 0 || headerSeen || len - nalStart < 1) {
            return;
        }
        int type = buf[nalStart] & 0x1F;
        boolean needsSecondByte = type == NAL_SLICE || type == NAL_IDR;
        if (len - nalStart >= 2 || !needsSecondByte) {
            startNal(buf[nalStart], len - nalStart >= 2 ? buf[nalStart + 1] : 0, out);
            headerSeen = true;
        }
    }

    private void startNal(byte header, byte next, List<AccessUnit> out) {
        int type = header & 0x1F;
        boolean slice = type == NAL_SLICE || type == NAL_IDR;
        boolean startsUnit = type == NAL_AUD
                || (unitHasSlice && (type == NAL_SEI || type == NAL_SPS || type == NAL_PPS || (type >= 14 && type <= 18)))
                || (unitHasSlice && slice && (next & 0x80) != 0); // first_mb_in_slice == 0: ue(v) '1'
        if (startsUnit) {
            flushUnit(out);
        }
    }

    private void flushUnit(List<AccessUnit> out) {
        if (!unitEmpty) {
            out.add(new AccessUnit(unit.toByteArray(), unitIsKey, unitSps, unitPps));
        }
        unit.reset();
        unitEmpty = true;
        unitHasSlice = false;
        unitIsKey = false;
        unitSps = null;
        unitPps = null;
    }

    private void compact() {
        int drop = nalStart >= 0 ? nalStart : searchFrom;
        if (drop == 0) {
            return;
        }
        System.arraycopy(buf, drop, buf, 0, len - drop);
        len -= drop;
        searchFrom -= drop;
        if (nalStart >= 0) {
            nalStart -= drop;
        }
    }

    private void ensureCapacity(int n) {
        if (n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(n, buf.length * 2));
        }
    }
}
