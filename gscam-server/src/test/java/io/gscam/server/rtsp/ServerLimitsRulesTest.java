package io.gscam.server.rtsp;

import io.gscam.net.NettyTransport;
import io.gscam.net.UdpPortPair;
import io.gscam.protocol.auth.Accounts;
import io.gscam.protocol.auth.AuthVerifier;
import io.gscam.protocol.auth.Authenticator;
import io.gscam.protocol.auth.Credentials;
import io.gscam.protocol.auth.DigestChallenge;
import io.gscam.protocol.auth.DigestVerifier;
import io.gscam.protocol.auth.NonceSource;
import io.gscam.protocol.grandstream.ServerHeader;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.server.PushedStream;
import io.gscam.server.ServerConfig;
import io.gscam.server.auth.AccountAuthenticator;
import io.gscam.server.auth.RequestAuthenticator;
import io.gscam.server.limits.AddressLog;
import io.gscam.server.limits.AuthFailures;
import io.gscam.server.session.CloseReason;
import io.gscam.server.session.SessionIdGenerator;
import io.gscam.server.session.SessionRegistry;
import io.gscam.server.stream.ReaderTotals;
import io.gscam.server.transport.ServerUdpSockets;
import io.gscam.testkit.MutableClock;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's limits and strictness (DESIGN.md, Limits and defenses) through an
 * {@link io.netty.channel.embedded.EmbeddedChannel} whose scheduler the test moves: invalid input
 * gets a 4xx, a session stays with its connection and its tracks, an address that keeps failing to
 * log in gets its 401s late while others do not, nonces expire into {@code stale=true}, and no log
 * line carries a password.
 */
class ServerLimitsRulesTest {
    private static final String URL = "rtsp://127.0.0.1:554/0";
    private static final String TCP = "Transport: RTP/AVP/TCP;unicast;interleaved=0-1";
    private static EventLoopGroup udpGroup;
    private static UdpPortPair udp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final SessionRegistry sessions = new SessionRegistry(clock, Duration.ofSeconds(60),
            new SessionIdGenerator(new SplittableRandom(3)));
    private final PushedStream stream = PushedStream.h264(0x1234_5678L, "Z0LgHtoCwPRA,aM4wpIA=",
            ServerHeader.PLAIN, System::nanoTime);
    private final List<String> logLines = new ArrayList<>();
    /** The failed logins' log and the malformed requests' one, both written here. */
    private final AddressLog failureLog = new AddressLog(clock, logLines::add);
    private final AddressLog badInputLog = new AddressLog(clock, logLines::add);
    private final List<EmbeddedRtsp> connections = new ArrayList<>();

    @BeforeAll
    static void bindUdp() throws Exception {
        udpGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        udp = ServerUdpSockets.bind(udpGroup.next(), NettyTransport.of(udpGroup), InetAddress.getLoopbackAddress(), 0, (a, b) -> { });
    }

