package io.gscam.camera.source;

import io.gscam.protocol.ParseException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WavFileTest {
    private static final HexFormat HEX = HexFormat.of();

    /** RIFF, WAVE, a LIST chunk of 3 bytes (padded to 4), fmt of mu-law 8 kHz mono 8-bit, data of 4 bytes. */
    private static final String MULAW_WAV = "52494646" + "2e000000" + "57415645"
            + "4c495354" + "03000000" + "414243" + "00"
            + "666d7420" + "10000000" + "0700" + "0100" + "401f0000" + "401f0000" + "0100" + "0800"
            + "64617461" + "04000000" + "ff7f0080";

    @Test
    void parse_muLawWithPaddedUnknownChunk_readsFormatAndData() throws Exception {
        WavFile wav = WavFile.parse(HEX.parseHex(MULAW_WAV));

        assertThat(wav.formatTag()).isEqualTo(WavFile.FORMAT_MULAW);
        assertThat(wav.channels()).isEqualTo(1);
        assertThat(wav.sampleRate()).isEqualTo(8000);
        assertThat(wav.bitsPerSample()).isEqualTo(8);
        assertThat(wav.data()).isEqualTo(HEX.parseHex("ff7f0080"));
    }

    @Test
    void parse_dataSizeOfAPipedWriter_takesTheRestOfTheFile() throws Exception {
        String piped = MULAW_WAV.replace("6461746104000000", "64617461ffffffff") + "0102";

        assertThat(WavFile.parse(HEX.parseHex(piped)).data()).isEqualTo(HEX.parseHex("ff7f00800102"));
    }

    @Test
    void parse_extensibleFormat_usesTheSubFormatTag() throws Exception {
        String ext = "52494646" + "00000000" + "57415645"
                + "666d7420" + "28000000" + "feff" + "0100" + "401f0000" + "803e0000" + "0200" + "1000"
                + "1600" + "1000" + "04000000" + "0100" + "000000001000800000aa00389b71"
                + "64617461" + "02000000" + "3412";

        WavFile wav = WavFile.parse(HEX.parseHex(ext));

        assertThat(wav.formatTag()).isEqualTo(WavFile.FORMAT_PCM);
        assertThat(wav.bitsPerSample()).isEqualTo(16);
        assertThat(wav.data()).isEqualTo(HEX.parseHex("3412"));
    }

    @Test
    void parse_notRiff_isRejectedAtOffsetZero() {
        assertThatThrownBy(() -> WavFile.parse(HEX.parseHex("000000186674797069736f6d")))
                .isInstanceOf(ParseException.class).hasMessageContaining("RIFF");
    }

    @Test
    void parse_dataBeforeFmt_isRejected() {
        String noFmt = "52494646" + "0c000000" + "57415645" + "64617461" + "00000000";

        assertThatThrownBy(() -> WavFile.parse(HEX.parseHex(noFmt))).isInstanceOf(ParseException.class)
                .hasMessageContaining("before the fmt");
    }

    /** The input is what follows a RIFF/WAVE header, so every input reaches the chunk parser. */
    @FuzzTest
    void parse_arbitraryBytes_parseOrRaiseParseException(byte[] tail) {
        byte[] header = HEX.parseHex("524946460000000057415645");
        byte[] file = new byte[header.length + tail.length];
        System.arraycopy(header, 0, file, 0, header.length);
        System.arraycopy(tail, 0, file, header.length, tail.length);
        try {
            WavFile wav = WavFile.parse(file);
            assertThat(wav.data().length).isLessThanOrEqualTo(file.length);
        } catch (ParseException expected) {
            assertThat(expected.offset()).isBetween(0L, (long) file.length + 8);
        }
    }
}
