package io.gscam.nvr.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * The movie fragments of a fragmented MP4 segment as {@code FragmentedMp4Writer} writes them
 * ({@code ftyp}, {@code moov}, then {@code moof}+{@code mdat} pairs, {@code mfra} at a clean close;
 * written with {@code O_DIRECT}, a {@code free} box after the moov and after each fragment):
 * where each whole fragment is, and each track's samples in it. Used to trim a file a crash cut
 * short back to its last whole fragment (as Moonfire NVR trims to the last complete recording),
 * to measure its duration, and to read samples back for {@code /get}.
 *
 * @param headerEnd  where the first fragment starts (after ftyp and moov); 0 when the moov is not whole
 * @param wholeEnd   where the last whole fragment (or the mfra after it) ends: the length to keep
 * @param fragments  every whole fragment, in file order
 */
public record Fragments(long headerEnd, long wholeEnd, List<Fragment> fragments) {
    private static final int MAX_MOOF = 16 << 20;

    /** One traf: a track's run of samples in a fragment. */
    public record Run(int trackId, long baseTime, List<Sample> samples) {
        public long endTime() {
            long t = baseTime;
            for (Sample s : samples) {
                t += s.duration();
            }
            return t;
        }
    }

    /**
     * @param offset    absolute file offset of the sample's bytes
     * @param ctsOffset presentation minus decode time, in track ticks
     */
    public record Sample(long offset, int size, long duration, boolean sync, long ctsOffset) {
    }

    /** A moof and its mdat. */
    public record Fragment(long offset, long end, List<Run> runs) {
    }

    /** The latest end time of {@code trackId} over every fragment, in its ticks (0 without samples). */
    public long endTime(int trackId) {
        long end = 0;
        for (Fragment f : fragments) {
            for (Run r : f.runs()) {
                if (r.trackId() == trackId) {
                    end = Math.max(end, r.endTime());
                }
            }
        }
        return end;
    }

    public static Fragments scan(FileChannel ch) throws IOException {
        long size = ch.size();
        long at = 0;
        long headerEnd = 0;
        long wholeEnd = 0;
        List<Fragment> fragments = new ArrayList<>();
        ByteBuffer head = ByteBuffer.allocate(16);
        while (at + 8 <= size) {
            long[] box = boxAt(ch, at, size, head);
            if (box == null) {
                break;
            }
            long boxSize = box[0];
            String type = fourcc((int) box[1]);
            if (at + boxSize > size) {
                break; // cut short
            }
            switch (type) {
                case "ftyp" -> {
                }
                case "moov" -> {
                    headerEnd = at + boxSize;
                    wholeEnd = headerEnd;
                }
                case "moof" -> {
                    if (headerEnd == 0 || boxSize > MAX_MOOF) {
                        return new Fragments(headerEnd, wholeEnd, fragments);
                    }
                    long mdatAt = at + boxSize;
                    long[] mdat = mdatAt + 8 <= size ? boxAt(ch, mdatAt, size, head) : null;
                    if (mdat == null || !fourcc((int) mdat[1]).equals("mdat") || mdatAt + mdat[0] > size) {
                        return new Fragments(headerEnd, wholeEnd, fragments);
                    }
                    ByteBuffer moof = ByteBuffer.allocate((int) boxSize);
                    readFully(ch, moof, at);
                    List<Run> runs = parseMoof(moof, at);
                    fragments.add(new Fragment(at, mdatAt + mdat[0], runs));
                    boxSize += mdat[0];
                    wholeEnd = at + boxSize;
                }
                case "mfra" -> wholeEnd = at + boxSize;
                case "free", "skip" -> { // O_DIRECT's padding to a block boundary
                    if (headerEnd > 0) {
                        wholeEnd = at + boxSize;
                    }
                }
                default -> {
                    return new Fragments(headerEnd, wholeEnd, fragments); // not ours: keep what was whole
                }
            }
            at += boxSize;
        }
        return new Fragments(headerEnd, wholeEnd, fragments);
    }

