package io.gscam.media.container;

import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.g726.G726BitPacker;
import io.gscam.media.g726.G726Packing;
import io.gscam.protocol.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link MatroskaWriter} writes, {@link MatroskaReader} reads back: tracks, block times, keyframes, payloads, and a cut file's whole blocks. */
class MatroskaReaderTest {
    private static final byte[] SPS = {0x67, 0x42, 0x00, 0x1e, (byte) 0x95, (byte) 0xa8, 0x2c, 0x04};
    private static final byte[] PPS = {0x68, (byte) 0xce, 0x3c, (byte) 0x80};

    @Test
    void readsBack_h264AndG726_tracksBlocksAndPayloads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a.mkv");
        List<byte[]> audio = new ArrayList<>();
        try (ContainerWriter w = ContainerWriters.forFile(file)) {
            int v = w.addTrack(Track.h264(704, 480, SPS, PPS));
            int a = w.addTrack(Track.g726(4, G726Packing.RFC3551_LE));
            for (int i = 0; i < 60; i++) {
                boolean key = i % 25 == 0;
                byte[] nal = key ? new byte[]{0, 0, 0, 1, 0x65, (byte) i, 1, 2, 3} : new byte[]{0, 0, 0, 1, 0x41, (byte) i, 4, 5};
                w.writeSample(v, MediaSample.video(i * 3600L, nal, key)); // 25 fps
                byte[] pcm = new byte[80];
                Arrays.fill(pcm, (byte) i);
                audio.add(pcm);
                w.writeSample(a, MediaSample.audio(i * 160L, pcm)); // 20 ms at 8 kHz
            }
        }
        MatroskaReader r = MatroskaReader.open(file);

        assertThat(r.tracks()).hasSize(2);
        MatroskaReader.TrackEntry vt = r.tracks().get(0);
        MatroskaReader.TrackEntry at = r.tracks().get(1);
        assertThat(vt.codecId()).isEqualTo("V_MPEG4/ISO/AVC");
        Track video = vt.toTrack();
        assertThat(video.codec()).isEqualTo(TrackCodec.H264);
        assertThat(video.width()).isEqualTo(704);
        assertThat(video.height()).isEqualTo(480);
        assertThat(video.sps().get(0)).isEqualTo(SPS);
        assertThat(video.pps().get(0)).isEqualTo(PPS);
        assertThat(vt.avcConfig().lengthSize()).isEqualTo(4);
        Track g726 = at.toTrack();
        assertThat(g726.codec()).isEqualTo(TrackCodec.G726);
        assertThat(g726.bitsPerSample()).isEqualTo(4);
        assertThat(g726.g726Packing()).isEqualTo(G726Packing.AAL2_BE);
        assertThat(at.samplingRate()).isEqualTo(8000.0);
        assertThat(at.kind()).isEqualTo(MediaKind.AUDIO);

        List<MatroskaReader.Block> vb = r.blocks().stream().filter(b -> b.track() == vt.number()).toList();
        List<MatroskaReader.Block> ab = r.blocks().stream().filter(b -> b.track() == at.number()).toList();
        assertThat(vb).hasSize(60);
        assertThat(ab).hasSize(60);
        for (int i = 0; i < 60; i++) {
            assertThat(vb.get(i).timeNanos()).isEqualTo(i * 40_000_000L);
            assertThat(vb.get(i).keyframe()).isEqualTo(i % 25 == 0);
            byte[] p = r.payload(vb.get(i));
            assertThat(p[4] & 0x1F).isEqualTo(i % 25 == 0 ? 5 : 1); // 4-byte length, then the NAL header
            assertThat(p[5]).isEqualTo((byte) i);
            assertThat(ab.get(i).timeNanos()).isEqualTo(i * 20_000_000L);
            assertThat(r.payload(ab.get(i))).isEqualTo(G726BitPacker.repack(audio.get(i), 4, G726Packing.RFC3551_LE, G726Packing.AAL2_BE));
        }

        // Cut anywhere after the tracks: the blocks read are the whole ones, a prefix of all of them.
        byte[] whole = Files.readAllBytes(file);
        int firstBlock = r.blocks().get(0).offset();
        for (int at0 = firstBlock; at0 < whole.length; at0 += 97) {
            int cut = at0;
            MatroskaReader c = MatroskaReader.parse(Arrays.copyOf(whole, cut));
            assertThat(c.tracks()).hasSize(2);
            assertThat(c.blocks()).isEqualTo(r.blocks().subList(0, c.blocks().size()));
            assertThat(c.blocks()).allMatch(b -> b.offset() + b.size() <= cut);
        }
    }

    @Test
    void rejects_aFileThatIsNotMatroska() {
        assertThatThrownBy(() -> MatroskaReader.parse(new byte[]{0, 0, 0, 0x18, 'f', 't', 'y', 'p'}))
                .isInstanceOf(ParseException.class);
    }
}
