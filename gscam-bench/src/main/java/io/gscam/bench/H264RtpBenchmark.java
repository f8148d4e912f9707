package io.gscam.bench;

import io.gscam.media.MediaSample;
import io.gscam.media.h264.H264PayloadReader;
import io.gscam.media.h264.H264PayloadWriter;
import io.gscam.media.rtp.RtpStreamPacketizer;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.rtp.RtpPacket;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Random;

/**
 * Per access unit: the camera's cost to packetize into 1024-byte FU-A packets and serialise them,
 * the client's cost to parse those packets and rebuild the access unit, and both. Sizes are a P
 * frame and an IDR of the 704x480, 1 Mbit/s stream; {@code bytes} counts the access unit's bytes.
 */
@State(Scope.Thread)
public class H264RtpBenchmark {
    @Param({"4000", "40000"})
    int accessUnitSize;

    private MediaSample sample;
    private RtpStreamPacketizer packetizer;
    private H264PayloadReader reader;
    private long timestamp;
    /** One access unit's packets, serialised, for the depacketizer alone. */
    private byte[][] serialised;
    private int sequence;

    @Setup
    public void setUp() {
        byte[] au = new byte[accessUnitSize];
        new Random(1).nextBytes(au);
        au[0] = 0;
        au[1] = 0;
        au[2] = 0;
        au[3] = 1;
        au[4] = 0x65; // IDR slice NAL header
        for (int i = 5; i + 2 < au.length; i++) {
            if (au[i] == 0 && au[i + 1] == 0) {
                au[i + 2] |= 0x04; // no start code inside the NAL unit
            }
        }
        sample = MediaSample.video(0, au, true);
        packetizer = new RtpStreamPacketizer(new H264PayloadWriter(), 96, 0x1234, 0);
        reader = new H264PayloadReader(s -> { });
        serialised = packetizer.packetize(sample).stream().map(RtpPacket::toBytes).toArray(byte[][]::new);
    }

    @Benchmark
    public void packetizeAndSerialise(Blackhole bh, Bytes bytes) {
        for (RtpPacket p : packetizer.packetize(sample)) {
            bh.consume(p.toBytes());
        }
        bytes.bytes += accessUnitSize;
    }

    /** Parse and depacketize one access unit's packets, renumbered in place as the next access unit's. */
    @Benchmark
    public long parseAndDepacketize(Bytes bytes) throws ParseException {
        timestamp = (timestamp + 3000) & 0xFFFFFFFFL;
        for (byte[] p : serialised) {
            int seq = ++sequence & 0xFFFF;
            p[2] = (byte) (seq >>> 8);
            p[3] = (byte) seq;
            p[4] = (byte) (timestamp >>> 24);
            p[5] = (byte) (timestamp >>> 16);
            p[6] = (byte) (timestamp >>> 8);
            p[7] = (byte) timestamp;
            reader.consume(RtpPacket.parse(p));
        }
        bytes.bytes += accessUnitSize;
        return reader.deliveredSamples();
    }

    @Benchmark
    public long roundTrip(Bytes bytes) throws ParseException {
        bytes.bytes += accessUnitSize;
        timestamp = (timestamp + 3000) & 0xFFFFFFFFL;
        MediaSample next = MediaSample.video(timestamp, sample.data(), true);
        for (RtpPacket p : packetizer.packetize(next)) {
            reader.consume(RtpPacket.parse(p.toBytes()));
        }
        return reader.deliveredSamples();
    }
}
