package io.gscam.media.h264;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The H.264 Annex-B byte stream form (ITU-T H.264 Annex B): NAL units each after a start code
 * {@code 00 00 01} or {@code 00 00 00 01}. {@link io.gscam.media.MediaSample}s carry H.264 this way.
 */
public final class AnnexB {
    /** The start code units are written with (package-shared; never modified). */
    static final byte[] START_CODE = {0, 0, 0, 1};
    private static final VarHandle LITTLE_ENDIAN_LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private AnnexB() {
    }

    /**
     * Splits a byte stream or access unit into its NAL units. Start codes of 3 or 4 bytes are
     * accepted; zero bytes before a start code (trailing_zero_8bits) are not part of any unit, as
     * H.264 B.2 says, and empty units are skipped. Bytes before the first start code are taken as a
     * NAL unit of their own, since a stream cut at a unit boundary is more likely than garbage.
     */
    public static List<NalUnit> split(byte[] stream) {
        List<NalUnit> units = new ArrayList<>();
        int unitStart = 0;
        for (int sc = indexOfStartCode(stream, 0, stream.length); sc >= 0;
                sc = indexOfStartCode(stream, unitStart, stream.length)) {
            addUnit(units, stream, unitStart, sc);
            unitStart = sc + 3;
        }
        addUnit(units, stream, unitStart, stream.length);
        return units;
    }

    /**
     * The position of the first 3-byte start code {@code 00 00 01} lying wholly in
     * {@code data[from..to)}, or -1. A 4-byte start code is found at its second byte; its leading
     * zero is left to {@link #unitEnd}.
     *
     * <p>Every access unit is scanned twice on the way from camera to file (the depacketizer checks
     * each unit for an embedded start code, the muxer finds the units), so this reads eight bytes at a
     * time: a start code begins with a zero byte, and a word with no zero byte is skipped whole (coded
     * slices have about one zero byte in 256). A word with one goes on from its first zero byte.
     */
    public static int indexOfStartCode(byte[] data, int from, int to) {
        int last = to - 2; // a start code at i needs i + 2 < to
        int i = from;
        while (i < last) {
            if (i + Long.BYTES <= to) {
                long word = (long) LITTLE_ENDIAN_LONGS.get(data, i);
                long zeros = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
                if (zeros == 0) {
                    i += Long.BYTES;
                    continue;
                }
                // The lowest flagged byte is a zero byte (a borrow can only flag bytes above one).
                i += Long.numberOfTrailingZeros(zeros) >>> 3;
                if (i >= last) {
                    break;
                }
            } else if (data[i] != 0) {
                i++;
                continue;
            }
            if (data[i + 1] == 0 && data[i + 2] == 1) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /**
     * The end of the NAL unit whose bytes run from {@code from} up to the next start code at
     * {@code to}: zero bytes before a start code (the zero_byte of a 4-byte start code, or
     * trailing_zero_8bits) are not part of any unit, as H.264 B.2 says.
     */
    public static int unitEnd(byte[] data, int from, int to) {
        while (to > from && data[to - 1] == 0) {
            to--;
        }
        return to;
    }

    private static void addUnit(List<NalUnit> units, byte[] stream, int from, int to) {
        int end = unitEnd(stream, from, to);
        if (end > from) {
            units.add(new NalUnit(Arrays.copyOfRange(stream, from, end)));
        }
    }

    /** Joins NAL units into Annex-B, each after a 4-byte start code. */
    public static byte[] join(List<NalUnit> units) {
        int size = 0;
        for (NalUnit u : units) {
            size += START_CODE.length + u.size();
        }
        byte[] out = new byte[size];
        int at = 0;
        for (NalUnit u : units) {
            System.arraycopy(START_CODE, 0, out, at, START_CODE.length);
            at += START_CODE.length;
            System.arraycopy(u.bytes(), 0, out, at, u.size());
            at += u.size();
        }
        return out;
    }

    /** Whether the access unit holds a coded slice of an IDR picture: a point a decoder can start from. */
    public static boolean containsIdr(List<NalUnit> units) {
        for (NalUnit u : units) {
            if (u.isIdr()) {
                return true;
            }
        }
        return false;
    }
}
