package io.gscam.camera.source;

import io.gscam.media.g711.G711Law;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class G711LoopBuilderTest {
    @Test
    void build_nothingPlaced_isSilenceIn160SamplePackets() {
        Clip clip = new G711LoopBuilder(G711Law.MU_LAW, 480).build();

        assertThat(clip.track().encodingName()).isEqualTo("PCMU");
        assertThat(clip.track().clockRate()).isEqualTo(8000);
        assertThat(clip.durationTicks()).isEqualTo(480);
        assertThat(clip.samples()).extracting(Clip.Sample::ticks).containsExactly(0L, 160L, 320L);
        assertThat(clip.samples()).allSatisfy(s -> assertThat(s.data()).hasSize(160).containsOnly((byte) 0xFF));
    }

    @Test
    void build_aLaw_isPcmaWithItsSilenceCode() {
        Clip clip = new G711LoopBuilder(G711Law.A_LAW, 160).build();

        assertThat(clip.track().encodingName()).isEqualTo("PCMA");
        assertThat(clip.track().payloadType()).isEqualTo(8);
        assertThat(clip.samples().get(0).data()).containsOnly((byte) 0xD5);
    }

    @Test
    void build_lengthNotAMultipleOf20ms_endsWithAShorterPacket() {
        Clip clip = new G711LoopBuilder(G711Law.MU_LAW, 2668).build();

        assertThat(clip.size()).isEqualTo(17);
        assertThat(clip.samples().get(16).ticks()).isEqualTo(2560);
        assertThat(clip.samples().get(16).data()).hasSize(108);
        assertThat(clip.durationTicks()).isEqualTo(2668);
    }

    @Test
    void place_cutsWhatFallsBeforeOrAfterTheLoop() {
        byte[] codes = new byte[300];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (byte) i;
        }
        G711LoopBuilder b = new G711LoopBuilder(G711Law.MU_LAW, 320);

        b.place(-100, codes).place(250, codes);
        Clip clip = b.build();

        assertThat(b.placedSamples()).isEqualTo(200 + 70);
        byte[] loop = concat(clip.samples().get(0).data(), clip.samples().get(1).data());
        assertThat(Arrays.copyOfRange(loop, 0, 200)).isEqualTo(Arrays.copyOfRange(codes, 100, 300));
        assertThat(Arrays.copyOfRange(loop, 200, 250)).containsOnly((byte) 0xFF);
        assertThat(Arrays.copyOfRange(loop, 250, 320)).isEqualTo(Arrays.copyOfRange(codes, 0, 70));
    }

    @Test
    void constructor_emptyLoop_isRejected() {
        assertThatThrownBy(() -> new G711LoopBuilder(G711Law.MU_LAW, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
