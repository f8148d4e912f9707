package io.gscam.media.container;

import io.gscam.testkit.Ffmpeg;
import io.gscam.media.MediaSample;
import io.gscam.protocol.ParseException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Inputs made with ffmpeg for the container tests. */
final class TestMedia {
    static final int FRAMES = 50;
    /** Video RTP timestamps start just before the 32-bit wrap, so unwrapping is exercised. */
    static final long VIDEO_RTP_BASE = 0xFFFFFFFFL - 3600L * 10;

    private TestMedia() {
    }

    /** 2 s of 320x240 25 fps H.264 Annex-B, GOP 25, no B-frames: 50 access units, IDR at 0 and 25. */
    static Path h264(Path dir) throws IOException, InterruptedException {
        Path file = dir.resolve("x.h264");
        if (!Files.exists(file)) {
            Ffmpeg.ffmpeg(dir, "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "2",
                    "-c:v", "libx264", "-g", "25", "-bf", "0", "-pix_fmt", "yuv420p", "-f", "h264", file.toString());
        }
        return file;
    }

    /** The access units of {@link #h264}; skips the test when ffmpeg is not installed. */
    static List<AccessUnit> h264AccessUnits(Path dir) throws IOException, InterruptedException, ParseException {
        Ffmpeg.assumeInstalled();
        return accessUnits(h264(dir));
    }

    static List<AccessUnit> accessUnits(Path file) throws IOException, ParseException {
        List<AccessUnit> units = new ArrayList<>();
        try (AnnexBFileReader reader = AnnexBFileReader.open(file, 25)) {
            for (AccessUnit au = reader.next(); au != null; au = reader.next()) {
                units.add(au);
            }
        }
        return units;
    }

    /** 2 s of 320x240 MJPEG frames, one JPEG per frame. */
    static List<byte[]> jpegFrames(Path dir) throws IOException, InterruptedException {
        Path file = dir.resolve("x.mjpeg");
        Ffmpeg.ffmpeg(dir, "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25", "-t", "2",
                "-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-f", "mjpeg", file.toString());
        byte[] all = Files.readAllBytes(file);
        List<byte[]> frames = new ArrayList<>();
        int start = 0;
        for (int i = 2; i + 1 < all.length; i++) {
            if ((all[i - 2] & 0xFF) == 0xFF && (all[i - 1] & 0xFF) == 0xD9 && (all[i] & 0xFF) == 0xFF && (all[i + 1] & 0xFF) == 0xD8) {
                frames.add(java.util.Arrays.copyOfRange(all, start, i));
                start = i;
            }
        }
        frames.add(java.util.Arrays.copyOfRange(all, start, all.length));
        return frames;
    }

    /** Raw audio of a 2 s tone in the ffmpeg format {@code format} with codec options. */
    static byte[] audio(Path dir, String name, String... encodeArgs) throws IOException, InterruptedException {
        Path file = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000", "-t", "2", "-ac", "1"));
        args.addAll(List.of(encodeArgs));
        args.add(file.toString());
        Ffmpeg.ffmpeg(dir, args.toArray(String[]::new));
        return Files.readAllBytes(file);
    }

    /** Audio packets as samples, {@code samplesPerPacket} RTP ticks apart from {@code rtpBase}. */
    static List<MediaSample> audioSamples(long rtpBase, List<byte[]> packets, int samplesPerPacket) {
        List<MediaSample> samples = new ArrayList<>();
        for (int i = 0; i < packets.size(); i++) {
            samples.add(MediaSample.audio(rtpBase + (long) i * samplesPerPacket, packets.get(i)));
        }
        return samples;
    }

    /**
     * Writes 25 fps video frames (RTP time from {@link #VIDEO_RTP_BASE}, a keyframe every 25 frames
     * or every frame) to track {@code v} and 20 ms audio samples to track {@code a}, interleaved by
     * time as a camera sends them.
     */
    static void interleave(ContainerWriter writer, int v, List<byte[]> frames, boolean everyFrameKey,
                           int a, List<MediaSample> audio) throws IOException {
        int ai = 0;
        for (int i = 0; i < frames.size(); i++) {
            long videoMicros = i * 40_000L;
            writer.writeSample(v, MediaSample.video((VIDEO_RTP_BASE + i * 3600L) & 0xFFFFFFFFL, frames.get(i),
                    everyFrameKey || i % 25 == 0));
            while (ai < audio.size() && ai * 20_000L < videoMicros + 40_000L) {
                writer.writeSample(a, audio.get(ai));
                ai++;
            }
        }
    }

    static List<byte[]> chunks(byte[] data, int size) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i + size <= data.length; i += size) {
            out.add(java.util.Arrays.copyOfRange(data, i, i + size));
        }
        return out;
    }
}
