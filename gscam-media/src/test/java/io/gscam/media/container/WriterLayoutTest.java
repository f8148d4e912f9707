package io.gscam.media.container;

import io.gscam.media.MediaSample;
import io.gscam.media.g726.G726Packing;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Byte layout of what the writers emit, without any external tool. */
class WriterLayoutTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String SPS = "6742c01e95a0b04b20";
    private static final String PPS = "68ce3c80";
    private static final byte[] IDR_AU = HEX.parseHex("0000000109f0" + "00000001" + SPS + "00000001" + PPS + "00000001658884aa");
    private static final byte[] P_AU = HEX.parseHex("00000001419a0011");

    @Test
    void matroska_streamOutput_unknownSizedSegmentAndCluster_firstBlockIsTheKeyframe() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MatroskaWriter writer = MatroskaWriter.create(bytes, "t");
        int v = writer.addTrack(Track.h264(320, 240, null, null));
        writer.writeSample(v, MediaSample.video(0xFFFFF000L, P_AU, false));    // before any keyframe: dropped
        writer.writeSample(v, MediaSample.video(0xFFFFFFFFL - 1799, IDR_AU, true));
        writer.writeSample(v, MediaSample.video(1800, P_AU, false));           // 3600 ticks later, across the wrap
        writer.close();
        String hex = HEX.formatHex(bytes.toByteArray());
        assertThat(hex).startsWith("1a45dfa3");
        assertThat(hex).contains("18538067" + "01ffffffffffffff");
        assertThat(hex).contains("86" + "8f" + HEX.formatHex("V_MPEG4/ISO/AVC".getBytes(StandardCharsets.US_ASCII)));
        // CodecPrivate: the avcC built from the in-band SPS/PPS
        assertThat(hex).contains("63a2" + "98" + "0142c01eff" + "e10009" + SPS + "010004" + PPS);
        // Cluster, Timestamp 0, then SimpleBlock: track 1, relative time 0, keyframe, AUD dropped, 4-byte lengths
        String idrBlock = "00000009" + SPS + "00000004" + PPS + "00000004658884aa";
        assertThat(hex).contains("1f43b675" + "01ffffffffffffff" + "e78100"
                + "a3" + "a1" + "81" + "0000" + "80" + idrBlock);
        // the P frame 40 ms later (timestamp wrapped), not a keyframe
        assertThat(hex).endsWith("a3" + "8c" + "81" + "0028" + "00" + "00000004419a0011");
        assertThat(writer.samplesWritten()).isEqualTo(2);
        assertThat(writer.samplesDropped()).isEqualTo(1);
    }

    @Test
    void matroska_g711Track_writesWaveFormatEx() {
        assertThat(HEX.formatHex(MatroskaWriter.waveFormatEx(Track.pcmu(8000))))
                .isEqualTo("0700" + "0100" + "401f0000" + "401f0000" + "0100" + "0800" + "0000");
        assertThat(HEX.formatHex(MatroskaWriter.waveFormatEx(Track.g726(5, G726Packing.RFC3551_LE))))
                .isEqualTo("4500" + "0100" + "401f0000" + "881300" + "00" + "0100" + "0500" + "0000");
    }

    private record Box(String type, int offset, int size) {
    }

    private static List<Box> boxes(byte[] file) {
        List<Box> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(file);
        int at = 0;
        while (at + 8 <= file.length) {
            int size = b.getInt(at);
            out.add(new Box(new String(file, at + 4, 4, StandardCharsets.ISO_8859_1), at, size));
            at += size;
        }
        assertThat(at).as("boxes tile the file").isEqualTo(file.length);
        return out;
    }

    @Test
    void fragmentedMp4_moovUpFront_thenOneFragmentPerGop_thenMfra() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FragmentedMp4Writer writer = FragmentedMp4Writer.create(bytes);
        int v = writer.addTrack(Track.h264(320, 240, HEX.parseHex(SPS), HEX.parseHex(PPS)));
        long ts = 1000;
        for (int gop = 0; gop < 3; gop++) {
            writer.writeSample(v, MediaSample.video(ts, IDR_AU, true));
            ts += 3000;
            for (int i = 0; i < 4; i++) {
                writer.writeSample(v, MediaSample.video(ts, P_AU, false));
                ts += 3000;
            }
        }
        writer.close();
        byte[] file = bytes.toByteArray();
        List<Box> top = boxes(file);
        assertThat(top.stream().map(Box::type).toList())
                .containsExactly("ftyp", "moov", "moof", "mdat", "moof", "mdat", "moof", "mdat", "mfra");
        String moov = HEX.formatHex(file, top.get(1).offset(), top.get(1).offset() + top.get(1).size());
        assertThat(moov).contains(HEX.formatHex("avc1".getBytes(StandardCharsets.US_ASCII)));
        assertThat(moov).contains("000000" + "20" + HEX.formatHex("trex".getBytes(StandardCharsets.US_ASCII)) + "00000000" + "00000001");

        // Second fragment: tfdt at 5 frames of 3000 ticks, trun of 5 samples, first sync, data offset to the mdat payload
        Box moof = top.get(4);
        ByteBuffer b = ByteBuffer.wrap(file);
        String moofHex = HEX.formatHex(file, moof.offset(), moof.offset() + moof.size());
        assertThat(moofHex).contains(HEX.formatHex("tfdt".getBytes(StandardCharsets.US_ASCII)) + "01000000" + "0000000000003a98");
        int trun = moofHex.indexOf(HEX.formatHex("trun".getBytes(StandardCharsets.US_ASCII))) / 2 + moof.offset();
        assertThat(b.getInt(trun + 4)).isEqualTo(0x000701);          // version 0; offset, duration, size, flags
        assertThat(b.getInt(trun + 8)).isEqualTo(5);                 // sample_count
        assertThat(b.getInt(trun + 12)).isEqualTo(moof.size() + 8);  // data_offset: just past the mdat header
        assertThat(b.getInt(trun + 16)).isEqualTo(3000);             // duration
        assertThat(b.getInt(trun + 24)).isEqualTo(0x02000000);       // sync sample
        assertThat(b.getInt(trun + 36)).isEqualTo(0x01010000);       // non-sync
        Box mdat = top.get(5);
        assertThat(mdat.size()).isEqualTo(8 + (4 + 9 + 4 + 4 + 4 + 4) + 4 * (4 + 4));
        // mfro at the very end gives the mfra size
        assertThat(b.getInt(file.length - 4)).isEqualTo(top.get(8).size());
    }

    @Test
    void fragmentedMp4_audioOnly_cutsEverySecond() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FragmentedMp4Writer writer = FragmentedMp4Writer.create(bytes);
        int a = writer.addTrack(Track.pcma(8000));
        for (int i = 0; i < 150; i++) { // 3 s of 20 ms packets
            writer.writeSample(a, MediaSample.audio(i * 160L, new byte[160]));
        }
        writer.close();
        List<Box> top = boxes(bytes.toByteArray());
        assertThat(top.stream().filter(x -> x.type().equals("moof")).count()).isEqualTo(3);
        assertThat(writer.samplesWritten()).isEqualTo(150);
    }

    @Test
    void addTrack_afterFirstSample_isRefused() throws Exception {
        MatroskaWriter writer = MatroskaWriter.create(new ByteArrayOutputStream(), "t");
        int a = writer.addTrack(Track.pcmu(8000));
        writer.writeSample(a, MediaSample.audio(0, new byte[160]));
        assertThatThrownBy(() -> writer.addTrack(Track.pcma(8000))).isInstanceOf(IllegalStateException.class);
        writer.close();
    }

    @Test
    void discontinuity_nextSamplesContinueTheTimeline() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MatroskaWriter writer = MatroskaWriter.create(bytes, "t");
        int a = writer.addTrack(Track.pcmu(8000));
        writer.writeSample(a, MediaSample.audio(5000, new byte[160]));
        writer.writeSample(a, MediaSample.audio(5160, new byte[160]));   // 20 ms
        writer.discontinuity();
        writer.writeSample(a, MediaSample.audio(999_999, new byte[160])); // new RTP clock
        writer.close();
        String hex = HEX.formatHex(bytes.toByteArray());
        // the third block follows the second (20 ms + 20 ms long), not 124 s later
        assertThat(hex).endsWith("a3" + "40a4" + "81" + "0028" + "80" + "00".repeat(160));
    }
}
