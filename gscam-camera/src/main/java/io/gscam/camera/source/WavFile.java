package io.gscam.camera.source;

import io.gscam.protocol.ParseException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A RIFF/WAVE file as far as a G.711 audio loop needs it: the {@code fmt } chunk's format tag,
 * channels, sample rate and bits per sample, and the {@code data} chunk's bytes. Format tags are
 * WAVE_FORMAT_PCM (1), A-law (6) and mu-law (7); WAVE_FORMAT_EXTENSIBLE is reduced to the tag in
 * its sub-format GUID. A {@code data} size past the end of the file (a WAV written to a pipe, with
 * 0xFFFFFFFF or 0 as its size) is cut to what the file holds. Pure parser.
 */
public record WavFile(int formatTag, int channels, int sampleRate, int bitsPerSample, byte[] data) {
    public static final int FORMAT_PCM = 1;
    public static final int FORMAT_ALAW = 6;
    public static final int FORMAT_MULAW = 7;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;

    /** @throws ParseException when the bytes are not a WAVE file with a fmt chunk before its data chunk */
    public static WavFile parse(byte[] file) throws ParseException {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < 12 || !fourcc(file, 0).equals("RIFF") || !fourcc(file, 8).equals("WAVE")) {
            throw new ParseException("not a RIFF/WAVE file", 0);
        }
        int formatTag = -1;
        int channels = 0;
        int sampleRate = 0;
        int bits = 0;
        long at = 12;
        while (at + 8 <= file.length) {
            String id = fourcc(file, (int) at);
            long size = b.getInt((int) at + 4) & 0xFFFFFFFFL;
            long body = at + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + size > file.length) {
                    throw new ParseException("fmt chunk of " + size + " bytes is too short or cut off", at);
                }
                formatTag = b.getShort((int) body) & 0xFFFF;
                channels = b.getShort((int) body + 2) & 0xFFFF;
                sampleRate = b.getInt((int) body + 4);
                bits = b.getShort((int) body + 14) & 0xFFFF;
                if (formatTag == FORMAT_EXTENSIBLE) {
                    if (size < 40) {
                        throw new ParseException("WAVE_FORMAT_EXTENSIBLE fmt chunk of " + size + " bytes", at);
                    }
                    formatTag = b.getShort((int) body + 24) & 0xFFFF; // first two bytes of the sub-format GUID
                }
            } else if (id.equals("data")) {
                if (formatTag < 0) {
                    throw new ParseException("data chunk before the fmt chunk", at);
                }
                long end = Math.min(body + size, file.length);
                if (size == 0) {
                    end = file.length; // size left 0 by a writer that could not seek back
                }
                return new WavFile(formatTag, channels, sampleRate, bits, Arrays.copyOfRange(file, (int) body, (int) end));
            }
            at = body + size + (size & 1); // chunks are padded to even sizes
        }
        throw new ParseException(formatTag < 0 ? "no fmt chunk" : "no data chunk", Math.min(at, file.length));
    }

    private static String fourcc(byte[] file, int at) {
        return new String(file, at, 4, StandardCharsets.ISO_8859_1);
    }
}
