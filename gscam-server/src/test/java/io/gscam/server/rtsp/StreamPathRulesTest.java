package io.gscam.server.rtsp;

import io.gscam.protocol.ParseException;
import io.gscam.protocol.grandstream.ServerHeader;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.server.PushedStream;
import io.gscam.server.ServerConfig;
import io.gscam.server.auth.RequestAuthenticator;
import io.gscam.server.session.SessionIdGenerator;
import io.gscam.server.session.SessionRegistry;
import io.gscam.server.stream.ReaderTotals;
import io.gscam.server.stream.StreamPath;
import io.gscam.server.stream.StreamProvider;
import io.gscam.server.stream.StreamUnavailableException;
import io.gscam.server.transport.UdpSocketPair;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Streams named by a path rather than a channel number (an NVR relaying camera {@code front} at
 * {@code rtsp://host:8554/front}): the path reaches the provider decoded, Content-Base and RTP-Info
 * name it, a session keeps to it (459), a stream that exists but cannot play yet answers 503, and an
 * MCTP heartbeat may register such a session with any channel number.
 */
class StreamPathRulesTest {
    private static final String FRONT = "rtsp://127.0.0.1:554/front%20door";
    private static EventLoopGroup udpGroup;
    private static UdpSocketPair udp;

    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));
    private final SessionRegistry sessions = new SessionRegistry(clock, Duration.ofSeconds(60),
            new SessionIdGenerator(new SplittableRandom(3)));
    private final PushedStream stream = PushedStream.h264(0x1234_5678L, "Z0LgHtoCwPRA,aM4wpIA=",
            ServerHeader.PLAIN, System::nanoTime);
    /** "front door" is the pushed stream, "back" exists but has not played, everything else is unknown. */
    private final StreamProvider provider = path -> switch (path.value()) {
        case "front door" -> stream.provider().open(StreamPath.of("0"));
        case "back" -> throw new StreamUnavailableException("camera back has not played yet");
        default -> Optional.empty();
    };
    private EmbeddedRtsp rtsp;

    @BeforeAll
    static void bindUdp() throws InterruptedException {
        udpGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        udp = UdpSocketPair.bind(udpGroup.next(), NioDatagramChannel::new, InetAddress.getLoopbackAddress(), 0, (a, b) -> { });
    }

    @AfterAll
    static void closeUdp() {
        udp.close();
        udpGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    private EmbeddedRtsp connect() {
        ServerConfig config = new ServerConfig(InetAddress.getLoopbackAddress(), 0, 0, 1 << 20, Duration.ofSeconds(5));
        RtspServices services = new RtspServices(config, sessions, provider, udp, RequestAuthenticator.NONE, Runnable::run,
                new ConcurrentHashMap<>(), (s, r) -> () -> { }, new ReaderTotals());
        rtsp = new EmbeddedRtsp(services);
        return rtsp;
    }

    @AfterEach
    void close() {
        if (rtsp != null) {
            rtsp.close();
        }
        sessions.closeAll(io.gscam.server.session.CloseReason.SERVER_SHUTDOWN);
        assertThat(stream.holds()).as("holds on the stream left after the connection").isZero();
    }

    private static String sessionId(RtspResponse r) {
        return r.headers().get("Session").orElseThrow().split(";")[0];
    }

    @Test
    void streamUrl_splitsThePathFromTheTrack_andDecodesIt() throws ParseException {
        assertThat(StreamUrl.parse("rtsp://h:554/0")).isEqualTo(new StreamUrl(StreamPath.of("0"), OptionalInt.empty()));
        assertThat(StreamUrl.parse("rtsp://h:554/0/trackID=1")).isEqualTo(new StreamUrl(StreamPath.of("0"), OptionalInt.of(1)));
        assertThat(StreamUrl.parse("/front/?x=1")).isEqualTo(new StreamUrl(StreamPath.of("front"), OptionalInt.empty()));
        assertThat(StreamUrl.parse("rtsp://u:p@h/cams/front%20door/trackid=0"))
                .isEqualTo(new StreamUrl(StreamPath.of("cams/front door"), OptionalInt.of(0)));
        assertThat(StreamUrl.parse("rtsp://h/0/trackID=123").path().channel()).as("not a track: not a channel either").isEmpty();
        assertThatThrownBy(() -> StreamUrl.parse("rtsp://h:554")).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> StreamUrl.parse("rtsp://h:554/trackID=0")).isInstanceOf(ParseException.class);
        assertThat(StreamPath.of("7").channel()).hasValueSatisfying(c -> assertThat(c.number()).isEqualTo(7));
        assertThat(StreamPath.of("8").channel()).isEmpty();
        assertThat(StreamPath.of("front door").toUrlPath()).isEqualTo("front%20door");
    }

    @Test
    void aPathStream_isDescribedSetUpAndPlayedUnderItsPath() {
        EmbeddedRtsp c = connect();
        RtspResponse describe = c.request("DESCRIBE", FRONT);
        assertThat(describe.statusCode()).isEqualTo(200);
        assertThat(describe.headers().get("Content-Base")).contains(FRONT + "/");
        RtspResponse setup = c.request("SETUP", FRONT + "/trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
        assertThat(setup.statusCode()).isEqualTo(200);
        String id = sessionId(setup);
        assertThat(sessions.find(id)).hasValueSatisfying(s -> {
            assertThat(s.path()).isEqualTo(StreamPath.of("front door"));
            assertThat(s.channel()).isEqualTo(-1);
        });
        assertThat(c.request("SETUP", "rtsp://127.0.0.1:554/0/trackID=0", "Session: " + id,
                "Transport: RTP/AVP/TCP;unicast;interleaved=2-3").statusCode()).as("another stream").isEqualTo(459);
        RtspResponse play = c.request("PLAY", FRONT + "/", "Session: " + id);
        assertThat(play.statusCode()).isEqualTo(200);
        assertThat(play.headers().get("RTP-Info")).hasValueSatisfying(v -> assertThat(v).startsWith("url=" + FRONT + "/trackID=0;"));
        assertThat(stream.packets().readerCount()).isEqualTo(1);
        assertThat(sessions.findLive(id, 0)).as("a heartbeat names a path session with any channel").isPresent();
        assertThat(sessions.findLive(id, 5)).isPresent();
        assertThat(c.request("TEARDOWN", FRONT, "Session: " + id).statusCode()).isEqualTo(200);
    }

    @Test
    void aChannelSession_stillRegistersOnItsOwnChannelOnly() {
        EmbeddedRtsp c = connect();
        String id = sessionId(c.request("SETUP", "rtsp://127.0.0.1:554/front%20door/trackID=0",
                "Transport: RTP/AVP/TCP;unicast;interleaved=0-1"));
        assertThat(sessions.findLive(id, 3)).isPresent();
        String channelSession = sessions.create(2, rtsp.channel).id();
        assertThat(sessions.findLive(channelSession, 2)).isPresent();
        assertThat(sessions.findLive(channelSession, 0)).isEmpty();
    }

    @Test
    void unknownPath404_unavailable503_andNoHoldIsLeft() {
        EmbeddedRtsp c = connect();
        assertThat(c.request("DESCRIBE", "rtsp://127.0.0.1:554/nope").statusCode()).isEqualTo(404);
        assertThat(c.request("DESCRIBE", "rtsp://127.0.0.1:554/back").statusCode()).isEqualTo(503);
        assertThat(c.request("SETUP", "rtsp://127.0.0.1:554/back/trackID=0",
                "Transport: RTP/AVP/TCP;unicast;interleaved=0-1").statusCode()).isEqualTo(503);
        assertThat(c.request("DESCRIBE", "rtsp://127.0.0.1:554/").statusCode()).isEqualTo(404);
        assertThat(stream.opened()).isZero();
    }

    @Test
    void byChannel_servesTheGrandstreamFormOnly() throws Exception {
        StreamProvider channels = StreamProvider.byChannel(ch -> ch.number() == 0 ? stream.provider().open(StreamPath.of("0"))
                : Optional.empty());
        assertThat(channels.open(StreamPath.of("front"))).isEmpty();
        assertThat(channels.open(StreamPath.of("1"))).isEmpty();
        try (var held = channels.open(StreamPath.of("0")).orElseThrow()) {
            assertThat(stream.holds()).isEqualTo(1);
        }
    }
}
