package io.gscam.camera.source;

import io.gscam.media.g711.G711Law;
import io.gscam.protocol.ParseException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Audio for a file that has none of its own, from a file beside it with the same base name:
 * {@code .pcmu}/{@code .ulaw}/{@code .ul} or {@code .pcma}/{@code .alaw}/{@code .al} (raw G.711 at
 * 8 kHz), or {@code .wav} (8 kHz mono, 16-bit PCM encoded to mu-law, or G.711 WAV formats 6 and 7).
 * Raw H.264 carries no audio, and this is how a user pairs it with some.
 */
final class SiblingAudio {
    /** Sibling audio files, in order of preference. */
    private static final List<String> EXTENSIONS = List.of("pcmu", "ulaw", "ul", "pcma", "alaw", "al", "wav");
    private static final int SAMPLE_RATE = G711LoopBuilder.SAMPLE_RATE;

    private SiblingAudio() {
    }

    /** The first sibling audio file that exists, read; null when there is none or it is unusable (with a note). */
    static AudioPieces find(Path file, List<String> notes) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        for (String ext : EXTENSIONS) {
            Path sibling = file.resolveSibling(base + "." + ext);
            if (sibling.equals(file) || !Files.isRegularFile(sibling)) {
                continue;
            }
            return read(sibling, ext, notes);
        }
        return null;
    }

    private static AudioPieces read(Path sibling, String ext, List<String> notes) throws IOException {
        byte[] bytes = Files.readAllBytes(sibling);
        String what = "audio file " + sibling.getFileName();
        AudioPieces audio = switch (ext) {
            case "pcmu", "ulaw", "ul" -> AudioPieces.whole(G711Law.MU_LAW, bytes, what);
            case "pcma", "alaw", "al" -> AudioPieces.whole(G711Law.A_LAW, bytes, what);
            default -> wav(bytes, what, notes);
        };
        if (audio != null && audio.endSample() == 0) {
            notes.add(what + " skipped: it holds no audio");
            return null;
        }
        return audio;
    }

    private static AudioPieces wav(byte[] bytes, String what, List<String> notes) {
        WavFile wav;
        try {
            wav = WavFile.parse(bytes);
        } catch (ParseException e) {
            notes.add(what + " skipped: " + e.getMessage());
            return null;
        }
        if (wav.sampleRate() != SAMPLE_RATE || wav.channels() != 1) {
            notes.add(what + " skipped: " + wav.sampleRate() + " Hz, " + wav.channels()
                    + " channel(s); it must be 8000 Hz mono");
            return null;
        }
        if (wav.formatTag() == WavFile.FORMAT_MULAW && wav.bitsPerSample() == 8) {
            return AudioPieces.whole(G711Law.MU_LAW, wav.data(), what);
        }
        if (wav.formatTag() == WavFile.FORMAT_ALAW && wav.bitsPerSample() == 8) {
            return AudioPieces.whole(G711Law.A_LAW, wav.data(), what);
        }
        if (wav.formatTag() == WavFile.FORMAT_PCM && wav.bitsPerSample() == 16) {
            return AudioPieces.whole(G711Law.MU_LAW, AudioPieces.muLawFromPcm16le(wav.data()), what);
        }
        notes.add(what + " skipped: WAV format " + wav.formatTag() + " with " + wav.bitsPerSample()
                + " bits; it must be 16-bit PCM, A-law (6) or mu-law (7)");
        return null;
    }
}
