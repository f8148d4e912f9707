package io.gscam.nvr.web;

import io.gscam.media.MediaKind;
import io.gscam.media.container.AvcDecoderConfigurationRecord;
import io.gscam.media.container.Track;
import io.gscam.media.container.TrackCodec;

import java.nio.charset.StandardCharsets;
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

    /** The init segment: ftyp and a sample-less moov; track ids are list positions + 1. */
    static byte[] init(List<Track> tracks) {
        Boxes b = new Boxes();
        b.start("ftyp").fourcc("iso5").u32(512).fourcc("iso5").fourcc("iso6").fourcc("mp41").end();
        b.start("moov");
        b.startFull("mvhd", 0, 0).u32(0).u32(0).u32(1000).u32(0)
                .u32(0x00010000).u16(0x0100).zeros(10).unityMatrix().zeros(24).u32(tracks.size() + 1L).end();
        for (int i = 0; i < tracks.size(); i++) {
            trak(b, i + 1, tracks.get(i));
        }
        b.start("mvex");
        for (int i = 0; i < tracks.size(); i++) {
            b.startFull("trex", 0, 0).u32(i + 1).u32(1).u32(0).u32(0).u32(0).end();
        }
        b.end();
        b.end();
        return b.toArray();
    }

    private static void trak(Boxes b, int id, Track track) {
        boolean video = track.kind() == MediaKind.VIDEO;
        b.start("trak");
        b.startFull("tkhd", 0, 0x3).u32(0).u32(0).u32(id).u32(0).u32(0).zeros(8)
                .u16(0).u16(0).u16(video ? 0 : 0x0100).u16(0).unityMatrix()
                .u32((long) track.width() << 16).u32((long) track.height() << 16).end();
        b.start("mdia");
        b.startFull("mdhd", 0, 0).u32(0).u32(0).u32(track.clockRate()).u32(0).u16(0x55C4).u16(0).end();
        b.startFull("hdlr", 0, 0).u32(0).fourcc(video ? "vide" : "soun").zeros(12)
                .bytes((video ? "VideoHandler\0" : "SoundHandler\0").getBytes(StandardCharsets.US_ASCII)).end();
        b.start("minf");
        if (video) {
            b.startFull("vmhd", 0, 1).zeros(8).end();
        } else {
            b.startFull("smhd", 0, 0).zeros(4).end();
        }
        b.start("dinf").startFull("dref", 0, 0).u32(1).startFull("url ", 0, 1).end().end().end();
        b.start("stbl");
        b.startFull("stsd", 0, 0).u32(1);
        if (track.codec() == TrackCodec.H264) {
            b.start("avc1").zeros(6).u16(1).u16(0).u16(0).zeros(12)
                    .u16(track.width()).u16(track.height()).u32(0x00480000).u32(0x00480000)
                    .u32(0).u16(1).zeros(32).u16(0x0018).u16(0xFFFF);
            b.start("avcC").bytes(AvcDecoderConfigurationRecord.of(track.sps(), track.pps()).toBytes()).end();
            b.end();
        } else if (track.codec() == TrackCodec.FLAC) {
            // Xiph's FLAC-in-ISOBMFF: an AudioSampleEntry 'fLaC' whose dfLa holds STREAMINFO.
            b.start("fLaC").zeros(6).u16(1).zeros(8).u16(track.channels()).u16(track.bitsPerSample())
                    .u16(0).u16(0).u32(track.sampleRate() <= 0xFFFF ? (long) track.sampleRate() << 16 : 0);
            b.startFull("dfLa", 0, 0).bytes(track.flacStreamInfo().toMetadataBlock(true)).end();
            b.end();
        } else {
            throw new IllegalArgumentException(track.codec() + " is not served to MSE");
        }
        b.end();
        b.startFull("stts", 0, 0).u32(0).end();
        b.startFull("stsc", 0, 0).u32(0).end();
        b.startFull("stsz", 0, 0).u32(0).u32(0).end();
        b.startFull("stco", 0, 0).u32(0).end();
        b.end().end().end().end();
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
