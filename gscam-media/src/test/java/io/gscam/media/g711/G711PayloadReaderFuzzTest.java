package io.gscam.media.g711;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.rtp.RtpPayloadReader;
import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.testkit.Generators;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The G.711 reader under arbitrary packet sequences (repeats, losses, empty payloads). */
class G711PayloadReaderFuzzTest {

    /**
     * Packets in {@link Generators#chunks} framing; control bit 0 picks A-law, bits 1-3 a sequence step of
     * 1 or, when not zero, n - 1 (repeats and losses), bit 4 the marker. Each non-empty payload is one
     * sample, unchanged, at its packet's timestamp; each empty one is dropped and counted.
     */
    @FuzzTest
    void consume_arbitraryPacketSequence_passesEachPayloadOnOrCountsIt(byte[] input) {
        List<Generators.Chunk> packets = Generators.chunks(input);
        List<MediaSample> out = new ArrayList<>();
        boolean aLaw = !packets.isEmpty() && (packets.get(0).control() & 1) != 0;
        G711PayloadFormat format = aLaw ? G711PayloadFormat.pcma() : G711PayloadFormat.pcmu();
        RtpPayloadReader reader = format.newReader(format.mediaFormat(), out::add);
        int seq = 65530;
        long ts = 0;
        List<RtpPacket> sent = new ArrayList<>();
        for (Generators.Chunk p : packets) {
            int step = (p.control() >> 1) & 0x07;
            seq = (seq + (step == 0 ? 1 : step - 1)) & 0xFFFF;
            ts = (ts + 160L * step) & 0xFFFF_FFFFL;
            RtpPacket packet = RtpPacket.builder().payloadType(format.staticPayloadType()).sequenceNumber(seq)
                    .timestamp(ts).ssrc(7).marker((p.control() & 0x10) != 0).payload(p.payload()).build();
            sent.add(packet);
            reader.consume(packet);
        }

        List<RtpPacket> whole = sent.stream().filter(p -> p.payload().length > 0).toList();
        assertThat(reader.droppedSamples()).isEqualTo(sent.size() - whole.size());
        assertThat(out).hasSize(whole.size());
        for (int i = 0; i < out.size(); i++) {
            assertThat(out.get(i).kind()).isEqualTo(MediaKind.AUDIO);
            assertThat(out.get(i).rtpTimestamp()).isEqualTo(whole.get(i).timestamp());
            assertThat(out.get(i).data()).isEqualTo(whole.get(i).payload());
        }
    }
}
