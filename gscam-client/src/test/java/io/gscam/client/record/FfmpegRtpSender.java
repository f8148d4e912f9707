package io.gscam.client.record;

import io.gscam.testkit.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ffmpeg as an RTP sender to 127.0.0.1 ({@code ffmpeg -re ... -f rtp rtp://127.0.0.1:PORT -sdp_file F}),
 * on a UDP port pair found free just before. {@link #writeSdp} makes ffmpeg write the SDP file with a
 * short first run (whose few packets nobody receives), so a receiver can bind the ports before
 * {@link #start} sends the real stream with the same codec settings, and not a packet is missed.
 */
final class FfmpegRtpSender implements AutoCloseable {
    private final List<String> input;
    private final List<String> codec;
    private final int port;
    private final Path log;
    private Process process;

    /**
     * @param input ffmpeg's input options ({@code -f lavfi -i testsrc=...})
     * @param codec the encoder options ({@code -c:v mjpeg ...})
     */
    FfmpegRtpSender(List<String> input, List<String> codec, Path dir) throws IOException {
        this.input = List.copyOf(input);
        this.codec = List.copyOf(codec);
        this.port = FreePorts.evenUdpPair();
        this.log = dir.resolve("ffmpeg-sender-" + port + ".log");
    }

    int port() {
        return port;
    }

    /** Runs ffmpeg briefly to write the SDP file of this stream; returns the file. */
    Path writeSdp(Path sdp) throws IOException, InterruptedException {
        List<String> command = command(false, "0.2", sdp);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("ffmpeg did not write " + sdp + ": " + Files.readString(log));
        }
        return sdp;
    }

    /** Starts sending {@code seconds} of the stream at its real rate. */
    void start(double seconds) throws IOException {
        List<String> command = command(true, Double.toString(seconds), null);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits for the sender to finish; its stderr when it failed. */
    void awaitExit(long seconds) throws IOException, InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IOException("ffmpeg still sending after " + seconds + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("ffmpeg exited with " + process.exitValue() + ": " + Files.readString(log, StandardCharsets.UTF_8));
        }
    }

    private List<String> command(boolean realTime, String seconds, Path sdp) {
        List<String> c = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-v", "error"));
        if (realTime) {
            c.add("-re");
        }
        c.addAll(input);
        c.addAll(List.of("-t", seconds));
        c.addAll(codec);
        c.addAll(List.of("-f", "rtp", "rtp://127.0.0.1:" + port));
        if (sdp != null) {
            c.addAll(List.of("-sdp_file", sdp.toString(), "-y"));
        }
        return c;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
