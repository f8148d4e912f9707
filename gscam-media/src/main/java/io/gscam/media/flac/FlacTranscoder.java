package io.gscam.media.flac;

import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.container.Track;
import io.gscam.media.container.TrackCodec;
import io.gscam.media.g711.G711Law;
import io.gscam.media.g726.G726Decoder;
import io.gscam.media.g726.G726Rate;

import java.util.Objects;
import java.util.function.Function;

/**
 * Camera audio browsers cannot play (G.711 mu-law/A-law, G.726 at 16..40 kbit/s in either packing,
 * and 16-bit PCM) to FLAC, which they can (in MP4 through MSE): decode to 16-bit PCM with
 * gscam-media's bit-exact decoders, then encode that losslessly, one FLAC frame per packet. FLAC
 * is lossless, so the browser plays exactly the samples ffmpeg's G.711/G.726 decoders give, and the
 * frame covers exactly the packet's samples, so its timestamp and duration stay those of the packet.
 */
public final class FlacTranscoder implements AudioTranscoder {
    private final Track input;
    private final Track output;
    private final Function<byte[], short[]> decoder;
    private final FlacEncoder encoder;

    private FlacTranscoder(Track input, Function<byte[], short[]> decoder, FlacEncoder.BlockingStrategy strategy) {
        this.input = input;
        this.output = Track.flac(input.clockRate(), input.sampleRate(), input.channels());
        this.decoder = decoder;
        this.encoder = new FlacEncoder(output.flacStreamInfo(), strategy);
    }

    /** Whether {@link #of} accepts {@code track}. */
    public static boolean canTranscode(Track track) {
        return switch (track.codec()) {
            case PCMU, PCMA, G726, PCM_S16LE -> track.channels() <= 8 && track.sampleRate() < 1 << 20;
            default -> false;
        };
    }

    /**
     * A transcoder for {@code input} with the fixed blocking strategy: frames numbered one by one,
     * which every FLAC decoder handles; cameras send packets of one size (20 or 40 ms), and
     * in MP4 the timing comes from the container, not from the frame numbers.
     */
    public static FlacTranscoder of(Track input) {
        return of(input, FlacEncoder.BlockingStrategy.FIXED);
    }

    /**
     * A transcoder for {@code input}; {@link FlacEncoder.BlockingStrategy#VARIABLE} numbers frames by
     * their first sample, which is exact when packet sizes vary.
     *
     * @throws IllegalArgumentException when {@link #canTranscode} is false
     */
    public static FlacTranscoder of(Track input, FlacEncoder.BlockingStrategy strategy) {
        Objects.requireNonNull(input, "input");
        if (!canTranscode(input)) {
            throw new IllegalArgumentException("cannot transcode " + input.codec() + " to FLAC");
        }
        Function<byte[], short[]> decoder = switch (input.codec()) {
            case PCMU -> data -> g711(G711Law.MU_LAW, data);
            case PCMA -> data -> g711(G711Law.A_LAW, data);
            case G726 -> new G726Decoder(rate(input.bitsPerSample()), input.g726Packing())::decode;
            case PCM_S16LE -> FlacTranscoder::pcm16le;
            default -> throw new IllegalArgumentException("cannot transcode " + input.codec());
        };
        return new FlacTranscoder(input, decoder, strategy);
    }

    @Override
    public Track input() {
        return input;
    }

    @Override
    public Track output() {
        return output;
    }

    /** The FLAC stream header ("fLaC" + STREAMINFO) for writing the output as a native .flac stream. */
    public byte[] streamHeader() {
        return output.flacStreamInfo().toStreamHeader();
    }

    @Override
    public MediaSample transcode(MediaSample sample) {
        Objects.requireNonNull(sample, "sample");
        if (sample.kind() != MediaKind.AUDIO) {
            throw new IllegalArgumentException("not audio: " + sample);
        }
        short[] pcm = decoder.apply(sample.data());
        int samplesPerChannel = pcm.length / input.channels();
        if (samplesPerChannel == 0) {
            return MediaSample.audio(sample.rtpTimestamp(), new byte[0]);
        }
        return MediaSample.audio(sample.rtpTimestamp(), encoder.encodeFrame(pcm, 0, samplesPerChannel));
    }

    private static G726Rate rate(int bitsPerSample) {
        return G726Rate.ofKbitPerSecond(bitsPerSample * 8);
    }

    private static short[] g711(G711Law law, byte[] codes) {
        short[] pcm = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            pcm[i] = law.decode(codes[i]);
        }
        return pcm;
    }

    private static short[] pcm16le(byte[] data) {
        short[] pcm = new short[data.length / 2];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) ((data[2 * i] & 0xFF) | (data[2 * i + 1] << 8));
        }
        return pcm;
    }
}
