package io.gscam.bench;

import io.gscam.media.MediaSample;
import io.gscam.media.container.FragmentedMp4Writer;
import io.gscam.media.container.Track;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HexFormat;
import java.util.Random;

/**
 * What recording costs per fragment: one GOP of the 704x480 ~1 Mbit/s stream (a 40,000-byte IDR and
 * 29 P frames of 4,000 bytes, Annex B) written as fragmented MP4 to a sink that drops the bytes.
 * One operation is one {@code moof}+{@code mdat} fragment (the next GOP's keyframe closes it);
 * {@code bytes} counts the access units' bytes.
 */
@State(Scope.Thread)
public class Fmp4FragmentBenchmark {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SPS = HEX.parseHex("6742c01e95a0580f68"); // any SPS: the writer copies it into avcC
    private static final byte[] PPS = HEX.parseHex("68ce3c80");

    private FragmentedMp4Writer writer;
    private int track;
    private byte[] idr;
    private byte[] p;
    private long timestamp;
    private long gopBytes;

    private static byte[] accessUnit(int size, int nalHeader, Random random) {
        byte[] au = new byte[size];
        random.nextBytes(au);
        au[0] = 0;
        au[1] = 0;
        au[2] = 0;
        au[3] = 1;
        au[4] = (byte) nalHeader;
        for (int i = 5; i + 2 < au.length; i++) {
            if (au[i] == 0 && au[i + 1] == 0) {
                au[i + 2] |= 0x04; // no start code inside the NAL unit
            }
        }
        return au;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Random random = new Random(1);
        idr = accessUnit(40_000, 0x65, random);
        p = accessUnit(4_000, 0x41, random);
        gopBytes = idr.length + 29L * p.length;
        writer = FragmentedMp4Writer.create(OutputStream.nullOutputStream());
        track = writer.addTrack(Track.h264(704, 480, SPS, PPS));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        writer.close();
    }

    @Benchmark
    public long writeGopFragment(Bytes bytes) throws IOException {
        writer.writeSample(track, MediaSample.video(next(), idr, true));
        for (int i = 0; i < 29; i++) {
            writer.writeSample(track, MediaSample.video(next(), p, false));
        }
        bytes.bytes += gopBytes;
        return writer.bytesWritten();
    }

    private long next() {
        timestamp = (timestamp + 3000) & 0xFFFFFFFFL;
        return timestamp;
    }
}
