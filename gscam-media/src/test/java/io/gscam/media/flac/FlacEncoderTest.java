package io.gscam.media.flac;

import io.gscam.testkit.PeerResult;
import io.gscam.testkit.Peers;
import io.gscam.testkit.Ffmpeg;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The encoder at byte level (expected bytes worked out by hand from RFC 9639, CRCs from an
 * independent bitwise implementation), and seeded random blocks decoded by ffmpeg, the authority.
 */
class FlacEncoderTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final long SEED = 0x5EED_F1ACL;

    @TempDir
    Path dir;

    @Test
    void crcs_matchTheCatalogueCheckValues() {
        byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(FlacCrc.crc8(check, 0, check.length)).isEqualTo(0xF4);   // CRC-8/SMBUS
        assertThat(FlacCrc.crc16(check, 0, check.length)).isEqualTo(0xFEE8); // CRC-16/UMTS (BUYPASS)
    }

    @Test
    void streamInfo_liveStreamAt8kMono16_fields() {
        byte[] b = FlacStreamInfo.forLiveStream(8000, 1, 16).toBytes();

        assertThat(b).hasSize(34);
        assertThat(HEX.formatHex(b, 0, 10)).isEqualTo("0010" + "ffff" + "000000" + "000000"); // block 16..65535, frame sizes unknown
        // 20 bits 8000 = 0x01F40, 3 bits channels-1 = 0, 5 bits bps-1 = 15, 36 bits total = 0 (unknown)
        assertThat(HEX.formatHex(b, 10, 18)).isEqualTo("01f400f000000000");
        assertThat(HEX.formatHex(b, 18, 34)).isEqualTo("00".repeat(16)); // MD5 unknown
    }

    @Test
    void streamInfo_metadataBlockAndStreamHeader() {
        FlacStreamInfo info = FlacStreamInfo.forFixedBlockSize(160, 8000, 2, 16);

        byte[] block = info.toMetadataBlock(true);
        byte[] header = info.toStreamHeader();

        assertThat(HEX.formatHex(block, 0, 8)).isEqualTo("80000022" + "00a000a0"); // last, type 0, 34 bytes; 160..160
        assertThat(HEX.formatHex(info.toMetadataBlock(false), 0, 4)).isEqualTo("00000022");
        assertThat(HEX.formatHex(header, 0, 8)).isEqualTo("664c6143" + "80000022");   // "fLaC"
        assertThat(HEX.formatHex(info.toBytes(), 10, 14)).isEqualTo("01f402f0");      // channels-1 = 1
    }

    @Test
    void streamInfo_refusesOutOfRangeFields() {
        assertThatThrownBy(() -> FlacStreamInfo.forFixedBlockSize(15, 8000, 1, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlacStreamInfo.forLiveStream(8000, 9, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlacStreamInfo.forLiveStream(0, 1, 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FlacEncoder(FlacStreamInfo.forLiveStream(8000, 1, 24), FlacEncoder.BlockingStrategy.FIXED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void frame_silentBlockOf160_isConstantSubframeWithKnownCrcs() {
        FlacEncoder encoder = FlacEncoder.forLiveStream(8000, 1, FlacEncoder.BlockingStrategy.FIXED);

        byte[] frame = encoder.encodeFrame(new short[160]);

        // FFF8 sync+fixed; 6 = block size in 8 bits at the end, 4 = 8000 Hz; mono, 16 bits; frame 0;
        // 0x9F = 160-1; CRC-8 0x37; CONSTANT subframe 00 + 0000; CRC-16 0x412D
        assertThat(HEX.formatHex(frame)).isEqualTo("fff86408009f37000000412d");
        assertThat(FlacFrameHeader.blockSize(frame)).isEqualTo(160);
    }

    @Test
    void frame_variableStrategy_codesTheFirstSampleNumberInUtf8() {
        FlacEncoder encoder = FlacEncoder.forLiveStream(8000, 1, FlacEncoder.BlockingStrategy.VARIABLE);
        for (int i = 0; i < 4; i++) {
            encoder.encodeFrame(new short[250]);
        }
        short[] block = new short[160];
        java.util.Arrays.fill(block, (short) 0x1234);

        byte[] frame = encoder.encodeFrame(block);

        // FFF9: variable; sample number 1000 as CF A8 (110 01111, 10 101000); CRC-8 0x20; constant 0x1234; CRC-16 0xBB20
        assertThat(HEX.formatHex(frame)).isEqualTo("fff96408cfa89f20001234bb20");
        assertThat(encoder.samplesEncoded()).isEqualTo(1160);
    }

    @Test
    void frame_headerCodesForStandardSizesAndRates() {
        FlacEncoder at48k = FlacEncoder.forLiveStream(48_000, 2, FlacEncoder.BlockingStrategy.FIXED);
        byte[] frame = at48k.encodeFrame(new short[2 * 4096]);
        assertThat(HEX.formatHex(frame, 0, 5)).isEqualTo("fff8ca1800"); // 0xC = 4096, 0xA = 48 kHz, 1 = 2 channels
        assertThat(FlacFrameHeader.blockSize(frame)).isEqualTo(4096);

        FlacEncoder odd = FlacEncoder.forLiveStream(11_025, 1, FlacEncoder.BlockingStrategy.FIXED);
        byte[] f2 = odd.encodeFrame(new short[1000]);
        // 7 = 16-bit size at the end (999), D = 16-bit rate in Hz (11025); CRC-8 0x39
        assertThat(HEX.formatHex(f2, 0, 10)).isEqualTo("fff87d080003e72b1139");
        assertThat(FlacFrameHeader.blockSize(f2)).isEqualTo(1000);
    }

    @Test
    void frameHeader_refusesWhatIsNotAFrame() {
        assertThatThrownBy(() -> FlacFrameHeader.blockSize(new byte[] {0, 1, 2, 3, 4, 5}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FlacFrameHeader.blockSize(HEX.parseHex("fff8600800")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void voiceLike_compressesWellBelowRawPcm() {
        short[] pcm = Signals.voiceLike(7, 8000 * 10);
        FlacEncoder encoder = FlacEncoder.forLiveStream(8000, 1, FlacEncoder.BlockingStrategy.FIXED);
        long flacBytes = 0;
        for (int at = 0; at < pcm.length; at += 160) {
            flacBytes += encoder.encodeFrame(pcm, at, 160).length;
        }
        double ratio = flacBytes / (pcm.length * 2.0);
        System.out.printf("FLAC of 10 s voice-like 8 kHz mono in 20 ms frames: %d bytes, %.1f%% of %d bytes raw PCM%n",
                flacBytes, ratio * 100, pcm.length * 2);
        assertThat(ratio).isLessThan(0.65);
    }

    static List<Arguments> randomCases() {
        Random random = new Random(SEED);
        String[] signals = {"noise16", "sine", "sine+noise", "square", "extremes", "walk", "silence-then-click", "voice"};
        int[] sizes = {16, 17, 160, 192, 320, 576, 1000, 1152, 4096, 4608};
        List<Arguments> cases = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            long caseSeed = random.nextLong();
            String signal = signals[i % signals.length];
            int blockSize = i == 15 ? 65535 : sizes[random.nextInt(sizes.length)];
            int channels = random.nextInt(4) == 0 ? 2 : 1;
            FlacEncoder.BlockingStrategy strategy = random.nextBoolean()
                    ? FlacEncoder.BlockingStrategy.FIXED : FlacEncoder.BlockingStrategy.VARIABLE;
            cases.add(Arguments.of(caseSeed, signal, blockSize, channels, strategy));
        }
        return cases;
    }

    @ParameterizedTest(name = "seed " + SEED + " case {index}: {1}, block {2}, {3} ch, {4}, case seed {0}")
    @MethodSource("randomCases")
    void randomBlocks_ffmpegDecodesTheSameSamples(long seed, String signal, int blockSize, int channels,
                                                 FlacEncoder.BlockingStrategy strategy) throws Exception {
        Ffmpeg.assumeInstalled();
        Random random = new Random(seed);
        int blocks = blockSize > 10_000 ? 2 : 6;
        // FIXED: equal blocks and a shorter last one; VARIABLE: sizes vary around blockSize
        int[] sizes = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            sizes[b] = strategy == FlacEncoder.BlockingStrategy.FIXED
                    ? (b == blocks - 1 ? Math.max(1, blockSize / 3) : blockSize)
                    : Math.max(16, Math.min(65535, blockSize / 2 + random.nextInt(blockSize)));
        }
        int total = java.util.Arrays.stream(sizes).sum();
        short[] pcm = signal(signal, random, total * channels);
        FlacStreamInfo info = strategy == FlacEncoder.BlockingStrategy.FIXED
                ? FlacStreamInfo.forFixedBlockSize(blockSize, 8000, channels, 16)
                : FlacStreamInfo.forLiveStream(8000, channels, 16);
        FlacEncoder encoder = new FlacEncoder(info, strategy);

        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.write(info.toStreamHeader());
        int at = 0;
        for (int size : sizes) {
            byte[] frame = encoder.encodeFrame(pcm, at * channels, size);
            assertThat(FlacFrameHeader.blockSize(frame)).isEqualTo(size);
            assertThat(FlacCrc.crc16(frame, 0, frame.length)).as("CRC-16 over a frame and its footer").isZero();
            assertThat(frame.length).isLessThanOrEqualTo(16 + channels * (2 * size + 1) + 2);
            file.write(frame);
            at += size;
        }
        Path flac = dir.resolve("random.flac");
        Files.write(flac, file.toByteArray());
        Path decoded = dir.resolve("random.s16");
        PeerResult r = Peers.run(dir, "ffmpeg", "-nostdin", "-v", "error", "-f", "flac", "-i", flac.toString(),
                "-f", "s16le", decoded.toString());

        assertThat(r.exit()).isZero();
        assertThat(r.stderr()).as("ffmpeg's complaints").isEmpty();
        assertThat(Signals.fromS16le(Files.readAllBytes(decoded))).isEqualTo(pcm);
    }

    private static short[] signal(String name, Random random, int n) {
        short[] x = new short[n];
        double phase = random.nextDouble() * 6;
        double step = 0.01 + random.nextDouble() * 0.5;
        int walk = 0;
        for (int i = 0; i < n; i++) {
            x[i] = switch (name) {
                case "noise16" -> (short) random.nextInt(65536);
                case "sine" -> Signals.clamp(30000 * Math.sin(phase + step * i));
                case "sine+noise" -> Signals.clamp(12000 * Math.sin(phase + step * i) + random.nextGaussian() * 300);
                case "square" -> (short) ((i / 37) % 2 == 0 ? 20000 : -20000);
                case "extremes" -> random.nextBoolean() ? Short.MAX_VALUE : Short.MIN_VALUE;
                case "walk" -> (short) (walk = Math.max(-32768, Math.min(32767, walk + random.nextInt(2001) - 1000)));
                case "silence-then-click" -> (short) (i == n / 2 ? -32768 : 0);
                case "voice" -> 0;
                default -> throw new IllegalArgumentException(name);
            };
        }
        if (name.equals("voice")) {
            return Signals.voiceLike(random.nextLong(), n);
        }
        return x;
    }
}
