package io.gscam.server.rtsp;

import io.gscam.protocol.auth.Accounts;
import io.gscam.protocol.auth.AuthVerifier;
import io.gscam.protocol.auth.Credentials;
import io.gscam.protocol.auth.DigestVerifier;
import io.gscam.protocol.auth.NonceSource;
import io.gscam.protocol.grandstream.ServerHeader;
import io.gscam.protocol.ParseException;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.server.stream.StreamPath;
import io.gscam.server.stream.StreamProvider;
import io.gscam.server.stream.StreamUnavailableException;
import io.gscam.server.PushedStream;
import io.gscam.server.ServerConfig;
import io.gscam.server.auth.AccountAuthenticator;
import io.gscam.server.auth.RequestAuthenticator;
import io.gscam.server.session.SessionIdGenerator;
import io.gscam.server.session.SessionRegistry;
import io.gscam.server.stream.ReaderTotals;
import io.gscam.net.UdpPortPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
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
 * The server's RTSP rules, pushed through an {@link io.netty.channel.embedded.EmbeddedChannel}: CSeq
 * echoed first, the Server header, Public and Allow, the session state machine's status codes, the
 * Session header, the 401 challenge, the provider's 404 and the Transport answers. Only the UDP pair
 * (whose ports SETUP answers with) is a real socket; no request crosses one.
 */
