package io.gscam.camera.source;

import io.gscam.protocol.ParseException;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnnexBClipReaderTest {
    private final List<String> notes = new ArrayList<>();

    @Test
    void builtInLoop_readsSizeFromTheSps_andOneFramePerAccessUnit() throws Exception {
        Clip clip = AnnexBClipReader.read(loop(4), FrameRate.of(7), notes);

        assertThat(clip.track().width()).isEqualTo(352);
        assertThat(clip.track().height()).isEqualTo(240);
        assertThat(clip.size()).isEqualTo(BuiltInLoops.clip(4).size());
        assertThat(clip.samples().get(0).keyframe()).isTrue();
        assertThat(clip.track().frameRate()).as("from the SPS's VUI timing info, not the default").isEqualTo(FrameRate.of(15));
        assertThat(notes).isEmpty();
        assertThat(clip.durationTicks()).isEqualTo(900_000);
        assertThat(clip.track().bitrateKbps()).isPositive();
    }

    @Test
    void streamWithoutKeyframe_isAParseError() {
        byte[] nonIdrOnly = HexFormat.of().parseHex("00000001" + "419a0000" + "00000001" + "419a0001");

        assertThatThrownBy(() -> AnnexBClipReader.read(nonIdrOnly, FrameRate.of(25), notes))
                .isInstanceOf(ParseException.class).hasMessageContaining("not a playable raw H.264");
    }

    private static byte[] loop(int channel) throws Exception {
        try (InputStream in = BuiltInLoops.class.getResourceAsStream("loop-ch" + channel + ".h264")) {
            assertThat(in).as("built-in loop resource").isNotNull();
            return in.readAllBytes();
        }
    }
}
