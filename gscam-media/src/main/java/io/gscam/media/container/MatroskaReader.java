package io.gscam.media.container;

import io.gscam.media.MediaKind;
import io.gscam.media.g726.G726Packing;
import io.gscam.protocol.ParseException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads back Matroska as {@link MatroskaWriter} writes it (and live muxers in general): the track
 * entries and every SimpleBlock with its track number, time and keyframe flag. Unknown-sized
 * Segments and Clusters are followed (a Cluster of unknown size ends at the next level-1 element),
 * and a file cut short (a recording killed mid-cluster) yields the blocks that are whole.
 *
 * <p>Not handled, because gscam never writes them: laced blocks and BlockGroups are skipped,
 * ContentEncodings (compression) are ignored.
 */
public final class MatroskaReader {
    private static final int ID_EBML = 0x1A45DFA3;
    private static final int ID_SEGMENT = 0x18538067;
    private static final int ID_INFO = 0x1549A966;
    private static final int ID_TIMESTAMP_SCALE = 0x2AD7B1;
    private static final int ID_TRACKS = 0x1654AE6B;
    private static final int ID_TRACK_ENTRY = 0xAE;
    private static final int ID_CLUSTER = 0x1F43B675;
    private static final int ID_CLUSTER_TIMESTAMP = 0xE7;
    private static final int ID_SIMPLE_BLOCK = 0xA3;
    private static final long UNKNOWN = -1;

    /**
     * One TrackEntry.
     *
     * @param number        TrackNumber, what blocks refer to
     * @param type          TrackType: 1 video, 2 audio
     * @param codecId       CodecID, e.g. {@code V_MPEG4/ISO/AVC}, {@code A_MS/ACM}
     * @param codecPrivate  CodecPrivate (avcC for H.264, WAVEFORMATEX for A_MS/ACM), empty when absent
     * @param samplingRate  audio SamplingFrequency, 0 for video
     */
    public record TrackEntry(int number, int type, String codecId, byte[] codecPrivate, int width, int height,
                             double samplingRate, int channels, int bitDepth) {

        public MediaKind kind() {
            return type == 1 ? MediaKind.VIDEO : MediaKind.AUDIO;
        }

        /** The avcC of an H.264 track. */
        public AvcDecoderConfigurationRecord avcConfig() throws ParseException {
            return AvcDecoderConfigurationRecord.parse(codecPrivate);
        }

        /**
         * The track as gscam-media's writers take it, or null for a codec gscam does not carry
         * (samples: H.264 as 4-byte length-prefixed NAL units, G.726 in AAL2 packing as
         * {@link MatroskaWriter} and ffmpeg store it).
         *
         * @throws ParseException when the entry's values make no track (a negative size or rate, no avcC)
         */
        public Track toTrack() throws ParseException {
            try {
                return track();
            } catch (IllegalArgumentException e) { // Track's own checks: the file's values, not a bug here
                throw new ParseException("track " + number + ": " + e.getMessage(), 0);
            }
        }

        private Track track() throws ParseException {
            int rate = (int) Math.round(samplingRate);
            switch (codecId) {
                case "V_MPEG4/ISO/AVC": {
                    AvcDecoderConfigurationRecord avc = avcConfig();
                    return new Track(TrackCodec.H264, 90_000, width, height, 0, 0, 0, null, avc.sps(), avc.pps());
                }
                case "V_MJPEG":
                    return Track.mjpeg(width, height);
                case "A_PCM/INT/LIT":
                    return bitDepth == 16 && rate > 0 && channels > 0 ? Track.pcmS16le(rate, channels) : null;
                case "A_MS/ACM": {
                    if (codecPrivate.length < 16) {
                        throw new ParseException("A_MS/ACM track " + number + " without a WAVEFORMATEX", 0);
                    }
                    int tag = le16(codecPrivate, 0);
                    int wfChannels = le16(codecPrivate, 2);
                    int wfRate = le16(codecPrivate, 4) | le16(codecPrivate, 6) << 16;
                    int bits = le16(codecPrivate, 14);
                    if (wfChannels != 1) {
                        return null;
                    }
                    return switch (tag) {
                        case 0x0007 -> Track.pcmu(wfRate);
                        case 0x0006 -> Track.pcma(wfRate);
                        case 0x0045 -> bits >= 2 && bits <= 5 && wfRate == 8000 ? Track.g726(bits, G726Packing.AAL2_BE) : null;
                        default -> null;
                    };
                }
                default:
                    return null;
            }
        }

        private static int le16(byte[] b, int at) {
            return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
        }
    }

