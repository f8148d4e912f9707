package io.gscam.bench;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspMessageDecoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a client pays to demultiplex one RTSP-over-TCP connection: a PLAY response followed by
 * 1,000 interleaved RTP frames (video FU-A packets and 20 ms PCMU packets), pushed through the
 * decoder in socket-sized reads. One operation is the whole connection.
 */
@State(Scope.Thread)
public class RtspDecoderBenchmark {
    @Param({"1460", "65536"})
    int readSize;

    private byte[] stream;

    @Setup
    public void setUp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("RTSP/1.0 200 OK\r\nCSeq: 5\r\nServer: GrandStream Rtsp Server V100R001\r\n"
                + "Session: 09682642;timeout=120\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 1000; i++) {
            boolean audio = i % 4 == 3;
            out.writeBytes(new InterleavedFrame(audio ? 2 : 0, new byte[audio ? 172 : 1038]).toBytes());
        }
        stream = out.toByteArray();
    }

    @Benchmark
    public void decodeConnection(Blackhole bh, Bytes bytes) throws ParseException {
        RtspMessageDecoder decoder = new RtspMessageDecoder();
        for (int off = 0; off < stream.length; off += readSize) {
            decoder.decode(ByteBuffer.wrap(stream, off, Math.min(readSize, stream.length - off)), bh::consume);
        }
        bytes.bytes += stream.length;
    }
}
