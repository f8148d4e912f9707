package io.gscam.camera.source;

import io.gscam.media.MediaKind;
import io.gscam.media.container.Mp4Reader;
import io.gscam.media.container.Mp4Sample;
import io.gscam.media.container.Mp4Track;
import io.gscam.media.container.TrackCodec;
import io.gscam.media.g711.G711Law;
import io.gscam.media.h264.SequenceParameterSet;
import io.gscam.media.h264.SpsParser;
import io.gscam.protocol.ParseException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tracks of an MP4/MOV file as a looping clip: the first H.264 track, its times converted from
 * the file's sample times to 90 kHz (a variable frame rate is kept), and the first G.711 audio track
 * (ulaw, alaw, or 16-bit {@code sowt} PCM encoded to mu-law) at 8 kHz mono. Other audio (AAC) is
 * skipped with a note, since the camera serves G.711 only. Both start at the first keyframe.
 */
final class Mp4ClipReader {
    private static final int VIDEO_CLOCK = H264Clips.CLOCK_RATE;
    private static final int AUDIO_CLOCK = G711LoopBuilder.SAMPLE_RATE;

    /** The video clip, and the file's audio or null when it has none the camera can serve. */
    record Mp4Clips(Clip video, AudioPieces audio) {
    }

    private final Mp4Reader reader;
    private final List<String> notes;

    private Mp4ClipReader(Mp4Reader reader, List<String> notes) {
        this.reader = reader;
        this.notes = notes;
    }

    /**
     * @param audio whether to read the audio track at all
     * @param notes collects what was dropped or skipped
     */
    static Mp4Clips read(Mp4Reader reader, FrameRate defaultRate, boolean audio, List<String> notes)
            throws IOException, ParseException {
        Mp4ClipReader r = new Mp4ClipReader(reader, notes);
        Mp4Track v = r.videoTrack();
        Clip video = r.video(v, defaultRate);
        return new Mp4Clips(video, audio ? r.audio(v, v.decodeTime(firstKeyframe(v))) : null);
    }

    private Mp4Track videoTrack() throws ParseException {
        for (Mp4Track t : reader.tracks()) {
            if (t.codec() == TrackCodec.H264) {
                return t;
            }
        }
        throw new ParseException("no H.264 video track (tracks: " + reader.tracks() + ")", 0);
    }

    private static int firstKeyframe(Mp4Track v) throws ParseException {
        for (int i = 0; i < v.sampleCount(); i++) {
            if (v.keyframe(i)) {
                return i;
            }
        }
        throw new ParseException("H.264 track " + v.trackId() + " has no keyframe (" + v.sampleCount() + " samples)", 0);
    }

