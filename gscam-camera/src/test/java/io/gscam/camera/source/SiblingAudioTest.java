package io.gscam.camera.source;

import io.gscam.media.g711.G711Law;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SiblingAudioTest {
    @TempDir
    Path dir;

    private final List<String> notes = new ArrayList<>();

    @Test
    void noFileBeside_isNoAudio_withoutANote() throws Exception {
        assertThat(SiblingAudio.find(dir.resolve("cam.h264"), notes)).isNull();
        assertThat(notes).isEmpty();
    }

    @Test
    void rawMuLawBeside_isOnePieceFromTheStart() throws Exception {
        Files.write(dir.resolve("cam.ulaw"), new byte[] {1, 2, 3, 4});

        AudioPieces audio = SiblingAudio.find(dir.resolve("cam.h264"), notes);

        assertThat(audio.law()).isEqualTo(G711Law.MU_LAW);
        assertThat(audio.endSample()).isEqualTo(4);
        assertThat(audio.pieces()).singleElement().satisfies(p -> {
            assertThat(p.atSample()).isZero();
            assertThat(p.codes()).containsExactly(1, 2, 3, 4);
        });
        assertThat(audio.description()).isEqualTo("audio file cam.ulaw");
    }

    @Test
    void rawALawBeside_isALaw_andMuLawIsPreferredOverWav() throws Exception {
        Files.write(dir.resolve("cam.al"), new byte[] {5, 6});
        Files.write(dir.resolve("cam.wav"), wav(1, 8000, 16, new byte[4]));

        assertThat(SiblingAudio.find(dir.resolve("cam.mp4"), notes).law()).isEqualTo(G711Law.A_LAW);
    }

    @Test
    void pcmWav_isEncodedToMuLaw() throws Exception {
        short[] pcm = {0, 1000, -1000, 32000};
        ByteBuffer le = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : pcm) {
            le.putShort(s);
        }
        Files.write(dir.resolve("cam.wav"), wav(WavFile.FORMAT_PCM, 8000, 16, le.array()));

        AudioPieces audio = SiblingAudio.find(dir.resolve("cam.h264"), notes);

        assertThat(audio.law()).isEqualTo(G711Law.MU_LAW);
        assertThat(audio.pieces().get(0).codes()).isEqualTo(G711Law.MU_LAW.encode(pcm));
    }

    @Test
    void unusableFilesBeside_areSkippedWithTheReason() throws Exception {
        Files.write(dir.resolve("a.wav"), wav(WavFile.FORMAT_PCM, 16000, 16, new byte[4]));
        Files.write(dir.resolve("b.wav"), wav(WavFile.FORMAT_PCM, 8000, 8, new byte[4]));
        Files.write(dir.resolve("c.pcmu"), new byte[0]);
        Files.write(dir.resolve("d.wav"), new byte[] {'R', 'I', 'F', 'F'});

        assertThat(SiblingAudio.find(dir.resolve("a.h264"), notes)).isNull();
        assertThat(SiblingAudio.find(dir.resolve("b.h264"), notes)).isNull();
        assertThat(SiblingAudio.find(dir.resolve("c.h264"), notes)).isNull();
        assertThat(SiblingAudio.find(dir.resolve("d.h264"), notes)).isNull();
        assertThat(notes).hasSize(4);
        assertThat(notes.get(0)).contains("a.wav", "16000 Hz", "8000 Hz mono");
        assertThat(notes.get(1)).contains("b.wav", "WAV format 1 with 8 bits");
        assertThat(notes.get(2)).contains("c.pcmu", "holds no audio");
        assertThat(notes.get(3)).contains("d.wav skipped");
    }

    /** A canonical 44-byte-header WAV. */
    private static byte[] wav(int format, int rate, int bits, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) format).putShort((short) 1).putInt(rate)
                .putInt(rate * bits / 8).putShort((short) (bits / 8)).putShort((short) bits);
        b.put("data".getBytes()).putInt(data.length).put(data);
        return b.array();
    }
}
