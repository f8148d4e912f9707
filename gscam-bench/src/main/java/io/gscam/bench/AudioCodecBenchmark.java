package io.gscam.bench;

import io.gscam.media.g711.G711Law;
import io.gscam.media.g726.G726Decoder;
import io.gscam.media.g726.G726Encoder;
import io.gscam.media.g726.G726Packing;
import io.gscam.media.g726.G726Rate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One 20 ms packet (160 samples at 8 kHz) through each audio codec, as the camera and recorder do. */
@State(Scope.Thread)
public class AudioCodecBenchmark {
    private final short[] pcm = new short[160];
    private final G726Encoder g726Encoder = new G726Encoder(G726Rate.KBPS_32, G726Packing.RFC3551_LE);
    private final G726Decoder g726Decoder = new G726Decoder(G726Rate.KBPS_32, G726Packing.RFC3551_LE);
    private byte[] g726Packet;

    @Setup
    public void setUp() {
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (8000 * Math.sin(2 * Math.PI * 1000 * i / 8000.0));
        }
        g726Packet = new G726Encoder(G726Rate.KBPS_32, G726Packing.RFC3551_LE).encode(pcm);
    }

    @Benchmark
    public byte[] pcmuEncode() {
        return G711Law.MU_LAW.encode(pcm);
    }

    @Benchmark
    public byte[] g726Encode32() {
        return g726Encoder.encode(pcm);
    }

    @Benchmark
    public short[] g726Decode32() {
        return g726Decoder.decode(g726Packet);
    }
}