class ServerRtspRulesTest {
    private static final String URL = "rtsp://127.0.0.1:554/0";
    private static LoopbackUdp loopback;
    private static UdpPortPair udp;

    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));
    private final SessionRegistry sessions = new SessionRegistry(clock, Duration.ofSeconds(60),
            new SessionIdGenerator(new SplittableRandom(3)));
    private final PushedStream stream = PushedStream.h264(0x1234_5678L, "Z0LgHtoCwPRA,aM4wpIA=",
            ServerHeader.PLAIN, System::nanoTime);
    private EmbeddedRtsp rtsp;

    @BeforeAll
    static void bindUdp() throws Exception {
        loopback = LoopbackUdp.bind();
        udp = loopback.pair();
    }

    @AfterAll
    static void closeUdp() {
        loopback.close();
    }

    private EmbeddedRtsp connect(RequestAuthenticator authenticator) {
        ServerConfig config = new ServerConfig(InetAddress.getLoopbackAddress(), 0, 0, 1 << 20, Duration.ofSeconds(5));
        RtspServices services = new RtspServices(config, sessions, stream.provider(), udp, authenticator, Runnable::run,
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
    void options_answersPublic_withCseqFirstAndTheServerHeader() {
        EmbeddedRtsp c = connect(RequestAuthenticator.NONE);
        RtspResponse r = c.raw("OPTIONS " + URL + " RTSP/1.0\r\nUser-Agent: x\r\nCSeq: 41\r\n\r\n");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(new String(r.toBytes(), StandardCharsets.US_ASCII)).startsWith("RTSP/1.0 200 OK\r\nCSeq: 41\r\n");
        assertThat(r.headers().get("Public")).contains(RtspConnectionHandler.PUBLIC);
        assertThat(r.headers().get("Server")).contains(ServerHeader.PLAIN);
    }

    @Test
    void requestWithoutCseq_answers400() {
        EmbeddedRtsp c = connect(RequestAuthenticator.NONE);
        assertThat(c.raw("OPTIONS " + URL + " RTSP/1.0\r\n\r\n").statusCode()).isEqualTo(400);
    }

    @Test
    void announceRecordRedirect_answer405_withAllow() {
        EmbeddedRtsp c = connect(RequestAuthenticator.NONE);
        for (String method : new String[] {"ANNOUNCE", "RECORD", "REDIRECT"}) {
            RtspResponse r = c.request(method, URL);
            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(r.headers().get("Allow")).as(method).contains(RtspConnectionHandler.PUBLIC);
            assertThat(r.headers().get("CSeq")).contains(Integer.toString(c.lastCseq()));
        }
    }

    @Test
    void unknownMethod_answers501_withPublic() {
        EmbeddedRtsp c = connect(RequestAuthenticator.NONE);
        RtspResponse r = c.request("FROBNICATE", URL);
        assertThat(r.statusCode()).isEqualTo(501);
        assertThat(r.headers().get("Public")).contains(RtspConnectionHandler.PUBLIC);
    }

    @Test
    void describe_writesTheSessionPartThenTheProvidersMediaSections() {
        EmbeddedRtsp c = connect(RequestAuthenticator.NONE);
        RtspResponse r = c.request("DESCRIBE", URL, "Accept: application/sdp");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().get("Content-Base")).contains("rtsp://127.0.0.1:554/0/");
        assertThat(r.headers().get("Content-Type")).contains("application/sdp");
        String sdp = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(sdp).startsWith("v=0\r\no=").contains("s=GrandStream Rtsp Session\r\n")
                .endsWith("m=video 0 RTP/AVP 96\r\na=control:trackID=0\r\na=rtpmap:96 H264/90000\r\n"
                        + "a=fmtp:96 packetization-mode=1; sprop-parameter-sets=Z0LgHtoCwPRA,aM4wpIA=\r\n");
        assertThat(stream.opened()).isEqualTo(1);
        assertThat(stream.holds()).as("DESCRIBE releases its hold").isZero();
    }

    @Test
    void describeOrSetup_ofAChannelTheProviderDoesNotHave_answers404() {
        EmbeddedRtsp c = connect(RequestAuthenticator.NONE);
        assertThat(c.request("DESCRIBE", "rtsp://127.0.0.1:554/3").statusCode()).isEqualTo(404);
        assertThat(c.request("SETUP", "rtsp://127.0.0.1:554/3/trackID=0",
                "Transport: RTP/AVP/TCP;unicast;interleaved=0-1").statusCode()).isEqualTo(404);
        assertThat(c.request("DESCRIBE", "rtsp://127.0.0.1:554/cam").statusCode()).isEqualTo(404);
        assertThat(c.request("SETUP", URL + "/trackID=5", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1")
                .statusCode()).as("a track the stream lacks").isEqualTo(404);
    }

    @Test
    void playOrPause_withoutASessionFromSetup_answer454() {
        EmbeddedRtsp c = connect(RequestAuthenticator.NONE);
        assertThat(c.request("PLAY", URL).statusCode()).isEqualTo(454);
        assertThat(c.request("PLAY", URL, "Session: 12345678").statusCode()).isEqualTo(454);
        assertThat(c.request("PAUSE", URL, "Session: 12345678").statusCode()).isEqualTo(454);
        assertThat(c.request("TEARDOWN", URL, "Session: 12345678").statusCode()).isEqualTo(454);
        assertThat(c.request("GET_PARAMETER", URL, "Session: 12345678").statusCode()).isEqualTo(454);
        assertThat(c.request("GET_PARAMETER", URL).statusCode()).as("a keep-alive without session").isEqualTo(200);
    }

    @Test
    void setupTcp_answersTheSessionAndTheAgreedTransport_withTheTracksSsrc() {
        EmbeddedRtsp c = connect(RequestAuthenticator.NONE);
        RtspResponse r = c.request("SETUP", URL + "/trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().get("Session")).hasValueSatisfying(v -> assertThat(v).matches("\\d{8};timeout=60"));
        assertThat(r.headers().get("Transport")).contains("RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=12345678");
        assertThat(stream.holds()).as("the session holds the stream").isEqualTo(1);
    }

    @Test
    void setupUdp_answersTheServersPortPair_andRefusesAThirdPartyDestination() {
        EmbeddedRtsp c = connect(RequestAuthenticator.NONE);
        RtspResponse refused = c.request("SETUP", URL + "/trackID=0",
                "Transport: RTP/AVP;unicast;destination=10.9.8.7;client_port=5000-5001");
        assertThat(refused.statusCode()).isEqualTo(461);
        RtspResponse r = c.request("SETUP", URL + "/trackID=0", "Transport: RTP/AVP;unicast;client_port=5000-5001");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().get("Transport")).contains("RTP/AVP;unicast;client_port=5000-5001;server_port="
                + udp.rtpPort() + "-" + udp.rtcpPort() + ";ssrc=12345678");
    }

    @Test
    void setup_multicastUnknownOrMissingTransport_answers461() {
        EmbeddedRtsp c = connect(RequestAuthenticator.NONE);
        assertThat(c.request("SETUP", URL + "/trackID=0", "Transport: RTP/AVP;multicast;port=5000-5001").statusCode()).isEqualTo(461);
        assertThat(c.request("SETUP", URL + "/trackID=0", "Transport: RAW/RAW/UDP;unicast;client_port=5000").statusCode()).isEqualTo(461);
        assertThat(c.request("SETUP", URL + "/trackID=0").statusCode()).isEqualTo(461);
        assertThat(stream.holds()).isZero();
    }

    @Test
    void stateMachine_pauseBeforePlayIsIdempotent_setupWhilePlaying455_teardownEnds() {
        EmbeddedRtsp c = connect(RequestAuthenticator.NONE);
        String id = sessionId(c.request("SETUP", URL + "/trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1"));
        assertThat(c.request("PAUSE", URL, "Session: " + id).statusCode()).as("PAUSE in READY").isEqualTo(200);
        RtspResponse play = c.request("PLAY", URL, "Session: " + id);
        assertThat(play.statusCode()).isEqualTo(200);
        assertThat(play.headers().get("Session")).hasValueSatisfying(v -> assertThat(v).startsWith(id));
        assertThat(play.headers().get("RTP-Info")).hasValueSatisfying(v ->
                assertThat(v).startsWith("url=rtsp://127.0.0.1:554/0/trackID=0;seq=1000;rtptime="));
        assertThat(stream.packets().readerCount()).isEqualTo(1);
        RtspResponse again = c.request("SETUP", URL + "/trackID=0", "Session: " + id,
                "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
        assertThat(again.statusCode()).isEqualTo(455);
        assertThat(again.headers().get("Allow")).contains("PLAY, PAUSE, TEARDOWN, GET_PARAMETER");
        assertThat(c.request("PAUSE", URL, "Session: " + id).statusCode()).isEqualTo(200);
        assertThat(stream.packets().readerCount()).as("PAUSE detaches the reader").isZero();
        assertThat(c.request("TEARDOWN", URL, "Session: " + id).statusCode()).isEqualTo(200);
        assertThat(stream.holds()).as("TEARDOWN releases the stream").isZero();
        assertThat(c.request("PLAY", URL, "Session: " + id).statusCode()).isEqualTo(454);
    }

    @Test
    void setup_ofAnotherChannelInTheSameSession_answers459() {
        EmbeddedRtsp c = connect(RequestAuthenticator.NONE);
        String id = sessionId(c.request("SETUP", URL + "/trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1"));
        assertThat(c.request("SETUP", "rtsp://127.0.0.1:554/1/trackID=0", "Session: " + id,
                "Transport: RTP/AVP/TCP;unicast;interleaved=2-3").statusCode()).isEqualTo(459);
    }

    @Test
    void withAnAccount_everyMethodButOptionsIsChallenged401() {
        AuthVerifier verifier = new AuthVerifier(new DigestVerifier(AccountAuthenticator.REALM,
                Accounts.of(new Credentials("admin", "admin")), new NonceSource(new SplittableRandom(5))), Optional.empty());
        EmbeddedRtsp c = connect(new AccountAuthenticator(verifier));
        assertThat(c.request("OPTIONS", URL).statusCode()).isEqualTo(200);
        for (String method : new String[] {"DESCRIBE", "SETUP", "PLAY", "TEARDOWN", "GET_PARAMETER"}) {
            RtspResponse r = c.request(method, URL);
            assertThat(r.statusCode()).as(method).isEqualTo(401);
            assertThat(r.headers().get("WWW-Authenticate")).as(method)
                    .hasValueSatisfying(v -> assertThat(v).matches("Digest realm=\"Surveillance Server\", nonce=\"\\d{8}\""));
        }
        assertThat(stream.opened()).as("nothing reaches the provider unauthorised").isZero();
    }

    // ---- streams named by a path, not a channel number (the NVR relay's rtsp://host:8554/front) ----

    private static final String FRONT = "rtsp://127.0.0.1:554/front%20door";

    /** "front door" is the pushed stream, "back" exists but has not played, everything else is unknown. */
    private final StreamProvider pathProvider = path -> switch (path.value()) {
        case "front door" -> stream.provider().open(StreamPath.of("0"));
        case "back" -> throw new StreamUnavailableException("camera back has not played yet");
        default -> Optional.empty();
    };

    /** As {@link #connect} with {@link #pathProvider}. */
    private EmbeddedRtsp connectToPaths() {
        ServerConfig config = new ServerConfig(InetAddress.getLoopbackAddress(), 0, 0, 1 << 20, Duration.ofSeconds(5));
        RtspServices services = new RtspServices(config, sessions, pathProvider, udp, RequestAuthenticator.NONE, Runnable::run,
                new ConcurrentHashMap<>(), (s, r) -> () -> { }, new ReaderTotals());
        rtsp = new EmbeddedRtsp(services);
        return rtsp;
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
        EmbeddedRtsp c = connectToPaths();
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
        EmbeddedRtsp c = connectToPaths();
        String id = sessionId(c.request("SETUP", "rtsp://127.0.0.1:554/front%20door/trackID=0",
                "Transport: RTP/AVP/TCP;unicast;interleaved=0-1"));
        assertThat(sessions.findLive(id, 3)).isPresent();
        String channelSession = sessions.create(2, rtsp.channel).id();
        assertThat(sessions.findLive(channelSession, 2)).isPresent();
        assertThat(sessions.findLive(channelSession, 0)).isEmpty();
    }

    @Test
    void unknownPath404_unavailable503_andNoHoldIsLeft() {
        EmbeddedRtsp c = connectToPaths();
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
