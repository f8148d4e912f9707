package io.gscam.client.internal.rtp;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class JpegSizeTest {
    @Test
    void of_sof0AfterDqt_readsWidthAndHeight() {
        // SOI, DQT (length 4, two table bytes), SOF0 320x240 3 components, then SOS.
        byte[] jpeg = HexFormat.of().parseHex("FFD8" + "FFDB00040001" + "FFC0001108" + "00F0" + "0140"
                + "03012200021101031101" + "FFDA");

        assertThat(JpegSize.of(jpeg)).containsExactly(320, 240);
    }

    @Test
    void of_scanBeforeAnyFrameHeader_isNull() {
        assertThat(JpegSize.of(HexFormat.of().parseHex("FFD8FFDA000C"))).isNull();
    }

    @Test
    void of_truncatedSof_isNull() {
        assertThat(JpegSize.of(HexFormat.of().parseHex("FFD8FFC0001108"))).isNull();
    }

    @Test
    void of_notAJpeg_isNull() {
        assertThat(JpegSize.of(HexFormat.of().parseHex("00112233"))).isNull();
    }
}
