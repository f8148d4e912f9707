package io.gscam.nvr.web;

import io.gscam.media.container.FragmentedMp4Writer;
import io.gscam.media.container.Track;

import java.util.List;

/**
 * Fragmented MP4 for Media Source Extensions, one sample per fragment so that a frame is on the
 * wire as soon as it arrived (the recorder's {@code FragmentedMp4Writer} holds a sample back for
 * its duration and cuts per GOP, right for files, a GOP too late for live). Each fragment is
 * preceded by a {@code prft} box (ISO/IEC 14496-12 8.16.5, version 1) holding the sample's capture
 * time as NTP and its decode time, from which the page computes capture-to-display latency.
 */
final class LiveMp4 {
    /** Seconds from 1900 (NTP's epoch) to 1970. */
    private static final long NTP_UNIX_OFFSET = 2_208_988_800L;
    private static final int FLAGS_SYNC = 0x02000000;
    private static final int FLAGS_NON_SYNC = 0x01010000;

    private LiveMp4() {
    }

    /** The init segment: ftyp and a sample-less moov, the recorder's; track ids are list positions + 1. */
    static byte[] init(List<Track> tracks) {
        return FragmentedMp4Writer.initSegment(tracks);
    }

    /**
     * One sample as prft + moof + mdat.
     *
     * @param decodeTime   the sample's decode time in its track's timescale
     * @param captureMillis its capture time, Unix milliseconds
     */
    static byte[] fragment(int sequence, int trackId, long decodeTime, long duration, boolean sync, byte[] payload,
                           long captureMillis) {
        Boxes b = new Boxes();
        long ntpSeconds = captureMillis / 1000 + NTP_UNIX_OFFSET;
        long ntpFraction = ((captureMillis % 1000) << 32) / 1000;
        b.startFull("prft", 1, 0).u32(trackId).u32(ntpSeconds).u32(ntpFraction).u64(decodeTime).end();
        int moofAt = b.length();
        b.start("moof");
        b.startFull("mfhd", 0, 0).u32(sequence).end();
        b.start("traf");
        b.startFull("tfhd", 0, 0x020000).u32(trackId).end(); // default-base-is-moof
        b.startFull("tfdt", 1, 0).u64(decodeTime).end();
        b.startFull("trun", 0, 0x000001 | 0x000100 | 0x000200 | 0x000400).u32(1);
        int offsetAt = b.length();
        b.u32(0).u32(duration).u32(payload.length).u32(sync ? FLAGS_SYNC : FLAGS_NON_SYNC);
        b.end().end().end();
        int moofSize = b.length() - moofAt;
        byte[] head = b.toArray();
        long dataOffset = moofSize + 8L;
        head[offsetAt] = (byte) (dataOffset >>> 24);
        head[offsetAt + 1] = (byte) (dataOffset >>> 16);
        head[offsetAt + 2] = (byte) (dataOffset >>> 8);
        head[offsetAt + 3] = (byte) dataOffset;
        byte[] out = new byte[head.length + 8 + payload.length];
        System.arraycopy(head, 0, out, 0, head.length);
        int m = head.length;
        long mdat = 8L + payload.length;
        out[m] = (byte) (mdat >>> 24);
        out[m + 1] = (byte) (mdat >>> 16);
        out[m + 2] = (byte) (mdat >>> 8);
        out[m + 3] = (byte) mdat;
        out[m + 4] = 'm';
        out[m + 5] = 'd';
        out[m + 6] = 'a';
        out[m + 7] = 't';
        System.arraycopy(payload, 0, out, m + 8, payload.length);
        return out;
    }
}
