package io.gscam.nvr.relay;

import io.gscam.client.StreamInfo;
import io.gscam.client.TrackInfo;
import io.gscam.client.Transport;
import io.gscam.client.VideoFrame;
import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.h264.AnnexB;
import io.gscam.media.h264.IdrParameterSets;
import io.gscam.media.h264.NalUnit;
import io.gscam.media.rtp.PayloadFormats;
import io.gscam.protocol.grandstream.ServerHeader;
import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.server.stream.ServedStream;
import io.gscam.server.stream.StreamPath;
import io.gscam.server.stream.StreamUnavailableException;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The relay's pieces without sockets: timestamps, in-band parameter sets, the SDP, the provider's answers. */
class RelayStreamTest {
    private static final byte[] SPS = HexFormat.of().parseHex("6742e01eda02c0f440");
    private static final byte[] PPS = HexFormat.of().parseHex("68ce3c80");
    private static final byte[] AUD = HexFormat.of().parseHex("09f0");
    private static final byte[] IDR = HexFormat.of().parseHex("6588840021");
    private static final byte[] SLICE = HexFormat.of().parseHex("419a2244");

    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

    private static TrackInfo h264(int index, int width, Map<String, String> fmtp) {
        return new TrackInfo(index, MediaKind.VIDEO, "H264", 96, 90_000, width, 480, 30, 1024, 0, 0,
                "rtsp://cam/0/trackID=" + index, true, fmtp);
    }

    private static TrackInfo pcmu(int index) {
        return new TrackInfo(index, MediaKind.AUDIO, "PCMU", 0, 8000, 0, 0, 0, 0, 8000, 1,
                "rtsp://cam/0/trackID=" + index, true, Map.of());
    }

    private static StreamInfo info(TrackInfo... tracks) {
        return new StreamInfo("rtsp://cam/0", "GrandStream Rtsp Server 704*480*30*1024", "12345678",
                Duration.ofSeconds(120), Transport.TCP, List.of(tracks));
    }

    private RelayStream stream(StreamInfo info) {
        return RelayStream.of("front", info, PayloadFormats.standard(), new SplittableRandom(7),
                UnpooledByteBufAllocator.DEFAULT, nanos::get).orElseThrow();
    }

    private static VideoFrame frame(long ts, boolean key, byte[] data, List<byte[]> config) {
        return new VideoFrame(0, "H264", ts, Duration.ZERO, Instant.EPOCH, key, data, config);
    }

    @Test
    void timestamps_keepTheCamerasSpacing_andGoOnFromTheClockAfterAReconnect() {
        RelayStream s = stream(info(h264(0, 704, Map.of())));
        RelayTrack t = s.tracks().get(0);
        long first = t.relayTimestamp(4_294_960_000L, nanos.get()); // the camera's clock wraps below
        assertThat(t.rtpTimeAt(nanos.get())).isEqualTo(first);
        assertThat(t.relayTimestamp(4_294_960_000L + 3000 - 4_294_967_296L, nanos.addAndGet(33_333_333)))
                .as("one frame later at 90 kHz, across the wrap").isEqualTo((first + 3000) & 0xFFFFFFFFL);
        assertThat(t.rtpTimeAt(nanos.get() + 1_000_000_000L)).isEqualTo((first + 2999 + 90_000) & 0xFFFFFFFFL);

        nanos.addAndGet(2_000_000_000L); // the upstream session is down for 2 s, then restarts at 0
        s.reanchor();
        long expected = t.rtpTimeAt(nanos.get());
        assertThat(t.relayTimestamp(0, nanos.get())).as("continues where the clock is").isEqualTo(expected);
        assertThat(t.relayTimestamp(3000, nanos.get() + 33_333_333)).isEqualTo((expected + 3000) & 0xFFFFFFFFL);
    }

    @Test
    void idr_withoutParameterSets_getsThemInBand_afterTheDelimiter() {
        List<byte[]> config = List.of(SPS, PPS);
        byte[] bare = AnnexB.join(List.of(new NalUnit(AUD), new NalUnit(IDR)));
        List<NalUnit> fixed = AnnexB.split(IdrParameterSets.ensureBeforeIdr(bare, true, config));
        assertThat(fixed).extracting(NalUnit::type).containsExactly(NalUnit.TYPE_AUD, NalUnit.TYPE_SPS,
                NalUnit.TYPE_PPS, NalUnit.TYPE_IDR);
        byte[] whole = AnnexB.join(List.of(new NalUnit(SPS), new NalUnit(PPS), new NalUnit(IDR)));
        assertThat(IdrParameterSets.ensureBeforeIdr(whole, true, config)).isSameAs(whole);
        byte[] slice = AnnexB.join(List.of(new NalUnit(SLICE)));
        assertThat(IdrParameterSets.ensureBeforeIdr(slice, false, config)).isSameAs(slice);
        assertThat(IdrParameterSets.ensureBeforeIdr(bare, true, List.of())).as("nothing known yet").isSameAs(bare);
    }

