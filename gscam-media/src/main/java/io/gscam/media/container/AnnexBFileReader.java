package io.gscam.media.container;

import io.gscam.media.h264.AnnexB;
import io.gscam.media.h264.NalUnit;
import io.gscam.protocol.ParseException;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Splits a raw H.264 Annex-B stream (a .h264 file) into access units, reading as it goes.
 *
 * <p>Access unit boundaries follow ITU-T H.264 section 7.4.1.2.3, reduced to what a stream
 * without redundant pictures or data partitioning needs: once the unit being built holds a slice
 * (VCL NAL type 1 or 5), a new one starts at an access unit delimiter, SEI, SPS, PPS, a NAL of
 * type 14..18, or a slice whose {@code first_mb_in_slice} is 0. A unit is a keyframe when it holds
 * an IDR slice. Raw H.264 has no timestamps, so they come from the frame rate the caller gives
 * (frame-rate parsing from the SPS VUI is not done here).
 */
public final class AnnexBFileReader implements Closeable {
    private static final int MAX_NAL_BYTES = 16 << 20;

    private final InputStream in;
    private final double frameRate;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private long consumed; // bytes dropped from the front of buf, for error offsets
    private boolean seenStartCode;
    private NalUnit pendingNal;
    private long index;

    /**
     * @param in        the Annex-B bytes; closed by {@link #close}
     * @param frameRate frames per second, for the timestamps
     */
    public AnnexBFileReader(InputStream in, double frameRate) {
        this.in = Objects.requireNonNull(in, "in");
        if (!(frameRate > 0) || Double.isInfinite(frameRate)) {
            throw new IllegalArgumentException("frame rate must be positive, got " + frameRate);
        }
        this.frameRate = frameRate;
    }

    public static AnnexBFileReader open(Path file, double frameRate) throws IOException {
        return new AnnexBFileReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16), frameRate);
    }

    /**
     * The next access unit, or null at the end of the stream.
     *
     * @throws ParseException when the stream has no start code, or a NAL unit over 16 MiB
     */
    public AccessUnit next() throws IOException, ParseException {
        List<NalUnit> units = new ArrayList<>();
        boolean hasSlice = false;
        while (true) {
            NalUnit nal = pendingNal != null ? pendingNal : nextNal();
            pendingNal = null;
            if (nal == null) {
                break;
            }
            if (hasSlice && nal.beginsAccessUnitAfterSlice()) {
                pendingNal = nal;
                break;
            }
            units.add(nal);
            hasSlice |= nal.isSlice();
        }
        if (units.isEmpty()) {
            return null;
        }
        long i = index++;
        long time = Math.round(i * 90_000.0 / frameRate);
        return new AccessUnit(i, time, AnnexB.join(units), AnnexB.containsIdr(units));
    }

    /** The next NAL unit without its start code and trailing zeros, or null at the end. */
    private NalUnit nextNal() throws IOException, ParseException {
        if (!seenStartCode) {
            int sc = findStartCode(0);
            while (sc < 0 && !eof) {
                // keep the last 2 bytes: a start code may straddle the refill
                pos = Math.max(pos, limit - 2);
                fill();
                sc = findStartCode(0);
            }
            if (sc < 0) {
                if (limit - pos > 2 || consumed > 0) {
                    throw new ParseException("no Annex-B start code in the stream", consumed + pos);
                }
                return null;
            }
            pos = sc + 3;
            seenStartCode = true;
        }
        int scanFrom = pos;
        while (true) {
            int sc = findStartCode(scanFrom - pos);
            if (sc >= 0) {
                NalUnit nal = unit(pos, sc);
                pos = sc + 3;
                if (nal == null) {
                    scanFrom = pos;
                    continue;
                }
                return nal;
            }
            if (eof) {
                if (pos >= limit) {
                    return null;
                }
                NalUnit nal = unit(pos, limit);
                pos = limit;
                return nal;
            }
            if (limit - pos > MAX_NAL_BYTES) {
                throw new ParseException("NAL unit longer than " + MAX_NAL_BYTES + " bytes", consumed + pos);
            }
            scanFrom = Math.max(pos, limit - 2);
            int shift = pos;
            fill();
            scanFrom -= shift - pos; // fill() moved the data down to 0
        }
    }

    /** Position of the next 00 00 01 at or after {@code pos + from}, or -1 in the bytes buffered. */
    private int findStartCode(int from) {
        return AnnexB.indexOfStartCode(buf, pos + from, limit);
    }

    /** The unit in {@code buf[from..to)} without its trailing zeros, or null when nothing is left. */
    private NalUnit unit(int from, int to) {
        int end = AnnexB.unitEnd(buf, from, to);
        return end > from ? new NalUnit(Arrays.copyOfRange(buf, from, end)) : null;
    }

    /** Moves unread bytes to the front, grows the buffer when full, and reads more. */
    private void fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            consumed += pos;
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
