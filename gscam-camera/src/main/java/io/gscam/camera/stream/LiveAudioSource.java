package io.gscam.camera.stream;

import io.gscam.media.MediaSample;
import io.gscam.camera.source.AudioEncoder;
import io.gscam.camera.source.EndlessSource;
import io.gscam.camera.source.TimedSample;
import io.gscam.camera.source.TrackInfo;

import java.time.Duration;
import java.util.Objects;

/**
 * An audio track encoded as it is sent: a loop of 8 kHz PCM (the built-in beep, or a file's audio
 * in another codec) cut into 20 ms packets of 160 samples and encoded packet by packet with one
 * encoder for the stream's whole life. A stateful codec (G.726's ADPCM predictor) therefore runs on
 * across the loop's seam, exactly as the receiver's decoder does; a pre-encoded looping clip would
 * restart the encoder at each seam and put the two out of step. Packet {@code n} has RTP timestamp
 * {@code 160 n} and presentation time {@code 20 n} ms. Not thread safe: one consumer.
 */
public final class LiveAudioSource extends EndlessSource {
    /** The spec's 20 ms packets at 8 kHz. */
    public static final int PACKET_SAMPLES = 160;
    private static final Duration PACKET_TIME = Duration.ofMillis(20);

    private final short[] loop;
    private final AudioEncoder encoder;
    private final short[] packet = new short[PACKET_SAMPLES];
    private long packetIndex;
    private int position;

    /**
     * @param codec the codec; must have an 8 kHz clock
     * @param loop  the PCM to loop, at least one sample; shared, never written
     */
    public LiveAudioSource(AudioCodec codec, short[] loop) {
        super(track(codec, loop));
        this.loop = loop;
        this.encoder = codec.newEncoder();
    }

    /** The codec's track, once the codec and the loop are found fit for live audio. */
    private static TrackInfo track(AudioCodec codec, short[] loop) {
        Objects.requireNonNull(codec, "codec");
        if (codec.format().clockRate() != AudioCodec.SAMPLE_RATE) {
            throw new IllegalArgumentException("live audio is 8 kHz, not " + codec.format().clockRate());
        }
        if (loop.length == 0) {
            throw new IllegalArgumentException("an empty PCM loop");
        }
        return TrackInfo.audio(codec.format(), codec.bitrateKbps());
    }

    @Override
    protected TimedSample nextSample() {
        for (int i = 0; i < PACKET_SAMPLES; i++) {
            packet[i] = loop[position];
            if (++position == loop.length) {
                position = 0;
            }
        }
        long n = packetIndex++;
        byte[] encoded = encoder.encode(packet);
        MediaSample sample = MediaSample.audio((n * PACKET_SAMPLES) & 0xFFFFFFFFL, encoded);
        return new TimedSample(0, PACKET_TIME.multipliedBy(n), sample);
    }
}