    @Test
    void h264_isSentAsFuAOf1024Bytes() {
        RelayStream s = stream(info(h264(0, 704, Map.of())));
        byte[] big = new byte[5000];
        java.util.Arrays.fill(big, (byte) 0x55); // no start code inside
        big[0] = 0x65;
        List<RtpPacket> packets = s.tracks().get(0).packetize(
                new MediaSample(MediaKind.VIDEO, 1234, AnnexB.join(List.of(new NalUnit(big))), true));
        assertThat(packets).hasSize(5);
        assertThat(packets).allSatisfy(p -> assertThat(p.size() - p.headerSize()).isLessThanOrEqualTo(1024 + 2));
        assertThat(packets.get(0).size() - packets.get(0).headerSize()).isEqualTo(1024 + 2);
        assertThat(packets.get(4).marker()).isTrue();
    }

    @Test
    void sdp_isTheDialects_withPacketizationMode1_andASpropFromInBandParameterSets() {
        RelayStream s = stream(info(h264(0, 704, Map.of("packetization-mode", "0", "profile-level-id", "42E01E")), pcmu(1),
                new TrackInfo(2, MediaKind.AUDIO, "MPEG4-GENERIC", 97, 16000, 0, 0, 0, 0, 16000, 1, "u", true, Map.of())));
        assertThat(s.tracks()).as("a codec the registry cannot write is not relayed").hasSize(2);
        try (ServedStream hold = s.hold()) {
            assertThat(hold.serverHeader()).isEqualTo(ServerHeader.PRODUCT + " 704*480*30*1024");
            assertThat(hold.mediaSections().get(0).toString()).doesNotContain("sprop-parameter-sets");
            s.onVideo(frame(0, true, AnnexB.join(List.of(new NalUnit(IDR))), List.of(SPS, PPS)));
            String video = hold.mediaSections().get(0).toString();
            assertThat(video).contains("a=rtpmap:96 H264/90000\r\n")
                    .contains("a=fmtp:96 packetization-mode=1; sprop-parameter-sets=Z0LgHtoCwPRA,aM48gA==; profile-level-id=42E01E");
            String audio = hold.mediaSections().get(1).toString();
            assertThat(audio).contains("m=audio 0 RTP/AVP 0\r\n", "a=control:trackID=1\r\n", "a=rtpmap:0 PCMU/8000\r\n");
            assertThat(s.holds()).isEqualTo(1);
        }
        assertThat(s.holds()).isZero();
    }

    @Test
    void layout_isTheSameAcrossAReconnect_butNotWhenThePictureChanges() {
        RelayStream s = stream(info(h264(0, 704, Map.of()), pcmu(1)));
        assertThat(s.sameLayout(info(h264(0, 704, Map.of("sprop-parameter-sets", "x")), pcmu(1)))).isTrue();
        assertThat(s.sameLayout(info(h264(0, 352, Map.of()), pcmu(1)))).isFalse();
        assertThat(s.sameLayout(info(h264(0, 704, Map.of())))).isFalse();
    }

    @Test
    void provider_404ForAnUnknownCamera_503UntilItPlayed_thenAHold() throws Exception {
        CameraRelay front = new CameraRelay("front", PayloadFormats.standard(), new SplittableRandom(1),
                UnpooledByteBufAllocator.DEFAULT, nanos::get, new RelayAlarms());
        RelayStreams streams = new RelayStreams(Map.of("front", front));
        assertThat(streams.open(StreamPath.of("back"))).isEmpty();
        assertThat(streams.open(StreamPath.of("0"))).isEmpty();
        assertThatThrownBy(() -> streams.open(StreamPath.of("front"))).isInstanceOf(StreamUnavailableException.class)
                .hasMessage("camera front has not played yet");
        front.onStreamInfo(info(h264(0, 704, Map.of()), pcmu(1)));
        RelayStream first = front.current();
        try (ServedStream hold = streams.open(StreamPath.of("front")).orElseThrow()) {
            assertThat(hold.tracks()).hasSize(2);
        }
        front.onStreamInfo(info(h264(0, 704, Map.of()), pcmu(1)));
        assertThat(front.current()).as("a reconnect with the same tracks keeps the stream").isSameAs(first);
        front.onStreamInfo(info(h264(0, 1280, Map.of()), pcmu(1)));
        assertThat(front.current()).as("new tracks: a new stream").isNotSameAs(first);
        front.close();
        assertThatThrownBy(() -> streams.open(StreamPath.of("front"))).isInstanceOf(StreamUnavailableException.class);
    }
}
