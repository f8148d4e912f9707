package io.gscam.media.h264;

import io.gscam.protocol.ParseException;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Splits an H.264 Annex-B byte stream, pushed in chunks of any size, into access units: the one
 * splitter for a file read whole, a file read as it goes and a pipe from an encoder.
 *
 * <p>Boundaries follow {@link NalUnit#beginsAccessUnitAfterSlice()} (ITU-T H.264 7.4.1.2.3): once
 * the unit being gathered holds a slice, a new one begins at an access unit delimiter, SEI, SPS,
 * PPS, types 14..18, or a slice whose first_mb_in_slice is 0. That is decided from the first two
 * bytes of the next NAL unit, so a unit goes out as soon as the next one starts rather than when
 * its first NAL unit ends, which matters for a live encoder. Bytes before the first start code are
 * skipped. Output units are Annex-B with 4-byte start codes; with {@link Delimiters#DROP} access
 * unit delimiters and filler data are left out (they are of no use on RTP).
 *
 * <p>After a {@link ParseException} the stream cannot be followed further; start a new splitter.
 */
public final class AccessUnitSplitter {
    /** One access unit; {@code sps}/{@code pps} are the parameter sets it carries, or null. */
    public record AccessUnit(byte[] data, boolean keyframe, byte[] sps, byte[] pps) {
    }

    /** What becomes of access unit delimiters (type 9) and filler data (type 12). */
    public enum Delimiters {
        /** Kept in the access unit, as in the stream. */
        KEEP,
        /** Left out. */
        DROP
    }

    /** The largest access unit (and NAL unit) accepted by {@link #AccessUnitSplitter()}. */
    public static final int DEFAULT_MAX_ACCESS_UNIT_BYTES = 16 << 20;

    private final Delimiters delimiters;
    private final int maxAccessUnitBytes;

    /** The bytes from the current NAL unit's start on; grows as a unit needs (a short stream stays small). */
    private byte[] buf = new byte[0];
    private int len;
    private long bufOffset; // stream offset of buf[0], for error offsets
    private int nalStart = -1;
    private int searchFrom;
    private boolean headerSeen;
    private boolean startCodeSeen;

    private final ByteArrayOutputStream unit = new ByteArrayOutputStream();
    private boolean unitHasSlice;
    private boolean unitIsKey;
    private byte[] unitSps;
    private byte[] unitPps;

    /** Drops delimiters and filler data; accepts access units up to 16 MiB. */
    public AccessUnitSplitter() {
        this(Delimiters.DROP, DEFAULT_MAX_ACCESS_UNIT_BYTES);
    }

    /**
     * @param delimiters         whether access unit delimiters and filler data are kept
     * @param maxAccessUnitBytes the largest access unit, and NAL unit, accepted: a bound on memory
     *                           for a stream that never starts a new unit
     */
    public AccessUnitSplitter(Delimiters delimiters, int maxAccessUnitBytes) {
        this.delimiters = Objects.requireNonNull(delimiters, "delimiters");
        if (maxAccessUnitBytes <= 0) {
            throw new IllegalArgumentException("maxAccessUnitBytes must be positive, got " + maxAccessUnitBytes);
        }
        this.maxAccessUnitBytes = maxAccessUnitBytes;
    }

    /**
     * Feeds bytes; returns the access units they completed, in order.
     *
     * @throws ParseException when an access unit or NAL unit grows past the limit
     */
    public List<AccessUnit> push(byte[] data, int offset, int length) throws ParseException {
        Objects.checkFromIndexSize(offset, length, data.length);
        ensureCapacity(len + length);
        System.arraycopy(data, offset, buf, len, length);
        len += length;
        List<AccessUnit> out = new ArrayList<>();
        int p;
        while ((p = AnnexB.indexOfStartCode(buf, searchFrom, len)) >= 0) {
            if (nalStart >= 0) {
                nal(nalStart, p, out);
            }
            startCodeSeen = true;
            nalStart = p + 3;
            searchFrom = nalStart;
            headerSeen = false;
            peekHeader(out);
        }
        peekHeader(out);
        if (nalStart >= 0 && len - nalStart > maxAccessUnitBytes) {
            throw new ParseException("NAL unit longer than " + maxAccessUnitBytes + " bytes", bufOffset + nalStart);
        }
        // The last two bytes may begin a start code that the next chunk completes.
        searchFrom = Math.max(searchFrom, Math.max(nalStart, len - 2));
        compact();
        return out;
    }

    /**
     * Ends the stream: the last NAL unit and access unit are complete. The splitter is then ready
     * for a new stream.
     *
     * @throws ParseException when the last access unit grows past the limit
     */
    public List<AccessUnit> finish() throws ParseException {
        List<AccessUnit> out = new ArrayList<>();
        if (nalStart >= 0) {
            nal(nalStart, len, out);
        }
        nalStart = -1;
        headerSeen = false;
        bufOffset += len;
        len = 0;
        searchFrom = 0;
        flushUnit(out);
        return out;
    }

    /** Whether a start code has been seen: a stream without one is not Annex-B. */
    public boolean startCodeSeen() {
        return startCodeSeen;
    }

    private void nal(int from, int to, List<AccessUnit> out) throws ParseException {
        int end = AnnexB.unitEnd(buf, from, to);
        if (end <= from) {
            return;
        }
        if (!headerSeen) {
            startNal(buf[from], end - from > 1 ? buf[from + 1] : 0, out);
        }
        headerSeen = false;
        int type = NalUnit.type(buf[from]);
        if (delimiters == Delimiters.DROP && (type == NalUnit.TYPE_AUD || type == NalUnit.TYPE_FILLER)) {
            return;
        }
        if ((long) unit.size() + AnnexB.START_CODE.length + (end - from) > maxAccessUnitBytes) {
            throw new ParseException("access unit longer than " + maxAccessUnitBytes + " bytes", bufOffset + from);
        }
        unit.write(AnnexB.START_CODE, 0, AnnexB.START_CODE.length);
        unit.write(buf, from, end - from);
        unitHasSlice |= NalUnit.isSliceType(type);
        unitIsKey |= type == NalUnit.TYPE_IDR;
        if (type == NalUnit.TYPE_SPS) {
            unitSps = Arrays.copyOfRange(buf, from, end);
        } else if (type == NalUnit.TYPE_PPS) {
            unitPps = Arrays.copyOfRange(buf, from, end);
        }
    }

    /**
     * Decides at the first bytes of a NAL unit whether it begins a new access unit. A slice needs
     * its second byte (first_mb_in_slice); any other type is decided by its header.
     */
    private void peekHeader(List<AccessUnit> out) {
        if (nalStart < 0 || headerSeen || len - nalStart < 1) {
            return;
        }
        boolean haveSecondByte = len - nalStart >= 2;
        if (haveSecondByte || !NalUnit.isSliceType(NalUnit.type(buf[nalStart]))) {
            startNal(buf[nalStart], haveSecondByte ? buf[nalStart + 1] : 0, out);
            headerSeen = true;
        }
    }

    private void startNal(byte header, byte next, List<AccessUnit> out) {
        if (unitHasSlice && NalUnit.beginsAccessUnitAfterSlice(header, next)) {
            flushUnit(out);
        }
    }

    private void flushUnit(List<AccessUnit> out) {
        if (unit.size() > 0) {
            out.add(new AccessUnit(unit.toByteArray(), unitIsKey, unitSps, unitPps));
        }
        unit.reset();
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
        bufOffset += drop;
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