    private Clip video(Mp4Track v, FrameRate defaultRate) throws IOException, ParseException {
        if (v.avcConfig() == null || v.avcConfig().sps().isEmpty() || v.avcConfig().pps().isEmpty()) {
            throw new ParseException("H.264 track " + v.trackId() + " has no SPS and PPS in its avcC", 0);
        }
        if (v.timescale() <= 0) {
            throw new ParseException("H.264 track " + v.trackId() + " has timescale " + v.timescale(), 0);
        }
        int first = firstKeyframe(v);
        if (first > 0) {
            notes.add("dropped " + first + " frame(s) before the first keyframe");
        }
        long start = v.decodeTime(first);
        List<Clip.Sample> samples = new ArrayList<>(v.sampleCount() - first);
        long previous = -1;
        for (int i = first; i < v.sampleCount(); i++) {
            Mp4Sample s = reader.readSample(v, i);
            // Decode order with decode times: increasing, as a clip needs; equal times in a broken file are nudged apart.
            long ticks = Math.max(rescale(s.decodeTime() - start, v.timescale(), VIDEO_CLOCK), previous + 1);
            samples.add(new Clip.Sample(ticks, s.data(), s.keyframe()));
            previous = ticks;
        }
        int last = v.sampleCount() - 1;
        long lastDuration = v.duration(last);
        long end = rescale(v.decodeTime(last) + lastDuration - start, v.timescale(), VIDEO_CLOCK);
        if (lastDuration == 0 || end <= previous) {
            // No duration for the last frame: the average of the others, or for a lone frame the default rate's.
            long frame = samples.size() > 1 ? previous / (samples.size() - 1) : defaultRate.ticks(1, VIDEO_CLOCK);
            end = previous + Math.max(1, frame);
        }
        byte[] spsBytes = v.avcConfig().sps().get(0);
        byte[] ppsBytes = v.avcConfig().pps().get(0);
        int width = v.width();
        int height = v.height();
        try {
            SequenceParameterSet sps = SpsParser.parse(spsBytes);
            width = sps.width();
            height = sps.height();
        } catch (ParseException e) {
            notes.add("the SPS does not parse (" + e.getMessage() + "); using the track's size " + width + "x" + height);
        }
        if (width <= 0 || height <= 0) {
            throw new ParseException("H.264 track " + v.trackId() + " has no picture size", 0);
        }
        double seconds = (double) end / VIDEO_CLOCK;
        long bytes = 0;
        for (Clip.Sample s : samples) {
            bytes += s.data().length;
        }
        TrackInfo track = TrackInfo.video(H264Clips.format(spsBytes, ppsBytes), width, height,
                MeasuredRates.frameRate(samples.size() / seconds), MeasuredRates.kbps(bytes, seconds));
        return new Clip(track, samples, end);
    }

    /** The first G.711 (or 16-bit PCM) track at 8 kHz mono, placed relative to the video's start; null if none. */
    private AudioPieces audio(Mp4Track video, long videoStart) throws IOException, ParseException {
        AudioPieces found = null;
        for (Mp4Track a : reader.tracks()) {
            if (a.kind() != MediaKind.AUDIO) {
                continue;
            }
            String what = "audio track " + a.trackId() + " (" + a.sampleEntryType().strip() + ", " + a.sampleRate()
                    + " Hz, " + a.channels() + " ch)";
            if (found != null) {
                notes.add(what + " skipped: only one audio track is served");
                continue;
            }
            TrackCodec codec = a.codec();
            if (codec != TrackCodec.PCMU && codec != TrackCodec.PCMA && codec != TrackCodec.PCM_S16LE) {
                notes.add(what + " skipped: the camera serves G.711 audio (ulaw/alaw), not this codec");
                continue;
            }
            if (a.sampleRate() != AUDIO_CLOCK || a.channels() != 1 || a.timescale() <= 0) {
                notes.add(what + " skipped: G.711 needs 8000 Hz mono");
                continue;
            }
            G711Law law = codec == TrackCodec.PCMA ? G711Law.A_LAW : G711Law.MU_LAW;
            List<AudioPieces.Piece> pieces = new ArrayList<>();
            double videoStartSeconds = (double) videoStart / video.timescale();
            long end = 0;
            for (int i = 0; i < a.sampleCount(); i++) {
                Mp4Sample chunk = reader.readSample(a, i);
                byte[] codes = codec == TrackCodec.PCM_S16LE ? AudioPieces.muLawFromPcm16le(chunk.data()) : chunk.data();
                double seconds = (double) chunk.decodeTime() / a.timescale() - videoStartSeconds;
                long at = Math.round(seconds * AUDIO_CLOCK);
                pieces.add(new AudioPieces.Piece(at, codes));
                end = Math.max(end, at + codes.length);
            }
            found = new AudioPieces(law, pieces, end, what);
        }
        return found;
    }

    /** {@code value} ticks of a {@code from} clock in ticks of a {@code to} clock, rounded down. */
    private static long rescale(long value, long from, long to) throws ParseException {
        try {
            return Math.floorDiv(Math.multiplyExact(value, to), from);
        } catch (ArithmeticException e) {
            throw new ParseException("sample time " + value + "/" + from + " s out of range", 0);
        }
    }
}
