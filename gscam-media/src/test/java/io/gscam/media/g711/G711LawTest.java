package io.gscam.media.g711;

import io.gscam.testkit.Peers;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class G711LawTest {

    /**
     * ITU-T G.711 Table 2a, written as a formula: code bits P S S S Q Q Q Q (inverted on the wire);
     * segment S, step Q decode to ((2Q + 33) * 2^S - 33) in 14-bit units, negative when P = 0.
     */
    private static int ituMuLaw(int code) {
        int u = ~code & 0xFF;
        int segment = (u >> 4) & 7;
        int step = u & 0x0F;
        int magnitude = ((2 * step + 33) << segment) - 33;
        return ((u & 0x80) != 0 ? -magnitude : magnitude) * 4;
    }

    /**
     * ITU-T G.711 Table 1a as a formula: even bits inverted on the wire (XOR 0x55); segment 0
     * decodes to 2Q + 1, segment S >= 1 to (2Q + 33) * 2^(S-1), in 13-bit units; positive when P = 1.
     */
    private static int ituALaw(int code) {
        int a = (code & 0xFF) ^ 0x55;
        int segment = (a >> 4) & 7;
        int step = a & 0x0F;
        int magnitude = segment == 0 ? 2 * step + 1 : (2 * step + 33) << (segment - 1);
        return ((a & 0x80) != 0 ? magnitude : -magnitude) * 8;
    }

    @Test
    void decode_every256MuLawCodes_matchesItuTable() {
        for (int code = 0; code < 256; code++) {
            assertThat(G711Law.MU_LAW.decode((byte) code)).as("mu-law code %02x", code).isEqualTo((short) ituMuLaw(code));
        }
    }

    @Test
    void decode_every256ALawCodes_matchesItuTable() {
        for (int code = 0; code < 256; code++) {
            assertThat(G711Law.A_LAW.decode((byte) code)).as("A-law code %02x", code).isEqualTo((short) ituALaw(code));
        }
    }

    @Test
    void decode_knownCodes_giveTheTablesEndValues() {
        assertThat(G711Law.MU_LAW.decode((byte) 0x00)).isEqualTo((short) -32124);
        assertThat(G711Law.MU_LAW.decode((byte) 0x80)).isEqualTo((short) 32124);
        assertThat(G711Law.MU_LAW.decode((byte) 0xFF)).isEqualTo((short) 0);
        assertThat(G711Law.MU_LAW.decode((byte) 0x7F)).isEqualTo((short) 0);
        assertThat(G711Law.A_LAW.decode((byte) 0xD5)).isEqualTo((short) 8);
        assertThat(G711Law.A_LAW.decode((byte) 0x55)).isEqualTo((short) -8);
        assertThat(G711Law.A_LAW.decode((byte) 0xAA)).isEqualTo((short) 32256);
        assertThat(G711Law.A_LAW.decode((byte) 0x2A)).isEqualTo((short) -32256);
    }

    @Test
    void encode_decodedValueOfEveryCode_givesTheCodeBack() {
        for (int code = 0; code < 256; code++) {
            if (code == 0x7F) {
                continue; // mu-law's "negative zero": zero encodes as 0xFF
            }
            assertThat(G711Law.MU_LAW.encode(G711Law.MU_LAW.decode((byte) code)) & 0xFF).isEqualTo(code);
            assertThat(G711Law.A_LAW.encode(G711Law.A_LAW.decode((byte) code)) & 0xFF).isEqualTo(code);
        }
    }

    @Test
    void encode_boundaryValues() {
        assertThat(G711Law.MU_LAW.encode(0) & 0xFF).isEqualTo(0xFF);
        assertThat(G711Law.MU_LAW.encode(3) & 0xFF).isEqualTo(0xFF);   // 14-bit 0
        assertThat(G711Law.MU_LAW.encode(-1) & 0xFF).isEqualTo(0x7E);  // 14-bit -1: decision level 1 of Table 2a
        assertThat(G711Law.MU_LAW.encode(32767) & 0xFF).isEqualTo(0x80);
        assertThat(G711Law.MU_LAW.encode(-32768) & 0xFF).isEqualTo(0x00);
        assertThat(G711Law.MU_LAW.encode(100_000) & 0xFF).isEqualTo(0x80);
        // first segment boundary: 14-bit 30 (16-bit 120..123) is the last value of step 0x0F of segment 0
        assertThat(G711Law.MU_LAW.encode(123) & 0xFF).isEqualTo(0xF0);
        assertThat(G711Law.MU_LAW.encode(124) & 0xFF).isEqualTo(0xEF);
        assertThat(G711Law.A_LAW.encode(0) & 0xFF).isEqualTo(0xD5);
        assertThat(G711Law.A_LAW.encode(-1) & 0xFF).isEqualTo(0x55);
        assertThat(G711Law.A_LAW.encode(32767) & 0xFF).isEqualTo(0xAA);
        assertThat(G711Law.A_LAW.encode(-32768) & 0xFF).isEqualTo(0x2A);
        // segment 0 to 1: 13-bit 31 is the last of segment 0, 32 the first of segment 1
        assertThat(G711Law.A_LAW.encode(31 * 8) & 0xFF).isEqualTo(0x0F ^ 0xD5);
        assertThat(G711Law.A_LAW.encode(32 * 8) & 0xFF).isEqualTo(0x10 ^ 0xD5);
    }

    @Test
    void encode_isMonotonicOverAll16BitValues() {
        int previousMu = Integer.MIN_VALUE;
        int previousA = Integer.MIN_VALUE;
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            int mu = G711Law.MU_LAW.decode(G711Law.MU_LAW.encode(s));
            int a = G711Law.A_LAW.decode(G711Law.A_LAW.encode(s));
            assertThat(mu).isGreaterThanOrEqualTo(previousMu);
            assertThat(a).isGreaterThanOrEqualTo(previousA);
            previousMu = mu;
            previousA = a;
        }
    }

    /**
     * The encoder against G.711's decision levels, written from the tables' structure: in the
     * biased magnitude (mu-law: |x| + 33 in 14 bits; A-law: |x| in 13 bits, negatives first
     * reduced by one), segment s spans [32, 64) << s (A-law: [16, 32) << s, segment 0 [0, 32))
     * in 16 equal steps.
     */
    @Test
    void encode_all16BitValues_matchesItuDecisionLevels() {
        for (int s = Short.MIN_VALUE; s <= Short.MAX_VALUE; s++) {
            assertThat(G711Law.MU_LAW.encode(s) & 0xFF).as("mu-law %d", s).isEqualTo(ituMuLawCode(s));
            assertThat(G711Law.A_LAW.encode(s) & 0xFF).as("A-law %d", s).isEqualTo(ituALawCode(s));
        }
    }

    private static int ituMuLawCode(int sample) {
        int x = sample >> 2;
        boolean negative = x < 0;
        int biased = Math.min(Math.abs(x), 8159) + 33;
        int segment = 0;
        while (biased >= 64 << segment) {
            segment++;
        }
        // full scale (biased 8192) falls in the last step of segment 7
        int step = segment > 7 ? 15 : (biased - (32 << segment)) / (2 << segment);
        int code = (Math.min(segment, 7) << 4) | step;
        // on the wire: segment and step inverted, sign bit 1 for positive
        return (code ^ 0x7F) | (negative ? 0 : 0x80);
    }

    private static int ituALawCode(int sample) {
        int x = sample >> 3;
        boolean negative = x < 0;
        int magnitude = negative ? -x - 1 : x;
        int segment = magnitude < 32 ? 0 : 1;
        while (magnitude >= 32 << segment) {
            segment++;
        }
        int step = segment == 0 ? magnitude / 2 : (magnitude - (16 << segment)) / (1 << segment);
        int code = (segment << 4) | step;
        return (negative ? code : code | 0x80) ^ 0x55;
    }

    /**
     * ffmpeg decodes every code to the same value. Its encoder rounds to the nearest reconstruction
     * value instead of using G.711's decision levels, so at some decision levels it picks the
     * neighbouring code; everywhere else it agrees.
     */
    @Test
    void ffmpeg_decodesEveryCodeAlikeAndEncodesWithinOneStep() throws Exception {
        Peers.assumeInstalled("ffmpeg");
        short[] all = new short[65536];
        for (int i = 0; i < all.length; i++) {
            all[i] = (short) (i + Short.MIN_VALUE);
        }
        byte[] codes = new byte[256];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (byte) i;
        }
        Path dir = Files.createTempDirectory("g711");
        try {
            Path pcm = dir.resolve("in.pcm");
            ByteBuffer bytes = ByteBuffer.allocate(all.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asShortBuffer().put(all);
            Files.write(pcm, bytes.array());
            for (G711Law law : G711Law.values()) {
                String fmt = law == G711Law.MU_LAW ? "mulaw" : "alaw";
                Path coded = dir.resolve(fmt);
                Files.write(coded, codes);
                Path decoded = dir.resolve(fmt + ".pcm");
                run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", fmt, "-ar", "8000", "-ac", "1",
                        "-i", coded.toString(), "-f", "s16le", decoded.toString());
                short[] ffmpegDecoded = new short[256];
                ByteBuffer.wrap(Files.readAllBytes(decoded)).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(ffmpegDecoded);
                assertThat(law.decode(codes)).as("%s decode", law).isEqualTo(ffmpegDecoded);

                Path encoded = dir.resolve(fmt + ".enc");
                run("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "s16le", "-ar", "8000", "-ac", "1",
                        "-i", pcm.toString(), "-c:a", "pcm_" + fmt, "-f", fmt, encoded.toString());
                byte[] ffmpegEncoded = Files.readAllBytes(encoded);
                byte[] ours = law.encode(all);
                int differing = 0;
                for (int i = 0; i < all.length; i++) {
                    if (ours[i] != ffmpegEncoded[i]) {
                        differing++;
                        int step = Math.abs(law.decode(ours[i]) - law.decode(ffmpegEncoded[i]));
                        int ourError = Math.abs(law.decode(ours[i]) - all[i]);
                        assertThat(ourError).as("%s sample %d", law, all[i]).isLessThanOrEqualTo(step);
                    }
                }
                assertThat(differing).as("%s samples where ffmpeg picks the neighbour", law).isLessThan(4096);
            }
        } finally {
            for (File f : dir.toFile().listFiles()) {
                f.delete();
            }
            Files.delete(dir);
        }
    }


    private static void run(String... command) {
        Peers.run(null, command).requireSuccess(command[0]);
    }
}