    /** {size, fourcc} of the box at {@code at}, or null when its header is unreadable. */
    private static long[] boxAt(FileChannel ch, long at, long fileSize, ByteBuffer head) throws IOException {
        head.clear().limit((int) Math.min(16, fileSize - at));
        readFully(ch, head, at);
        long s = head.getInt(0) & 0xFFFFFFFFL;
        int type = head.getInt(4);
        if (s == 1) {
            if (head.limit() < 16) {
                return null;
            }
            s = head.getLong(8);
        } else if (s == 0) {
            s = fileSize - at;
        }
        return s < 8 ? null : new long[]{s, type};
    }

    private static List<Run> parseMoof(ByteBuffer moof, long moofAt) {
        List<Run> runs = new ArrayList<>();
        int p = 8;
        while (p + 8 <= moof.limit()) {
            int size = moof.getInt(p);
            String type = fourcc(moof.getInt(p + 4));
            if (size < 8 || p + size > moof.limit()) {
                break;
            }
            if (type.equals("traf")) {
                runs.add(parseTraf(moof, p + 8, p + size, moofAt));
            }
            p += size;
        }
        return runs;
    }

    private static Run parseTraf(ByteBuffer b, int from, int to, long moofAt) {
        int trackId = 0;
        long base = 0;
        long baseOffset = moofAt;
        long defaultDuration = 0;
        int defaultSize = 0;
        int defaultFlags = 0;
        List<Sample> samples = new ArrayList<>();
        int p = from;
        while (p + 8 <= to) {
            int size = b.getInt(p);
            String type = fourcc(b.getInt(p + 4));
            int body = p + 8;
            int version = b.get(body) & 0xFF;
            int flags = b.getInt(body) & 0xFFFFFF;
            int q = body + 4;
            switch (type) {
                case "tfhd" -> {
                    trackId = b.getInt(q);
                    q += 4;
                    if ((flags & 0x01) != 0) {
                        baseOffset = b.getLong(q);
                        q += 8;
                    }
                    if ((flags & 0x02) != 0) {
                        q += 4;
                    }
                    if ((flags & 0x08) != 0) {
                        defaultDuration = b.getInt(q) & 0xFFFFFFFFL;
                        q += 4;
                    }
                    if ((flags & 0x10) != 0) {
                        defaultSize = b.getInt(q);
                        q += 4;
                    }
                    if ((flags & 0x20) != 0) {
                        defaultFlags = b.getInt(q);
                    }
                }
                case "tfdt" -> base = version == 1 ? b.getLong(q) : b.getInt(q) & 0xFFFFFFFFL;
                case "trun" -> {
                    int count = b.getInt(q);
                    q += 4;
                    long dataAt = baseOffset;
                    if ((flags & 0x01) != 0) {
                        dataAt = baseOffset + b.getInt(q);
                        q += 4;
                    }
                    int firstFlags = defaultFlags;
                    boolean hasFirst = (flags & 0x04) != 0;
                    if (hasFirst) {
                        firstFlags = b.getInt(q);
                        q += 4;
                    }
                    for (int i = 0; i < count; i++) {
                        long dur = defaultDuration;
                        int sz = defaultSize;
                        int fl = i == 0 && hasFirst ? firstFlags : defaultFlags;
                        long cts = 0;
                        if ((flags & 0x100) != 0) {
                            dur = b.getInt(q) & 0xFFFFFFFFL;
                            q += 4;
                        }
                        if ((flags & 0x200) != 0) {
                            sz = b.getInt(q);
                            q += 4;
                        }
                        if ((flags & 0x400) != 0) {
                            fl = b.getInt(q);
                            q += 4;
                        }
                        if ((flags & 0x800) != 0) {
                            cts = version == 0 ? b.getInt(q) & 0xFFFFFFFFL : b.getInt(q);
                            q += 4;
                        }
                        boolean sync = (fl & 0x00010000) == 0; // sample_is_non_sync_sample clear
                        samples.add(new Sample(dataAt, sz, dur, sync, cts));
                        dataAt += sz;
                    }
                }
                default -> {
                }
            }
            if (size < 8) {
                break;
            }
            p += size;
        }
        return new Run(trackId, base, samples);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long at) throws IOException {
        long p = at;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, p);
            if (n < 0) {
                throw new java.io.EOFException("file ends at " + p);
            }
            p += n;
        }
        buf.flip();
    }

    private static String fourcc(int v) {
        return new String(new byte[]{(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v},
                java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
