package io.gscam.camera.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Puts a file's video clip and its audio together as one looping {@link FileSource}. Audio is fitted
 * to the video's loop: trimmed when longer, padded with silence when shorter, so every loop starts
 * video and audio together. To keep them together exactly over any number of loops, the loop
 * length is rounded to a multiple of 0.5 ms (45 ticks at 90 kHz are 4 samples at 8 kHz); the last
 * video frame is then shown up to 0.25 ms longer or shorter.
 */
final class LoopFitter {
    private static final int AUDIO_CLOCK = G711LoopBuilder.SAMPLE_RATE;
    /** 0.5 ms: the shortest time that is a whole number of ticks on both clocks. */
    static final int LOOP_GRAIN_VIDEO_TICKS = 45;
    static final int LOOP_GRAIN_AUDIO_SAMPLES = 4;

    private LoopFitter() {
    }

    /**
     * @param audio the audio to fit, or null for a video-only source
     * @param notes gets a line when the audio was trimmed or padded by a packet or more
     */
    static FileSource fit(Path file, Clip video, AudioPieces audio, List<String> notes) {
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
        for (AudioPieces.Piece p : audio.pieces()) {
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
}
