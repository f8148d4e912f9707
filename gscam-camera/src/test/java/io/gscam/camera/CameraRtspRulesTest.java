package io.gscam.camera;

import io.gscam.testkit.Await;
import io.gscam.server.mctp.MctpConnectionHandler;
import io.gscam.protocol.auth.DigestAlgorithm;
import io.gscam.protocol.auth.DigestCalculator;
import io.gscam.protocol.rtp.ReceiverReport;
import io.gscam.protocol.rtp.RtcpCompound;
import io.gscam.protocol.rtp.RtcpPacket;
import io.gscam.protocol.rtp.SenderReport;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The camera's authentication and RTCP rules over a real socket: the spec's Digest (computed over
 * the base URL for SETUP and PLAY, exactly as its sample client does), Basic when enabled, sender
 * reports while playing, and receiver reports keeping a session alive.
 */
class CameraRtspRulesTest {
    private static final Pattern NONCE = Pattern.compile("nonce=\"(\\d{8})\"");

    private CameraServer camera;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = () -> now.get();

    private void start(CameraConfig.Builder config) throws Exception {
        CameraConfig c = config.bindAddress(InetAddress.getLoopbackAddress()).rtspPort(0).build();
        camera = new CameraServer(c, clock, System::nanoTime, new ChannelSources(c), MctpConnectionHandler.CLOSE, new Random(11));
        camera.start();
    }

    @AfterEach
    void stop() {
        if (camera != null) {
            camera.close();
        }
    }

    /** A request with the given Authorization header (or none), sent raw so the digest's uri can differ from the request line. */
    private static RtspResponse send(RtspTestClient c, int cseq, String method, String uri, String authorization,
                                     String... headers) throws IOException {
        StringBuilder sb = new StringBuilder(method).append(' ').append(uri).append(" RTSP/1.0\r\nCSeq: ").append(cseq).append("\r\n");
        if (authorization != null) {
            sb.append("Authorization: ").append(authorization).append("\r\n");
        }
        for (String h : headers) {
            sb.append(h).append("\r\n");
        }
        c.sendRaw(sb.append("\r\n").toString());
        return c.nextResponse();
    }

    /** The spec's client's Authorization header: Digest without qop, over {@code digestUri} and {@code digestMethod}. */
    private static String digest(String user, String password, String nonce, String digestMethod, String digestUri) {
        String ha1 = DigestCalculator.ha1(DigestAlgorithm.MD5, user, "Surveillance Server", password, nonce, null);
        String response = DigestCalculator.response(ha1, nonce, DigestCalculator.ha2(digestMethod, digestUri));
        return "Digest username=\"" + user + "\", realm=\"Surveillance Server\", nonce=\"" + nonce + "\", uri=\""
                + digestUri + "\", response=\"" + response + "\"";
    }

    private static String nonceOf(RtspResponse unauthorized) {
        Matcher m = NONCE.matcher(unauthorized.headers().get("WWW-Authenticate").orElseThrow());
        assertThat(m.find()).as("nonce in %s", unauthorized).isTrue();
        return m.group(1);
    }

    @Test
    void describe_unauthorized_isExactlyTheSpecs401() throws Exception {
        start(CameraConfig.defaults().toBuilder());
        try (RtspTestClient c = new RtspTestClient(camera.rtspAddress())) {
            c.sendRaw("DESCRIBE " + c.base + "/0 RTSP/1.0\r\nCSeq: 1\r\n\r\n");
            byte[] buf = new byte[4096];
            int n = 0;
            while (n < 4 || !new String(buf, 0, n, StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int r = c.socket.getInputStream().read(buf, n, buf.length - n);
                assertThat(r).as("bytes before the camera closed").isPositive();
                n += r;
            }
            assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).matches(
                    "RTSP/1\\.0 401 Unauthorized\r\nCSeq: 1\r\nServer: GrandStream Rtsp Server V100R001\r\n"
                            + "WWW-Authenticate: Digest realm=\"Surveillance Server\", nonce=\"\\d{8}\"\r\n\r\n");
        }
    }

