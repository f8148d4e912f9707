package io.gscam.camera.source;

import io.gscam.media.MediaKind;
import io.gscam.media.container.Mp4Reader;
import io.gscam.media.container.Mp4Sample;
import io.gscam.media.container.Mp4Track;
import io.gscam.media.container.TrackCodec;
import io.gscam.media.g711.G711Law;
import io.gscam.media.h264.AnnexB;
import io.gscam.media.h264.NalUnit;
import io.gscam.media.h264.SequenceParameterSet;
import io.gscam.media.h264.SpsParser;
import io.gscam.protocol.ParseException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Opens a media file as a looping camera channel ({@code --source CH=FILE}): raw H.264 (Annex-B,
 * {@code .h264}/{@code .264}) or MP4/MOV with an H.264 track and, where present, G.711 audio.
 *
 * <ul>
 * <li>Raw H.264: size and frame rate from the SPS (its VUI timing info, else
 *     {@link FileSourceOptions#defaultFrameRate()}), one frame per access unit at that rate. Audio
 *     comes from a file beside it with the same base name: {@code .pcmu}/{@code .ulaw}/{@code .ul}
 *     or {@code .pcma}/{@code .alaw}/{@code .al} (raw G.711 at 8 kHz), or {@code .wav} (8 kHz mono,
 *     16-bit PCM encoded to mu-law, or G.711 WAV formats 6 and 7).</li>
 * <li>MP4/MOV: the first H.264 track, its times converted from the file's sample times to 90 kHz (a
 *     variable frame rate is kept), and the first G.711 audio track (ulaw, alaw, or 16-bit
 *     {@code sowt} PCM encoded to mu-law) at 8 kHz mono. Other audio (AAC) is skipped with a note.
 *     A file without usable audio may take it from a sibling file as raw H.264 does.</li>
 * </ul>
 *
 * <p>Loop rules: the loop starts at the first keyframe (frames before it are dropped, audio before
 * it too); a file without a keyframe is an error. Audio is fitted to the video's loop: trimmed when
 * longer, padded with silence when shorter, so every loop starts video and audio together. To keep
 * them together exactly over any number of loops, the loop length is rounded to a multiple of
 * 0.5 ms (45 ticks at 90 kHz are 4 samples at 8 kHz); the last video frame is then shown up to
 * 0.25 ms longer or shorter. Timestamps are decode times (as camera streams, without B-frames, have).
 *
 * <p>Errors: a missing, unreadable, truncated or unrecognised file is an {@link IOException} whose
 * message names the file and the reason (the {@link ParseException}, when there is one, is its
 * cause). Reading is bounded by the file size; nothing waits or retries.
 */
public final class FileSources {
    private static final Set<String> ANNEX_B_EXTENSIONS = Set.of("h264", "264", "avc", "h26l");
    private static final Set<String> MP4_EXTENSIONS = Set.of("mp4", "mov", "m4v", "qt", "3gp");
    private static final Set<String> MP4_TOP_BOXES = Set.of("ftyp", "moov", "mdat", "free", "skip", "wide", "pnot");
    /** Sibling audio files, in order of preference. */
    private static final List<String> SIBLING_AUDIO = List.of("pcmu", "ulaw", "ul", "pcma", "alaw", "al", "wav");
    private static final int VIDEO_CLOCK = H264Clips.CLOCK_RATE;
    private static final int AUDIO_CLOCK = G711LoopBuilder.SAMPLE_RATE;
    /** 0.5 ms: the shortest time that is a whole number of ticks on both clocks. */
    private static final int LOOP_GRAIN_VIDEO_TICKS = 45;
    private static final int LOOP_GRAIN_AUDIO_SAMPLES = 4;
    private static final double MAX_FRAME_RATE = 1000;

    private FileSources() {
    }

    /** Opens {@code file} with {@link FileSourceOptions#DEFAULTS}. */
    public static FileSource open(Path file) throws IOException {
        return open(file, FileSourceOptions.DEFAULTS);
    }

    /**
     * Reads {@code file} whole and returns it as a looping source, positioned at its start.
     *
     * @throws IOException naming the file, when it cannot be read or holds no playable H.264
     */
    public static FileSource open(Path file, FileSourceOptions options) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such media file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": not a regular file");
        }
        long size = Files.size(file);
        if (size > options.maxFileBytes()) {
            throw new IOException(file + ": " + size + " bytes is more than the " + options.maxFileBytes()
                    + " a looping file source reads into memory");
        }
        List<String> notes = new ArrayList<>();
        try {
            return switch (containerOf(file)) {
                case MP4 -> mp4(file, options, notes);
                case ANNEX_B -> annexB(file, options, notes);
            };
        } catch (ParseException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    private enum Container { ANNEX_B, MP4 }

    /** By content where it is unmistakable (an MP4 box, a start code), else by extension. */
    private static Container containerOf(Path file) throws IOException, ParseException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(12);
        }
        String ext = extension(file);
        if (head.length >= 8 && MP4_TOP_BOXES.contains(new String(head, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1))) {
            return Container.MP4;
        }
        if (MP4_EXTENSIONS.contains(ext)) {
            return Container.MP4; // Mp4Reader says what is wrong with it
        }
        boolean startCode = head.length >= 4 && head[0] == 0 && head[1] == 0
                && (head[2] == 1 || (head[2] == 0 && head[3] == 1));
        if (startCode || ANNEX_B_EXTENSIONS.contains(ext)) {
            return Container.ANNEX_B;
        }
        throw new ParseException("not a media file gscam can play (raw H.264 .h264/.264, or .mp4/.mov with H.264)", 0);
    }

    // ---- raw H.264 ----

    private static FileSource annexB(Path file, FileSourceOptions options, List<String> notes)
            throws IOException, ParseException {
        byte[] stream = Files.readAllBytes(file);
        Clip parsed;
        try {
            // Size and rate are placeholders until the SPS of the first keyframe is read.
            parsed = H264Clips.fromAnnexB(stream, 16, 16, options.defaultFrameRate(), 0);
        } catch (IllegalArgumentException e) {
            throw new ParseException("not a playable raw H.264 (Annex-B) stream: " + e.getMessage(), 0, e);
        }
        List<NalUnit> first = AnnexB.split(parsed.samples().get(0).data());
        NalUnit spsUnit = first.stream().filter(NalUnit::isSps).findFirst().orElseThrow();
        SequenceParameterSet sps = sps(spsUnit.bytes());
        FrameRate rate = options.defaultFrameRate();
        if (sps.frameRate().isPresent() && sps.frameRate().getAsDouble() <= MAX_FRAME_RATE) {
            rate = frameRate(sps.frameRate().getAsDouble());
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
                kbps(parsed.totalBytes(), seconds));
        Clip video = Clip.atFrameRate(track, rate, frames, keys);
        return withAudio(file, video, options.audio() ? siblingAudio(file, notes) : null, notes);
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

    // ---- MP4 / MOV ----

    private static FileSource mp4(Path file, FileSourceOptions options, List<String> notes)
            throws IOException, ParseException {
        try (Mp4Reader reader = Mp4Reader.open(file)) {
            Mp4Track v = null;
            for (Mp4Track t : reader.tracks()) {
                if (t.codec() == TrackCodec.H264) {
                    v = t;
                    break;
                }
            }
            if (v == null) {
                throw new ParseException("no H.264 video track (tracks: " + reader.tracks() + ")", 0);
            }
            Clip video = mp4Video(reader, v, options, notes);
            long startTime = v.decodeTime(firstKeyframe(v));
            AudioPieces audio = null;
            if (options.audio()) {
                audio = mp4Audio(reader, v, startTime, notes);
                if (audio == null) {
                    audio = siblingAudio(file, notes);
                }
            }
            return withAudio(file, video, audio, notes);
        }
    }

    private static int firstKeyframe(Mp4Track v) throws ParseException {
        for (int i = 0; i < v.sampleCount(); i++) {
            if (v.keyframe(i)) {
                return i;
            }
        }
        throw new ParseException("H.264 track " + v.trackId() + " has no keyframe (" + v.sampleCount() + " samples)", 0);
    }

    private static Clip mp4Video(Mp4Reader reader, Mp4Track v, FileSourceOptions options, List<String> notes) throws IOException, ParseException {
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
            long frame = samples.size() > 1 ? previous / (samples.size() - 1)
                    : options.defaultFrameRate().ticks(1, VIDEO_CLOCK);
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
                frameRate(samples.size() / seconds), kbps(bytes, seconds));
        return new Clip(track, samples, end);
    }

    /** The first G.711 (or 16-bit PCM) track at 8 kHz mono, placed relative to the video's start; null if none. */
    private static AudioPieces mp4Audio(Mp4Reader reader, Mp4Track video, long videoStart, List<String> notes)
            throws IOException, ParseException {
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
            List<Piece> pieces = new ArrayList<>();
            double videoStartSeconds = (double) videoStart / video.timescale();
            long end = 0;
            for (int i = 0; i < a.sampleCount(); i++) {
                Mp4Sample chunk = reader.readSample(a, i);
                byte[] codes = codec == TrackCodec.PCM_S16LE ? muLawFromPcm16le(chunk.data()) : chunk.data();
                double seconds = (double) chunk.decodeTime() / a.timescale() - videoStartSeconds;
                long at = Math.round(seconds * AUDIO_CLOCK);
                pieces.add(new Piece(at, codes));
                end = Math.max(end, at + codes.length);
            }
            found = new AudioPieces(law, pieces, end, what);
        }
        return found;
    }

    // ---- audio beside the file ----

    /** The first sibling audio file that exists, read; null when there is none or it is unusable (with a note). */
    private static AudioPieces siblingAudio(Path file, List<String> notes) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        for (String ext : SIBLING_AUDIO) {
            Path sibling = file.resolveSibling(base + "." + ext);
            if (sibling.equals(file) || !Files.isRegularFile(sibling)) {
                continue;
            }
            byte[] bytes = Files.readAllBytes(sibling);
            String what = "audio file " + sibling.getFileName();
            G711Law law;
            byte[] codes;
            switch (ext) {
                case "pcmu", "ulaw", "ul" -> {
                    law = G711Law.MU_LAW;
                    codes = bytes;
                }
                case "pcma", "alaw", "al" -> {
                    law = G711Law.A_LAW;
                    codes = bytes;
                }
                default -> {
                    WavFile wav;
                    try {
                        wav = WavFile.parse(bytes);
                    } catch (ParseException e) {
                        notes.add(what + " skipped: " + e.getMessage());
                        return null;
                    }
                    if (wav.sampleRate() != AUDIO_CLOCK || wav.channels() != 1) {
                        notes.add(what + " skipped: " + wav.sampleRate() + " Hz, " + wav.channels()
                                + " channel(s); it must be 8000 Hz mono");
                        return null;
                    }
                    if (wav.formatTag() == WavFile.FORMAT_MULAW && wav.bitsPerSample() == 8) {
                        law = G711Law.MU_LAW;
                        codes = wav.data();
                    } else if (wav.formatTag() == WavFile.FORMAT_ALAW && wav.bitsPerSample() == 8) {
                        law = G711Law.A_LAW;
                        codes = wav.data();
                    } else if (wav.formatTag() == WavFile.FORMAT_PCM && wav.bitsPerSample() == 16) {
                        law = G711Law.MU_LAW;
                        codes = muLawFromPcm16le(wav.data());
                    } else {
                        notes.add(what + " skipped: WAV format " + wav.formatTag() + " with " + wav.bitsPerSample()
                                + " bits; it must be 16-bit PCM, A-law (6) or mu-law (7)");
                        return null;
                    }
                }
            }
            if (codes.length == 0) {
                notes.add(what + " skipped: it holds no audio");
                return null;
            }
            return new AudioPieces(law, List.of(new Piece(0, codes)), codes.length, what);
        }
        return null;
    }

    private static byte[] muLawFromPcm16le(byte[] pcm) {
        ByteBuffer b = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        short[] samples = new short[pcm.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = b.getShort(2 * i);
        }
        return G711Law.MU_LAW.encode(samples);
    }

    // ---- video and audio together ----

    /** Audio codes to play from {@code atSample} (8 kHz) of the loop; negative: they begin before it. */
    private record Piece(long atSample, byte[] codes) {
    }

    /** Where audio came from, and its pieces; {@code endSample} is where the last piece ends. */
    private record AudioPieces(G711Law law, List<Piece> pieces, long endSample, String description) {
    }

    private static FileSource withAudio(Path file, Clip video, AudioPieces audio, List<String> notes) {
        if (audio == null) {
            return new FileSource(file, video, null, notes);
        }
        long last = video.samples().get(video.size() - 1).ticks();
        long grains = Math.round((double) video.durationTicks() / LOOP_GRAIN_VIDEO_TICKS);
        if (grains * LOOP_GRAIN_VIDEO_TICKS <= last) {
            grains = last / LOOP_GRAIN_VIDEO_TICKS + 1;
        }
        Clip synced = new Clip(video.track(), video.samples(), grains * LOOP_GRAIN_VIDEO_TICKS);
        G711LoopBuilder loop = new G711LoopBuilder(audio.law(), Math.toIntExact(grains * LOOP_GRAIN_AUDIO_SAMPLES));
        for (Piece p : audio.pieces()) {
            loop.place(p.atSample(), p.codes());
        }
        long diff = audio.endSample() - loop.loopSamples();
        if (Math.abs(diff) >= G711LoopBuilder.PACKET_SAMPLES) {
            notes.add(String.format(Locale.ROOT, "%s is %.2f s, the video %.2f s: audio %s to the video's length",
                    audio.description(), audio.endSample() / (double) AUDIO_CLOCK,
                    loop.loopSamples() / (double) AUDIO_CLOCK, diff > 0 ? "trimmed" : "padded with silence"));
        }
        return new FileSource(file, synced, loop.build(), notes);
    }

    // ---- numbers ----

    private static SequenceParameterSet sps(byte[] nal) throws ParseException {
        try {
            return SpsParser.parse(nal);
        } catch (ParseException e) {
            throw new ParseException("SPS: " + e.reason(), e.offset(), e);
        }
    }

    /** {@code value} ticks of a {@code from} clock in ticks of a {@code to} clock, rounded down. */
    private static long rescale(long value, long from, long to) throws ParseException {
        try {
            return Math.floorDiv(Math.multiplyExact(value, to), from);
        } catch (ArithmeticException e) {
            throw new ParseException("sample time " + value + "/" + from + " s out of range", 0);
        }
    }

    /** A measured rate as a fraction: whole, NTSC-style n*1000/1001, or in thousandths. */
    static FrameRate frameRate(double fps) {
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("frame rate " + fps);
        }
        long whole = Math.round(fps);
        if (whole >= 1 && Math.abs(fps - whole) < 0.01) {
            return FrameRate.of((int) whole);
        }
        long ntsc = Math.round(fps * 1.001);
        if (ntsc >= 1 && Math.abs(fps - ntsc / 1.001) < 0.001) {
            return new FrameRate((int) ntsc * 1000, 1001);
        }
        return new FrameRate((int) Math.max(1, Math.round(fps * 1000)), 1000);
    }

    private static int kbps(long bytes, double seconds) {
        return seconds <= 0 ? 0 : (int) Math.max(1, Math.round(bytes * 8 / seconds / 1000));
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