    @AfterAll
    static void closeUdp() {
        udp.closeAndWait();
        udpGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @AfterEach
    void close() {
        connections.forEach(EmbeddedRtsp::close);
        sessions.closeAll(CloseReason.SERVER_SHUTDOWN);
        assertThat(stream.holds()).as("holds on the stream left after the connections").isZero();
    }

    private EmbeddedRtsp connect(RequestAuthenticator authenticator, InetSocketAddress peer) {
        ServerConfig config = new ServerConfig(InetAddress.getLoopbackAddress(), 0, 0, 1 << 20, Duration.ofSeconds(5));
        RtspServices services = new RtspServices(config, sessions, stream.provider(), udp, authenticator, Runnable::run,
                new ConcurrentHashMap<>(), (s, r) -> () -> { }, new ReaderTotals(), new AuthFailures(clock, failureLog), badInputLog);
        EmbeddedRtsp c = new EmbeddedRtsp(services, peer);
        c.channel.freezeTime();
        connections.add(c);
        return c;
    }

    private EmbeddedRtsp connect() {
        return connect(RequestAuthenticator.NONE, EmbeddedRtsp.PEER);
    }

    private static String sessionId(RtspResponse r) {
        return r.headers().get("Session").orElseThrow().split(";")[0];
    }

    private static String request(String requestLine, String... headers) {
        return requestLine + "\r\n" + String.join("\r\n", headers) + "\r\n\r\n";
    }

    // ---- strict where the input is invalid ----

    @Test
    void aVersionOtherThanRtsp10_answers505() {
        EmbeddedRtsp c = connect();
        assertThat(c.raw(request("OPTIONS " + URL + " RTSP/2.0", "CSeq: 1")).statusCode()).isEqualTo(505);
        assertThat(c.raw(request("DESCRIBE " + URL + " RTSP/1.1", "CSeq: 2")).statusCode()).isEqualTo(505);
        assertThat(c.raw(request("OPTIONS " + URL + " RTSP/1.0", "CSeq: 3")).statusCode()).isEqualTo(200);
    }

    @Test
    void aCseqThatIsNoNumber_answers400() {
        EmbeddedRtsp c = connect();
        for (String cseq : new String[] {"abc", "-1", "1.5", "99999999999", "0x10", ""}) {
            assertThat(c.raw(request("OPTIONS " + URL + " RTSP/1.0", "CSeq: " + cseq)).statusCode()).as(cseq).isEqualTo(400);
        }
        assertThat(c.raw(request("OPTIONS " + URL + " RTSP/1.0", "CSeq:  7 ")).statusCode()).isEqualTo(200);
    }

    @Test
    void clientPortZero_answers461_andNothingIsSetUp() {
        EmbeddedRtsp c = connect();
        assertThat(c.request("SETUP", URL + "/trackID=0", "Transport: RTP/AVP;unicast;client_port=0-1").statusCode()).isEqualTo(461);
        assertThat(c.request("SETUP", URL + "/trackID=0", "Transport: RTP/AVP;unicast;client_port=0").statusCode()).isEqualTo(461);
        assertThat(c.request("SETUP", URL + "/trackID=0", "Transport: RTP/AVP;unicast;client_port=5000-0").statusCode()).isEqualTo(461);
        assertThat(sessions.openSessions()).isZero();
        assertThat(stream.holds()).isZero();
    }

    @Test
    void aRangeThatDoesNotParse_answers457_andDoesNotPlay() {
        EmbeddedRtsp c = connect();
        String id = sessionId(c.request("SETUP", URL + "/trackID=0", TCP));
        for (String range : new String[] {"npt=-", "npt=0-A", "clock=" + "A".repeat(100), "npt", "smpte=a b"}) {
            assertThat(c.request("PLAY", URL, "Session: " + id, "Range: " + range).statusCode()).as(range).isEqualTo(457);
        }
        assertThat(stream.packets().readerCount()).isZero();
        assertThat(c.request("PLAY", URL, "Session: " + id, "Range: clock=19961108T142300Z-").statusCode()).isEqualTo(200);
        assertThat(c.request("PLAY", URL, "Session: " + id, "Range: npt=0.000-").statusCode()).isEqualTo(200);
        assertThat(stream.packets().readerCount()).isEqualTo(1);
    }

    // ---- a session belongs to its connection, a track is set up once ----

    @Test
    void aSecondSetupOfTheSameTrack_answers400_asGortsplib() {
        EmbeddedRtsp c = connect();
        String id = sessionId(c.request("SETUP", URL + "/trackID=0", TCP));
        assertThat(c.request("SETUP", URL + "/trackID=0", "Session: " + id, "Transport: RTP/AVP/TCP;unicast;interleaved=2-3")
                .statusCode()).isEqualTo(400);
        assertThat(c.request("SETUP", URL, "Session: " + id, TCP).statusCode()).as("the only track, named by the base URL")
                .isEqualTo(400);
        assertThat(sessions.find(id).orElseThrow().tracks()).containsOnlyKeys(0);
        assertThat(stream.holds()).as("only the session's own hold").isEqualTo(1);
    }

    @Test
    void aSessionOfAnotherConnection_isUnknownHere_evenFromTheSameAddress() {
        EmbeddedRtsp owner = connect();
        String id = sessionId(owner.request("SETUP", URL + "/trackID=0", TCP));
        EmbeddedRtsp intruder = connect();
        for (String method : new String[] {"PLAY", "PAUSE", "TEARDOWN", "GET_PARAMETER"}) {
            assertThat(intruder.request(method, URL, "Session: " + id).statusCode()).as(method).isEqualTo(454);
        }
        assertThat(intruder.request("SETUP", URL + "/trackID=0", "Session: " + id, TCP).statusCode()).isEqualTo(454);
        assertThat(owner.request("PLAY", URL, "Session: " + id).statusCode()).isEqualTo(200);
    }

    @Test
    void destination_isNeverHonoured_theAnswerNamesNone() {
        EmbeddedRtsp c = connect();
        RtspResponse own = c.request("SETUP", URL + "/trackID=0",
                "Transport: RTP/AVP;unicast;destination=127.0.0.1;client_port=5000-5001");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.headers().get("Transport")).hasValueSatisfying(t -> assertThat(t).doesNotContain("destination"));
        assertThat(c.request("SETUP", URL + "/trackID=0",
                "Transport: RTP/AVP;unicast;destination=192.0.2.1;client_port=5000-5001").statusCode()).isEqualTo(461);
    }

    // ---- logins ----

    private AccountAuthenticator account() {
        return new AccountAuthenticator(new AuthVerifier(new DigestVerifier(AccountAuthenticator.REALM,
                Accounts.of(new Credentials("admin", "admin")), new NonceSource(new SplittableRandom(5), clock)),
                Optional.empty()));
    }

