package io.gscam.camera.source;

import io.gscam.media.h264.AnnexB;
import io.gscam.media.h264.NalUnit;
import io.gscam.media.h264.SequenceParameterSet;
import io.gscam.media.h264.SpsParser;
import io.gscam.protocol.ParseException;

import java.util.ArrayList;
import java.util.List;

/**
 * A raw H.264 (Annex-B) stream as a looping video clip: size and frame rate from the SPS (its VUI
 * timing info, else the default rate, since raw H.264 has no timestamps), one frame per access unit
 * at that rate, from the first keyframe on.
 */
final class AnnexBClipReader {
    /** Above this an SPS's timing info is taken to be wrong rather than a real camera rate. */
    private static final double MAX_FRAME_RATE = 1000;

    private AnnexBClipReader() {
    }

    /**
     * @param notes collects what was assumed or dropped (no timing info, frames before the first IDR)
     * @throws ParseException when the stream has no keyframe with SPS and PPS, or its SPS does not parse
     */
    static Clip read(byte[] stream, FrameRate defaultRate, List<String> notes) throws ParseException {
        Clip parsed;
        try {
            // Size and rate are placeholders until the SPS of the first keyframe is read.
            parsed = H264Clips.fromAnnexB(stream, 16, 16, defaultRate, 0);
        } catch (IllegalArgumentException e) {
            throw new ParseException("not a playable raw H.264 (Annex-B) stream: " + e.getMessage(), 0, e);
        }
        List<NalUnit> first = AnnexB.split(parsed.samples().get(0).data());
        NalUnit spsUnit = first.stream().filter(NalUnit::isSps).findFirst().orElseThrow();
        SequenceParameterSet sps = sps(spsUnit.bytes());
        FrameRate rate = defaultRate;
        if (sps.frameRate().isPresent() && sps.frameRate().getAsDouble() <= MAX_FRAME_RATE) {
            rate = MeasuredRates.frameRate(sps.frameRate().getAsDouble());
        } else {
            notes.add("the SPS has no frame rate (VUI timing info); playing at " + rate + " fps");
        }
        if (!firstSliceIsIdr(stream)) {
            notes.add("the stream does not start with a keyframe: frames before the first IDR dropped");
        }
        List<byte[]> frames = new ArrayList<>(parsed.size());
        List<Boolean> keys = new ArrayList<>(parsed.size());
        for (Clip.Sample s : parsed.samples()) {
            frames.add(s.data());
            keys.add(s.keyframe());
        }
        double seconds = parsed.size() / rate.perSecond();
        TrackInfo track = TrackInfo.video(parsed.track().format(), sps.width(), sps.height(), rate,
                MeasuredRates.kbps(parsed.totalBytes(), seconds));
        return Clip.atFrameRate(track, rate, frames, keys);
    }

    /** Whether the first slice of the stream is an IDR slice (a byte scan; only for the note). */
    private static boolean firstSliceIsIdr(byte[] stream) {
        for (int sc = AnnexB.indexOfStartCode(stream, 0, stream.length); sc >= 0 && sc + 3 < stream.length;
                sc = AnnexB.indexOfStartCode(stream, sc + 3, stream.length)) {
            NalUnit header = new NalUnit(new byte[] {stream[sc + 3]});
            if (header.isSlice()) {
                return header.isIdr();
            }
        }
        return true;
    }

    private static SequenceParameterSet sps(byte[] nal) throws ParseException {
        try {
            return SpsParser.parse(nal);
        } catch (ParseException e) {
            throw new ParseException("SPS: " + e.reason(), e.offset(), e);
        }
    }
}
