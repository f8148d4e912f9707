package io.gscam.camera.source;

import io.gscam.media.h264.AccessUnitSplitter;
import io.gscam.media.h264.H264PayloadFormat;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.protocol.ParseException;

import java.util.ArrayList;
import java.util.List;

/**
 * H.264 elementary streams as {@link Clip}s and the SDP description of an H.264 track
 * ({@code H264/90000}, {@code packetization-mode=1}, {@code profile-level-id},
 * {@code sprop-parameter-sets}).
 */
public final class H264Clips {
    /** The dynamic payload type the spec's camera uses for H.264. */
    public static final int PAYLOAD_TYPE = 96;
    public static final int CLOCK_RATE = H264PayloadFormat.CLOCK_RATE;

    private H264Clips() {
    }

    /**
     * A clip of a whole Annex-B stream at a constant frame rate. Access units before the first
     * keyframe are dropped; the first keyframe must carry SPS and PPS, so each loop starts
     * decodable, and they give the track's fmtp.
     *
     * @throws IllegalArgumentException when the stream has no keyframe with SPS and PPS, or an
     *                                  access unit over 16 MiB
     */
    public static Clip fromAnnexB(byte[] stream, int width, int height, FrameRate frameRate, int bitrateKbps) {
        List<AccessUnitSplitter.AccessUnit> units;
        try {
            AccessUnitSplitter splitter = new AccessUnitSplitter();
            units = new ArrayList<>(splitter.push(stream, 0, stream.length));
            units.addAll(splitter.finish());
        } catch (ParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        int first = 0;
        while (first < units.size() && !units.get(first).keyframe()) {
            first++;
        }
        if (first == units.size()) {
            throw new IllegalArgumentException("H.264 stream has no IDR access unit");
        }
        AccessUnitSplitter.AccessUnit key = units.get(first);
        if (key.sps() == null || key.pps() == null) {
            throw new IllegalArgumentException("the first IDR access unit carries no SPS and PPS");
        }
        List<byte[]> frames = new ArrayList<>();
        List<Boolean> keys = new ArrayList<>();
        for (AccessUnitSplitter.AccessUnit u : units.subList(first, units.size())) {
            frames.add(u.data());
            keys.add(u.keyframe());
        }
        TrackInfo track = TrackInfo.video(format(key.sps(), key.pps()), width, height, frameRate, bitrateKbps);
        return Clip.atFrameRate(track, frameRate, frames, keys);
    }

    /** The RTP payload format of an H.264 stream with these parameter sets (NAL units without start codes). */
    public static MediaFormat format(byte[] sps, byte[] pps) {
        return H264PayloadFormat.mediaFormat(PAYLOAD_TYPE, sps, pps);
    }
}