    private static String authorization(RtspResponse challenge, String password, String method) throws Exception {
        DigestChallenge c = DigestChallenge.parse(challenge.headers().get("WWW-Authenticate").orElseThrow());
        return "Authorization: " + Authenticator.forChallenges(new Credentials("admin", password), List.of(c), () -> "c")
                .orElseThrow().authorize(method, URL);
    }

    @Test
    void afterFiveFailures_anAddresssNext401sAreDelayed_inOrder_whileAnotherAddressIsAnsweredAtOnce() throws Exception {
        AccountAuthenticator account = account();
        EmbeddedRtsp attacker = connect(account, EmbeddedRtsp.PEER);
        RtspResponse challenge = attacker.request("DESCRIBE", URL);
        for (int i = 0; i < AuthFailures.ALLOWED; i++) {
            RtspResponse r = attacker.request("DESCRIBE", URL, authorization(challenge, "guess" + i, "DESCRIBE"));
            assertThat(r.statusCode()).as("failure " + (i + 1) + " answered at once").isEqualTo(401);
            challenge = r;
        }
        attacker.send(request("DESCRIBE " + URL + " RTSP/1.0", "CSeq: 100", authorization(challenge, "guess6", "DESCRIBE"))
                + request("OPTIONS " + URL + " RTSP/1.0", "CSeq: 101"));
        assertThat(attacker.hasOutput()).as("the sixth failure's 401 is held").isFalse();
        assertThat(attacker.channel.config().isAutoRead()).as("and nothing more is read meanwhile").isFalse();

        EmbeddedRtsp other = connect(account, new InetSocketAddress("127.0.0.2", 40001));
        RtspResponse otherChallenge = other.request("DESCRIBE", URL);
        assertThat(other.request("DESCRIBE", URL, authorization(otherChallenge, "nope", "DESCRIBE")).statusCode())
                .as("another address, meanwhile").isEqualTo(401);

        attacker.channel.advanceTimeBy(AuthFailures.DELAY.toMillis() - 1, TimeUnit.MILLISECONDS);
        attacker.channel.runScheduledPendingTasks();
        assertThat(attacker.hasOutput()).isFalse();
        attacker.channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        attacker.channel.runScheduledPendingTasks();
        RtspResponse late = attacker.response();
        assertThat(late.statusCode()).isEqualTo(401);
        assertThat(late.headers().get("CSeq")).contains("100");
        RtspResponse next = attacker.response();
        assertThat(next.headers().get("CSeq")).as("the request behind it, after it").contains("101");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(attacker.channel.config().isAutoRead()).isTrue();
    }

    @Test
    void failures_areLoggedOncePer10sPerAddress_withoutThePassword() throws Exception {
        EmbeddedRtsp c = connect(account(), EmbeddedRtsp.PEER);
        RtspResponse challenge = c.request("DESCRIBE", URL);
        String withPassword = "rtsp://admin:hunter2@127.0.0.1:554/0";
        for (int i = 0; i < 3; i++) {
            challenge = c.raw(request("DESCRIBE " + withPassword + " RTSP/1.0", "CSeq: " + (10 + i),
                    authorization(challenge, "hunter2", "DESCRIBE")));
            assertThat(challenge.statusCode()).isEqualTo(401);
        }
        c.raw("DESCRIBE " + withPassword + " RTSP/1.0 extra\r\nCSeq: 1\r\n\r\n"); // malformed: 400 and close
        assertThat(logLines).hasSize(2);
        assertThat(logLines.get(0)).startsWith("127.0.0.1: 1 authorization failure(s) (last: DESCRIBE rtsp://***@127.0.0.1:554/0 (");
        assertThat(logLines.get(1)).startsWith("127.0.0.1: 1 malformed request(s)");
        assertThat(String.join("\n", logLines)).doesNotContain("hunter2");
    }

    @Test
    void anExpiredNonce_isAnsweredStale_andTheRetryWithTheNewOnePasses_withoutCountingAsAFailure() throws Exception {
        EmbeddedRtsp c = connect(account(), EmbeddedRtsp.PEER);
        RtspResponse challenge = c.request("DESCRIBE", URL);
        assertThat(c.request("DESCRIBE", URL, authorization(challenge, "admin", "DESCRIBE")).statusCode()).isEqualTo(200);
        for (int i = 0; i < AuthFailures.ALLOWED + 2; i++) {
            clock.advance(Duration.ofSeconds(61));
            RtspResponse stale = c.request("OPTIONS", URL);
            assertThat(stale.statusCode()).isEqualTo(200);
            stale = c.request("DESCRIBE", URL, authorization(challenge, "admin", "DESCRIBE"));
            assertThat(stale.statusCode()).as("round " + i).isEqualTo(401);
            assertThat(stale.headers().get("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).endsWith(", stale=true"));
            assertThat(c.request("DESCRIBE", URL, authorization(stale, "admin", "DESCRIBE")).statusCode()).isEqualTo(200);
            challenge = stale;
        }
        assertThat(logLines).as("a stale nonce is no failed login").isEmpty();
    }
}
