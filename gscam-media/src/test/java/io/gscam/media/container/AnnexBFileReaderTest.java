package io.gscam.media.container;

import io.gscam.testkit.Ffmpeg;
import io.gscam.protocol.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnnexBFileReaderTest {
    private static final HexFormat HEX = HexFormat.of();

    private static List<AccessUnit> read(byte[] data, int chunk) throws Exception {
        // A stream that returns at most `chunk` bytes per read, to cross refill boundaries.
        InputStream in = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        List<AccessUnit> units = new ArrayList<>();
        try (AnnexBFileReader reader = new AnnexBFileReader(in, 25)) {
            for (AccessUnit au = reader.next(); au != null; au = reader.next()) {
                units.add(au);
            }
        }
        return units;
    }

    @Test
    void next_spsPpsIdrThenTwoSlicesOfOnePicture_thenNewPicture() throws Exception {
        byte[] stream = HEX.parseHex(
                "00000001" + "6742c01e" +      // SPS
                "00000001" + "68ce3c80" +      // PPS
                "000001" + "6588" + "8401" +   // IDR, first_mb_in_slice 0 (first bit 1)
                "000001" + "6500" + "4411" +   // IDR, first_mb_in_slice != 0: same picture
                "00000001" + "419a" + "0011" + // P slice, first_mb 0: new access unit
                "0000000109f0" +               // AUD: new access unit
                "000001" + "41" + "9b22");     // P slice after the AUD
        for (int chunk : new int[]{1, 3, 7, 1000}) {
            List<AccessUnit> units = read(stream, chunk);
            assertThat(units).hasSize(3);
            assertThat(HEX.formatHex(units.get(0).annexB())).isEqualTo(
                    "000000016742c01e" + "0000000168ce3c80" + "0000000165888401" + "0000000165004411");
            assertThat(units.get(0).keyframe()).isTrue();
            assertThat(HEX.formatHex(units.get(1).annexB())).isEqualTo("00000001419a0011");
            assertThat(units.get(1).keyframe()).isFalse();
            assertThat(HEX.formatHex(units.get(2).annexB())).isEqualTo("0000000109f0" + "00000001419b22");
            assertThat(units.get(2).time90k()).isEqualTo(7200);
        }
    }

    @Test
    void next_trailingZerosAndLeadingGarbage_areDropped() throws Exception {
        List<AccessUnit> units = read(HEX.parseHex("aabb" + "00000165880000" + "00000001419a00"), 2);
        assertThat(units).hasSize(2);
        assertThat(HEX.formatHex(units.get(0).annexB())).isEqualTo("000000016588");
        assertThat(HEX.formatHex(units.get(1).annexB())).isEqualTo("00000001419a");
    }

    @Test
    void next_noStartCode_raisesParseException() {
        assertThatThrownBy(() -> read(HEX.parseHex("0102030405060708"), 100)).isInstanceOf(ParseException.class);
    }

    @Test
    void next_emptyStream_hasNoUnits() throws Exception {
        assertThat(read(new byte[0], 10)).isEmpty();
    }

    @Test
    void next_ffmpegH264File_agreesWithFfprobe(@TempDir Path dir) throws Exception {
        Ffmpeg.assumeInstalled();
        Path file = TestMedia.h264(dir);
        List<AccessUnit> units = TestMedia.accessUnits(file);
        List<Map<String, String>> packets = Ffmpeg.packets(file, 0);
        assertThat(units).hasSize(packets.size()).hasSize(TestMedia.FRAMES);
        for (int i = 0; i < units.size(); i++) {
            assertThat(units.get(i).keyframe()).as("keyframe %d", i).isEqualTo(packets.get(i).get("flags").startsWith("K"));
            assertThat(units.get(i).keyframe()).isEqualTo(i % 25 == 0);
        }
    }
}