    /**
     * One SimpleBlock: its payload is {@code size} bytes at {@code offset} of the file.
     *
     * @param timeNanos the block's time (cluster timestamp plus the block's offset, times the timestamp scale)
     */
    public record Block(int track, long timeNanos, boolean keyframe, int offset, int size) {
    }

    private final byte[] file;
    private final List<TrackEntry> tracks;
    private final List<Block> blocks;

    private MatroskaReader(byte[] file, List<TrackEntry> tracks, List<Block> blocks) {
        this.file = file;
        this.tracks = List.copyOf(tracks);
        this.blocks = List.copyOf(blocks);
    }

    public static MatroskaReader open(Path path) throws IOException, ParseException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException(path.getFileName() + ": too large to read (" + size + " bytes)");
            }
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining() && ch.read(b) >= 0) {
                // read it all
            }
            return parse(Arrays.copyOf(b.array(), b.position()));
        }
    }

    /** Parses a whole (or cut short) Matroska file held in memory. */
    public static MatroskaReader parse(byte[] file) throws ParseException {
        long[] el = new long[3];
        List<TrackEntry> tracks = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        int p = 0;
        if (!element(file, p, file.length, el) || (int) el[0] != ID_EBML) {
            throw new ParseException("not a Matroska file: no EBML header", 0);
        }
        while (element(file, p, file.length, el)) {
            if ((int) el[0] != ID_SEGMENT) {
                if (el[1] == UNKNOWN) {
                    break;
                }
                p = (int) Math.min(file.length, el[2] + el[1]);
                continue;
            }
            int segEnd = el[1] == UNKNOWN ? file.length : (int) Math.min(file.length, el[2] + el[1]);
            long scale = 1_000_000;
            int q = (int) el[2];
            while (q < segEnd && element(file, q, segEnd, el)) {
                int id = (int) el[0];
                int data = (int) el[2];
                if (id == ID_CLUSTER) {
                    int end = el[1] == UNKNOWN ? segEnd : (int) Math.min(segEnd, data + el[1]);
                    q = cluster(file, data, end, scale, blocks);
                    continue;
                }
                if (el[1] == UNKNOWN || data + el[1] > segEnd) {
                    break; // a header element cut short: nothing after it is whole
                }
                int end = (int) (data + el[1]);
                if (id == ID_INFO) {
                    for (int r = data; element(file, r, end, el) && el[1] != UNKNOWN && el[2] + el[1] <= end; r = (int) (el[2] + el[1])) {
                        if ((int) el[0] == ID_TIMESTAMP_SCALE) {
                            scale = uint(file, (int) el[2], (int) el[1]);
                        }
                    }
                } else if (id == ID_TRACKS) {
                    for (int r = data; element(file, r, end, el) && el[1] != UNKNOWN && el[2] + el[1] <= end; r = (int) (el[2] + el[1])) {
                        if ((int) el[0] == ID_TRACK_ENTRY) {
                            tracks.add(trackEntry(file, (int) el[2], (int) (el[2] + el[1])));
                        }
                    }
                }
                q = end;
            }
            break;
        }
        return new MatroskaReader(file, tracks, blocks);
    }

    /** Reads a cluster's blocks; returns where the next level-1 element starts. */
    private static int cluster(byte[] f, int from, int end, long scale, List<Block> out) {
        long[] el = new long[3];
        long clusterTime = 0;
        int r = from;
        while (r < end && element(f, r, end, el)) {
            if (el[0] > 0xFFFFFF) {
                return r; // a level-1 ID (4 bytes): an unknown-sized cluster ends here
            }
            if (el[1] == UNKNOWN || el[2] + el[1] > end) {
                return end; // cut short
            }
            int data = (int) el[2];
            int size = (int) el[1];
            if ((int) el[0] == ID_CLUSTER_TIMESTAMP) {
                clusterTime = uint(f, data, size);
            } else if ((int) el[0] == ID_SIMPLE_BLOCK) {
                block(f, data, size, clusterTime, scale, out);
            }
            r = data + size;
        }
        return r;
    }

    private static void block(byte[] f, int data, int size, long clusterTime, long scale, List<Block> out) {
        if (size < 4) {
            return; // not even a track number, timecode and flags (and f[data] may lie past the file)
        }
        int first = f[data] & 0xFF;
        int len = Integer.numberOfLeadingZeros(first) - 23;
        if (len < 1 || len > 8 || len + 3 > size) {
            return;
        }
        long track = first & (0xFF >>> len);
        for (int i = 1; i < len; i++) {
            track = (track << 8) | (f[data + i] & 0xFF);
        }
        int h = data + len;
        short relative = (short) (((f[h] & 0xFF) << 8) | (f[h + 1] & 0xFF));
        int flags = f[h + 2] & 0xFF;
        if ((flags & 0x06) != 0) {
            return; // laced: not written by gscam
        }
        int payloadAt = h + 3;
        out.add(new Block((int) track, (clusterTime + relative) * scale, (flags & 0x80) != 0, payloadAt, data + size - payloadAt));
    }

    private static TrackEntry trackEntry(byte[] f, int from, int end) {
        long[] el = new long[3];
        int number = 0;
        int type = 0;
        String codecId = "";
        byte[] codecPrivate = new byte[0];
        int width = 0;
        int height = 0;
        double rate = 0;
        int channels = 1;
        int bitDepth = 0;
        for (int r = from; element(f, r, end, el) && el[1] != UNKNOWN && el[2] + el[1] <= end; r = (int) (el[2] + el[1])) {
            int d = (int) el[2];
            int n = (int) el[1];
            switch ((int) el[0]) {
                case 0xD7 -> number = (int) uint(f, d, n);
                case 0x83 -> type = (int) uint(f, d, n);
                case 0x86 -> codecId = new String(f, d, n, StandardCharsets.US_ASCII).trim();
                case 0x63A2 -> codecPrivate = Arrays.copyOfRange(f, d, d + n);
                case 0xE0 -> {
                    long[] v = new long[3];
                    for (int s = d; element(f, s, d + n, v) && v[1] != UNKNOWN && v[2] + v[1] <= d + n; s = (int) (v[2] + v[1])) {
                        if ((int) v[0] == 0xB0) {
                            width = (int) uint(f, (int) v[2], (int) v[1]);
                        } else if ((int) v[0] == 0xBA) {
                            height = (int) uint(f, (int) v[2], (int) v[1]);
                        }
                    }
                }
                case 0xE1 -> {
                    long[] a = new long[3];
                    for (int s = d; element(f, s, d + n, a) && a[1] != UNKNOWN && a[2] + a[1] <= d + n; s = (int) (a[2] + a[1])) {
                        int ad = (int) a[2];
                        int an = (int) a[1];
                        switch ((int) a[0]) {
                            case 0xB5 -> rate = an == 4 ? Float.intBitsToFloat((int) uint(f, ad, 4))
                                    : an == 8 ? Double.longBitsToDouble(uint(f, ad, 8)) : 0;
                            case 0x9F -> channels = (int) uint(f, ad, an);
                            case 0x6264 -> bitDepth = (int) uint(f, ad, an);
                            default -> { }
                        }
                    }
                }
                default -> { }
            }
        }
        return new TrackEntry(number, type, codecId, codecPrivate, width, height, rate, channels, bitDepth);
    }

    public List<TrackEntry> tracks() {
        return tracks;
    }

    /** The SimpleBlocks in file order. */
    public List<Block> blocks() {
        return blocks;
    }

    /** A block's payload (a copy). */
    public byte[] payload(Block b) {
        return Arrays.copyOfRange(file, b.offset(), b.offset() + b.size());
    }

    /** Reads the element header at {@code p} into {id, size or UNKNOWN, data offset}; false when it does not fit before {@code limit}. */
    private static boolean element(byte[] b, int p, int limit, long[] out) {
        if (p >= limit) {
            return false;
        }
        int idLen = Integer.numberOfLeadingZeros(b[p] & 0xFF) - 23;
        if (idLen < 1 || idLen > 4 || p + idLen >= limit) {
            return false;
        }
        long id = 0;
        for (int i = 0; i < idLen; i++) {
            id = (id << 8) | (b[p + i] & 0xFF);
        }
        int s = p + idLen;
        int first = b[s] & 0xFF;
        int sizeLen = Integer.numberOfLeadingZeros(first) - 23;
        if (sizeLen < 1 || sizeLen > 8 || s + sizeLen > limit) {
            return false;
        }
        long v = first & (0xFF >>> sizeLen);
        boolean allOnes = v == (0xFF >>> sizeLen);
        for (int i = 1; i < sizeLen; i++) {
            int x = b[s + i] & 0xFF;
            allOnes &= x == 0xFF;
            v = (v << 8) | x;
        }
        out[0] = id;
        out[1] = allOnes ? UNKNOWN : v;
        out[2] = s + sizeLen;
        return true;
    }

    private static long uint(byte[] b, int at, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }
}