    @Test
    void setupAndPlay_digestOverTheBaseUrl_asTheSpecsClient_areAccepted() throws Exception {
        start(CameraConfig.defaults().toBuilder());
        try (RtspTestClient c = new RtspTestClient(camera.rtspAddress())) {
            String base = c.base + "/0";
            String nonce = nonceOf(send(c, 1, "DESCRIBE", base, null));
            assertThat(send(c, 2, "DESCRIBE", base, digest("admin", "admin", nonce, "DESCRIBE", base)).statusCode()).isEqualTo(200);
            RtspResponse setup = send(c, 3, "SETUP", base + "/trackID=0", digest("admin", "admin", nonce, "SETUP", base),
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            assertThat(setup.statusCode()).isEqualTo(200);
            String session = setup.headers().get("Session").orElseThrow().substring(0, 8);
            // The request's method, or DESCRIBE as older firmware's clients computed it for every request.
            assertThat(send(c, 4, "SETUP", base + "/trackID=1", digest("admin", "admin", nonce, "DESCRIBE", base),
                    "Session: " + session, "Transport: RTP/AVP/TCP;unicast;interleaved=2-3").statusCode()).isEqualTo(200);
            assertThat(send(c, 5, "PLAY", base, digest("admin", "admin", nonce, "PLAY", base),
                    "Session: " + session, "Range: npt=0.000-").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void setup_wrongPasswordOrMissingAuthorization_answers401() throws Exception {
        start(CameraConfig.defaults().toBuilder());
        try (RtspTestClient c = new RtspTestClient(camera.rtspAddress())) {
            String base = c.base + "/0";
            String nonce = nonceOf(send(c, 1, "DESCRIBE", base, null));
            assertThat(send(c, 2, "SETUP", base + "/trackID=0", digest("admin", "nimda", nonce, "SETUP", base),
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1").statusCode()).isEqualTo(401);
            assertThat(send(c, 3, "SETUP", base + "/trackID=0", null,
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1").statusCode()).isEqualTo(401);
            assertThat(send(c, 4, "DESCRIBE", base, digest("root", "admin", nonce, "DESCRIBE", base)).statusCode()).isEqualTo(401);
            assertThat(camera.sessions().openSessions()).isZero();
        }
    }

    @Test
    void basic_whenEnabled_isAcceptedAndOffered() throws Exception {
        start(CameraConfig.defaults().toBuilder().account("viewer", "s3cret").basicAuth(true));
        try (RtspTestClient c = new RtspTestClient(camera.rtspAddress())) {
            String base = c.base + "/4";
            RtspResponse challenge = send(c, 1, "DESCRIBE", base, null);
            assertThat(challenge.statusCode()).isEqualTo(401);
            assertThat(challenge.headers().getAll("WWW-Authenticate")).anySatisfy(h -> assertThat(h).startsWith("Basic realm="));
            assertThat(send(c, 2, "DESCRIBE", base, basic("viewer", "s3cret")).statusCode()).isEqualTo(200);
            assertThat(send(c, 3, "DESCRIBE", base, basic("viewer", "wrong")).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void basic_byDefault_isRefused() throws Exception {
        start(CameraConfig.defaults().toBuilder());
        try (RtspTestClient c = new RtspTestClient(camera.rtspAddress())) {
            RtspResponse r = send(c, 1, "DESCRIBE", c.base + "/0", basic("admin", "admin"));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().getAll("WWW-Authenticate")).noneSatisfy(h -> assertThat(h).startsWith("Basic"));
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void playing_sendsSenderReportsOnEachTracksRtcpChannel_atTheConfiguredInterval() throws Exception {
        assertThat(CameraConfig.defaults().senderReportInterval()).isLessThanOrEqualTo(Duration.ofSeconds(5));
        start(CameraConfig.defaults().toBuilder().senderReportInterval(Duration.ofMillis(300)));
        try (RtspTestClient c = new RtspTestClient(camera.rtspAddress())) {
            CameraServerTest.playTcp(c, "/4");
            Map<Integer, Long> videoSsrc = new HashMap<>();
            Map<Integer, Integer> reports = new HashMap<>();
            while (reports.getOrDefault(1, 0) < 2 || reports.getOrDefault(3, 0) < 2) {
                InterleavedFrame f = c.nextInterleaved();
                if (f.channel() == 1 || f.channel() == 3) {
                    List<RtcpPacket> compound = RtcpCompound.parse(f.payload());
                    assertThat(compound.get(0)).isInstanceOf(SenderReport.class);
                    SenderReport sr = (SenderReport) compound.get(0);
                    assertThat(sr.packetCount()).isPositive();
                    videoSsrc.putIfAbsent(f.channel(), sr.ssrc());
                    assertThat(sr.ssrc()).isEqualTo(videoSsrc.get(f.channel()));
                    reports.merge(f.channel(), 1, Integer::sum);
                }
            }
            assertThat(videoSsrc.get(1)).isNotEqualTo(videoSsrc.get(3));
        }
    }

    @Test
    void receiverReports_keepASessionAliveWithoutRequests() throws Exception {
        start(CameraConfig.defaults().toBuilder().sessionTimeout(Duration.ofSeconds(120)));
        try (RtspTestClient c = new RtspTestClient(camera.rtspAddress())) {
            String session = CameraServerTest.playTcp(c, "/4");
            for (int i = 0; i < 3; i++) {
                now.set(now.get().plusSeconds(100));
                byte[] rr = RtcpCompound.write(List.of(new ReceiverReport(0x1234L, List.of())));
                c.sendRaw(new InterleavedFrame(1, rr).toBytes());
                // A request without Session refreshes nothing; its answer means the report before it was read.
                assertThat(c.request("OPTIONS", c.base + "/4").statusCode()).isEqualTo(200);
                assertThat(camera.sessions().expireIdle()).isZero();
            }
            now.set(now.get().plusSeconds(121));
            assertThat(camera.sessions().expireIdle()).isEqualTo(1);
            assertThat(c.request("GET_PARAMETER", c.base + "/4", "Session: " + session).statusCode()).isEqualTo(454);
        }
    }

    @Test
    void receiverReportsOverUdp_fromTheClientsRtcpPort_keepTheSessionAlive() throws Exception {
        start(CameraConfig.defaults().toBuilder().sessionTimeout(Duration.ofSeconds(120)));
        try (RtspTestClient c = new RtspTestClient(camera.rtspAddress());
             DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket rtcp = new DatagramSocket(rtp.getLocalPort() + 1, InetAddress.getLoopbackAddress())) {
            String base = c.base + "/4";
            c.login("admin", "admin", base);
            int port = rtp.getLocalPort();
            RtspResponse setup = c.request("SETUP", base + "/trackID=0",
                    "Transport: RTP/AVP;unicast;client_port=" + port + "-" + (port + 1));
            String id = setup.headers().get("Session").orElseThrow().substring(0, 8);
            assertThat(c.request("PLAY", base, "Session: " + id).statusCode()).isEqualTo(200);
            var session = camera.sessions().find(id).orElseThrow();
            byte[] rr = RtcpCompound.write(List.of(new ReceiverReport(0x1234L, List.of())));
            InetSocketAddress serverRtcp = new InetSocketAddress(InetAddress.getLoopbackAddress(), camera.udpRtpPort() + 1);
            for (int i = 0; i < 3; i++) {
                Instant at = now.updateAndGet(t -> t.plusSeconds(100));
                rtcp.send(new DatagramPacket(rr, rr.length, serverRtcp));
                Await.until(RtspTestClient.AWAIT, "the receiver report to refresh the session", () -> session.lastActivity().equals(at));
                assertThat(camera.sessions().expireIdle()).isZero();
            }
            now.set(now.get().plusSeconds(121));
            assertThat(camera.sessions().expireIdle()).isEqualTo(1);
        }
    }
}
