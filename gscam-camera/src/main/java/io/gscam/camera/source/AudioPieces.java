package io.gscam.camera.source;

import io.gscam.media.g711.G711Law;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * G.711 audio read from a file (its own track or a file beside it), not yet fitted to the video's
 * loop: where each piece starts and where the last one ends, at 8 kHz.
 *
 * @param endSample   where the last piece ends
 * @param description where the audio came from, for the notes ("audio file cam.wav")
 */
record AudioPieces(G711Law law, List<Piece> pieces, long endSample, String description) {
    /** Audio codes to play from {@code atSample} (8 kHz) of the loop; negative: they begin before it. */
    record Piece(long atSample, byte[] codes) {
        Piece {
            Objects.requireNonNull(codes, "codes");
        }
    }

    AudioPieces {
        Objects.requireNonNull(law, "law");
        pieces = List.copyOf(pieces);
        Objects.requireNonNull(description, "description");
    }

    /** One piece from the loop's start: a whole audio file. */
    static AudioPieces whole(G711Law law, byte[] codes, String description) {
        return new AudioPieces(law, List.of(new Piece(0, codes)), codes.length, description);
    }

    /** 16-bit little-endian PCM ({@code sowt}, WAV) as mu-law codes, the camera's audio. */
    static byte[] muLawFromPcm16le(byte[] pcm) {
        ByteBuffer b = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        short[] samples = new short[pcm.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = b.getShort(2 * i);
        }
        return G711Law.MU_LAW.encode(samples);
    }
}
