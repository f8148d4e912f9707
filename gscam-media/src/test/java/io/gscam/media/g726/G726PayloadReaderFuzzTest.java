package io.gscam.media.g726;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.RtpPayloadReader;
import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.testkit.Generators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.gscam.testkit.FuzzChecks.check;
import static io.gscam.testkit.FuzzChecks.checkEqual;

/** The G.726 reader under arbitrary packet sequences, for every rate, packing and override. */
class G726PayloadReaderFuzzTest {
    private static final G726Packing[] OVERRIDES = {null, G726Packing.RFC3551_LE, G726Packing.AAL2_BE};

    /**
     * Packets in {@link Generators#chunks} framing. The first control byte picks the stream: bits 0-1 the
     * rate, bit 2 the AAL2 name, bits 3-4 the packing override (none, RFC 3551, AAL2); every control byte's
     * bits 5-7 give a sequence step of 1 or n - 1 (repeats and losses). A payload of whole code-word groups
     * is one sample in the declared packing, the wire bytes repacked, one code per sample; any other is
     * dropped and counted; a sample holds the packet's code words, as many as its length makes whole.
     */
    @FuzzTest
    void consume_arbitraryPacketSequence_repacksWholeGroupsAndCountsTheRest(byte[] input) {
        List<Generators.Chunk> packets = Generators.chunks(input);
        int config = packets.isEmpty() ? 0 : packets.get(0).control();
        G726Rate rate = G726Rate.values()[config & 0x03];
        String name = ((config & 0x04) != 0 ? "AAL2-" : "") + "G726-" + rate.kbitPerSecond();
        G726Packing override = OVERRIDES[((config >> 3) & 0x03) % OVERRIDES.length];
        G726PayloadFormat format = override == null ? new G726PayloadFormat() : new G726PayloadFormat(override);
        MediaFormat media = new MediaFormat(MediaKind.AUDIO, 97, name, G726PayloadFormat.CLOCK_RATE, 1, Map.of());
        G726Mode wire = format.mode(media);
        G726Mode declared = G726Mode.forEncodingName(name).orElseThrow();
        List<MediaSample> out = new ArrayList<>();
        RtpPayloadReader reader = format.newReader(media, out::add);

        int seq = 0;
        List<RtpPacket> whole = new ArrayList<>();
        for (Generators.Chunk p : packets) {
            int step = (p.control() >> 5) & 0x07;
            seq = (seq + (step == 0 ? 1 : step - 1)) & 0xFFFF;
            RtpPacket packet = RtpPacket.builder().payloadType(97).sequenceNumber(seq).timestamp(seq * 160L)
                    .ssrc(9).payload(p.payload()).build();
            if (wire.fits(p.payload().length)) {
                whole.add(packet);
            }
            reader.consume(packet);
        }

        checkEqual(reader.droppedSamples(), (long) (packets.size() - whole.size()), "packets counted as dropped");
        checkEqual(out.size(), whole.size(), "samples passed on");
        for (int i = 0; i < out.size(); i++) {
            byte[] payload = whole.get(i).payload();
            MediaSample s = out.get(i);
            // Constant messages: a message is built per check, and this loop runs for every sample of every input.
            checkEqual(s.rtpTimestamp(), whole.get(i).timestamp(), "a sample's RTP timestamp");
            check(Arrays.equals(G726BitPacker.repack(s.data(), rate.bitsPerSample(), declared.packing(), wire.packing()), payload),
                    "a sample repacks to its packet's payload");
            // The code words themselves, not their decoding (G726DecoderPropertiesTest fuzzes the ADPCM
            // decoder, and decoding every sample here made this target seven times slower).
            int[] codes = G726BitPacker.unpack(s.data(), 0, s.data().length, rate.bitsPerSample(), declared.packing());
            checkEqual(codes.length, declared.samples(payload.length), "a sample's code words");
            check(Arrays.equals(codes, G726BitPacker.unpack(payload, 0, payload.length, rate.bitsPerSample(), wire.packing())),
                    "a sample holds its packet's code words");
        }
    }
}
