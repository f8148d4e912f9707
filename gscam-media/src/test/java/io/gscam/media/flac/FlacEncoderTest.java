package io.gscam.media.flac;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FlacEncoderTest {
    @Test
    void framesAreWholeAndNumberedAndTheLastIsShort() {
        FlacEncoder flac = new FlacEncoder(8000, 1);
        List<FlacEncoder.Frame> frames = new ArrayList<>(flac.push(new short[500]));
        assertThat(frames).hasSize(3);
        frames.addAll(flac.flush());
        assertThat(frames).extracting(FlacEncoder.Frame::firstSample).containsExactly(0L, 160L, 320L, 480L);
        assertThat(frames).extracting(FlacEncoder.Frame::samples).containsExactly(160, 160, 160, 20);
        byte[] f = frames.get(0).data();
        assertThat(f[0] & 0xFF).isEqualTo(0xFF);
        assertThat(f[1] & 0xFF).isEqualTo(0xF8);
        // header 6 bytes (sync, codes, frame number 0, block size - 1) + CRC-8, subframe 1 + 320, CRC-16 2
        assertThat(f).hasSize(7 + 1 + 320 + 2);
        assertThat(FlacEncoder.crc16(java.util.Arrays.copyOf(f, f.length - 2)))
                .isEqualTo(((f[f.length - 2] & 0xFF) << 8) | (f[f.length - 1] & 0xFF));
        assertThat(flac.flush()).isEmpty();
    }

    /** ffmpeg decodes what the encoder writes back to the very samples it was given (seeded noise). */
    @Test
    void ffmpegDecodesItBackExactly(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(installed(), "ffmpeg not installed");
        long seed = 20260105;
        Random random = new Random(seed);
        short[] pcm = new short[8000 * 3 + 77];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) random.nextInt(65536);
        }
        FlacEncoder flac = new FlacEncoder(8000, 1);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write("fLaC".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        file.write(FlacEncoder.streamInfoBlock(8000, 1));
        for (int at = 0; at < pcm.length; at += 333) {
            short[] chunk = java.util.Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 333));
            for (FlacEncoder.Frame f : flac.push(chunk)) {
                file.write(f.data());
            }
        }
        for (FlacEncoder.Frame f : flac.flush()) {
            file.write(f.data());
        }
        Path in = dir.resolve("noise.flac");
        Path out = dir.resolve("noise.raw");
        Files.write(in, file.toByteArray());
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-i", in.toString(), "-f", "s16le", out.toString())
                .redirectErrorStream(true).start();
        String errors = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(errors).as("seed %d", seed).isEmpty();
        ByteBuffer decoded = ByteBuffer.wrap(Files.readAllBytes(out)).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(decoded.remaining()).isEqualTo(pcm.length * 2);
        for (short s : pcm) {
            if (decoded.getShort() != s) {
                throw new AssertionError("sample differs (seed " + seed + ")");
            }
        }
    }

    private static boolean installed() {
        try {
            Process p = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
