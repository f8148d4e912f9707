package io.gscam.media.flac;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A small FLAC encoder (RFC 9639) for 16-bit PCM: fixed-blocksize frames of
 * {@link #FRAME_SAMPLES} samples per channel with VERBATIM subframes, so that audio a browser
 * cannot play (G.711, G.726, decoded to PCM) goes into MP4 losslessly and without a codec
 * library. VERBATIM keeps it short and exact; it costs the 16 bits a sample that linear PCM does.
 * <pre>{@code
 * FlacEncoder flac = new FlacEncoder(8000, 1);
 * for (FlacEncoder.Frame f : flac.push(pcm)) { writer.writeSample(id, MediaSample.audio(f.firstSample(), f.data())); }
 * for (FlacEncoder.Frame f : flac.flush()) { ... }
 * }</pre>
 * Not thread safe.
 */
public final class FlacEncoder {
    /** Samples per channel in every frame but possibly the last: 20 ms at 8 kHz, one G.711 packet. */
    public static final int FRAME_SAMPLES = 160;

    /** One encoded frame and the index (per channel, from 0) of its first sample. */
    public record Frame(long firstSample, int samples, byte[] data) {
    }

    private final int sampleRate;
    private final int channels;
    private final short[] pending;
    private int pendingFrames;
    private long frameNumber;
    private long samplesOut;

    public FlacEncoder(int sampleRate, int channels) {
        if (sampleRate <= 0 || sampleRate > 655_350) {
            throw new IllegalArgumentException("sample rate " + sampleRate);
        }
        if (channels < 1 || channels > 8) {
            throw new IllegalArgumentException("FLAC carries 1..8 channels, not " + channels);
        }
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.pending = new short[FRAME_SAMPLES * channels];
    }

    /** Adds interleaved samples; returns the frames completed by them. */
    public List<Frame> push(short[] interleaved) {
        if (interleaved.length % channels != 0) {
            throw new IllegalArgumentException(interleaved.length + " samples do not divide into " + channels + " channels");
        }
        List<Frame> out = new ArrayList<>();
        int i = 0;
        while (i < interleaved.length) {
            int n = Math.min(pending.length - pendingFrames * channels, interleaved.length - i);
            System.arraycopy(interleaved, i, pending, pendingFrames * channels, n);
            pendingFrames += n / channels;
            i += n;
            if (pendingFrames == FRAME_SAMPLES) {
                out.add(frame(pendingFrames));
            }
        }
        return out;
    }

    /** Encodes what is left as a last, shorter frame (none when nothing is left). */
    public List<Frame> flush() {
        return pendingFrames == 0 ? List.of() : List.of(frame(pendingFrames));
    }

    /**
     * The {@code dfLa} box payload after its version/flags (ISO/IEC 14496-12 FLAC in MP4): one
     * last-metadata-block STREAMINFO, sizes unknown (0), no MD5.
     */
    public static byte[] streamInfoBlock(int sampleRate, int channels) {
        BitWriter b = new BitWriter();
        b.bits(1, 1);          // last metadata block
        b.bits(0, 7);          // STREAMINFO
        b.bits(34, 24);        // length
        b.bits(16, 16);        // minimum block size: the last frame may be short
        b.bits(FRAME_SAMPLES, 16);
        b.bits(0, 24);         // minimum frame size unknown
        b.bits(0, 24);         // maximum frame size unknown
        b.bits(sampleRate, 20);
        b.bits(channels - 1, 3);
        b.bits(15, 5);         // 16 bits per sample
        b.bits(0, 36);         // total samples unknown
        for (int i = 0; i < 4; i++) {
            b.bits(0, 32);     // MD5 not computed
        }
        return b.toByteArray();
    }

    private Frame frame(int samples) {
        BitWriter b = new BitWriter();
        b.bits(0b11111111111110, 14); // sync
        b.bits(0, 1);                 // reserved
        b.bits(0, 1);                 // fixed block size
        b.bits(0b0110, 4);            // block size - 1 in 8 bits after the header... or 16 bits
        if (samples > 256) {
            throw new IllegalStateException("frames are at most 256 samples here");
        }
        b.bits(sampleRateCode(sampleRate), 4);
        b.bits(channels - 1, 4);      // independent channels
        b.bits(0b100, 3);             // 16 bits per sample
        b.bits(0, 1);                 // reserved
        utf8(b, frameNumber);
        b.bits(samples - 1, 8);
        byte[] header = b.toByteArray();
        b.bits(crc8(header), 8);
        for (int c = 0; c < channels; c++) {
            b.bits(0, 1);             // padding
            b.bits(0b000001, 6);      // VERBATIM
            b.bits(0, 1);             // no wasted bits
            for (int s = 0; s < samples; s++) {
                b.bits(pending[s * channels + c] & 0xFFFF, 16);
            }
        }
        byte[] body = b.toByteArray(); // whole bytes: 16-bit samples keep the alignment
        int crc = crc16(body);
        byte[] data = new byte[body.length + 2];
        System.arraycopy(body, 0, data, 0, body.length);
        data[body.length] = (byte) (crc >>> 8);
        data[body.length + 1] = (byte) crc;
        Frame f = new Frame(samplesOut, samples, data);
        samplesOut += samples;
        frameNumber++;
        pendingFrames = 0;
        return f;
    }

    private static int sampleRateCode(int rate) {
        return switch (rate) {
            case 8000 -> 0b0100;
            case 16000 -> 0b0101;
            case 22050 -> 0b0110;
            case 24000 -> 0b0111;
            case 32000 -> 0b1000;
            case 44100 -> 0b1001;
            case 48000 -> 0b1010;
            case 96000 -> 0b1011;
            default -> 0b0000; // from STREAMINFO
        };
    }

    /** The frame number in FLAC's UTF-8-like coding (up to 31 bits here). */
    private static void utf8(BitWriter b, long v) {
        if (v < 0x80) {
            b.bits(v, 8);
            return;
        }
        int extra = v < 0x800 ? 1 : v < 0x10000 ? 2 : v < 0x200000 ? 3 : v < 0x4000000 ? 4 : 5;
        int lead = (0xFF << (7 - extra)) & 0xFF;
        b.bits(lead | (v >>> (6 * extra)), 8);
        for (int i = extra - 1; i >= 0; i--) {
            b.bits(0x80 | ((v >>> (6 * i)) & 0x3F), 8);
        }
    }

    static int crc8(byte[] data) {
        int crc = 0;
        for (byte d : data) {
            crc ^= d & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    static int crc16(byte[] data) {
        int crc = 0;
        for (byte d : data) {
            crc ^= (d & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        return crc;
    }

    /** MSB-first bit writer. */
    private static final class BitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long acc;
        private int n;

        void bits(long value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                acc = (acc << 1) | ((value >>> i) & 1);
                if (++n == 8) {
                    out.write((int) acc);
                    acc = 0;
                    n = 0;
                }
            }
        }

        byte[] toByteArray() {
            if (n != 0) {
                throw new IllegalStateException("not byte aligned");
            }
            return out.toByteArray();
        }
    }
}
