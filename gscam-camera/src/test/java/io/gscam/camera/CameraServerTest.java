package io.gscam.camera;

import io.gscam.testkit.Await;
import io.gscam.protocol.grandstream.DeviceModel;
import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.server.mctp.MctpConnectionHandler;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class CameraServerTest {
    private CameraServer camera;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private final InstantSource clock = () -> now.get();

    @BeforeAll
    static void paranoid() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    private CameraServer start(CameraConfig.Builder config) throws Exception {
        CameraConfig c = config.bindAddress(InetAddress.getLoopbackAddress()).rtspPort(0).build();
        camera = new CameraServer(c, clock, System::nanoTime, new ChannelSources(c), MctpConnectionHandler.CLOSE, new Random(7));
        camera.start();
        return camera;
    }

    private CameraServer start() throws Exception {
        return start(CameraConfig.defaults().toBuilder());
    }

    private RtspTestClient client() throws IOException {
        return new RtspTestClient(camera.rtspAddress());
    }

    @AfterEach
    void stop() {
        if (camera != null) {
            camera.close();
        }
    }

    @Test
    void options_listsTheMethods_withoutAuthorization() throws Exception {
        start();
        try (RtspTestClient c = client()) {
            RtspResponse r = c.request("OPTIONS", c.base + "/0");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().get("Public").orElseThrow())
                    .contains("DESCRIBE", "SETUP", "PLAY", "PAUSE", "TEARDOWN", "GET_PARAMETER");
            assertThat(r.headers().get("Server")).hasValue("GrandStream Rtsp Server V100R001");
        }
    }

    @Test
    void describe_withoutAuthorization_answersTheSpecs401() throws Exception {
        start();
        try (RtspTestClient c = client()) {
            RtspResponse r = c.request("DESCRIBE", c.base + "/0", "Accept: application/sdp");
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().get("Server")).hasValue("GrandStream Rtsp Server V100R001");
            assertThat(r.headers().get("WWW-Authenticate").orElseThrow())
                    .matches("Digest realm=\"Surveillance Server\", nonce=\"\\d{8}\".*");
        }
    }

    @Test
    void describe_wrongPassword_answers401() throws Exception {
        start();
        try (RtspTestClient c = client()) {
            assertThat(c.login("admin", "wrong", c.base + "/0").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void describe_answersTheSpecsSdpShape_withTheStreamsServerHeader() throws Exception {
        start();
        try (RtspTestClient c = client()) {
            RtspResponse r = c.login("admin", "admin", c.base + "/0");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().get("Server")).hasValue("GrandStream Rtsp Server 704*480*30*1024");
            assertThat(r.headers().get("Content-Base")).hasValue(c.base + "/0/");
            assertThat(r.headers().get("Content-Type")).hasValue("application/sdp");
            String sdp = new String(r.body(), StandardCharsets.UTF_8);
            assertThat(r.headers().get("Content-Length")).hasValue(Integer.toString(r.body().length));
            assertThat(sdp).startsWith("v=0\r\n").contains("\r\no=", "\r\ns=", "\r\nc=IN IP4 0.0.0.0", "\r\nt=0 0",
                    "m=video 0 RTP/AVP 96\r\n", "a=control:trackID=0", "a=rtpmap:96 H264/90000",
                    "packetization-mode=1", "profile-level-id=", "sprop-parameter-sets=Z",
                    "m=audio 0 RTP/AVP 0\r\n", "a=control:trackID=1", "a=rtpmap:0 PCMU/8000", "a=ptime:20");
            assertThat(sdp.indexOf("m=video")).isLessThan(sdp.indexOf("m=audio"));
        }
    }

    /**
     * DESIGN.md, "SDP as the camera writes it": the spec's media sections byte for byte, read from the
     * spec's own text. Only the fmtp line carries this stream's parameter sets (and profile-level-id
     * after them), not the spec sample's, so it is compared up to the parameter sets' value.
     */
    @Test
    void describe_mediaSections_areTheSpecsLines_withoutAChannelCountInTheRtpmap() throws Exception {
        Path specFile = Path.of("..", "gscam-protocol", "src", "test", "resources", "io", "gscam", "protocol",
                "grandstream-rtsp-protocol.txt");
        String spec = Files.readString(specFile, StandardCharsets.UTF_8);
        List<String> specLines = spec.substring(spec.indexOf("m=video 0 RTP/AVP 96"), spec.indexOf("a=ptime:20") + 10)
                .lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertThat(specLines).contains("a=rtpmap:96 H264/90000", "a=rtpmap:0 PCMU/8000").hasSize(8);
        start();
        try (RtspTestClient c = client()) {
            RtspResponse r = c.login("admin", "admin", c.base + "/0");
            String sdp = new String(r.body(), StandardCharsets.UTF_8);
            List<String> ours = sdp.substring(sdp.indexOf("m=video")).lines().toList();
            assertThat(sdp).endsWith("\r\n").doesNotContain("H264/90000/1", "PCMU/8000/1");
            assertThat(ours).hasSameSizeAs(specLines);
            for (int i = 0; i < specLines.size(); i++) {
                if (specLines.get(i).startsWith("a=fmtp:")) {
                    String specPrefix = specLines.get(i).substring(0, specLines.get(i).indexOf("sprop-parameter-sets=") + 21);
                    assertThat(ours.get(i)).startsWith(specPrefix);
                } else {
                    assertThat(ours.get(i)).as("media line %d", i).isEqualTo(specLines.get(i));
                }
            }
        }
    }

    @Test
    void describe_secondaryChannel_announcesItsSize() throws Exception {
        start();
        try (RtspTestClient c = client()) {
            RtspResponse r = c.login("admin", "admin", c.base + "/4");
            assertThat(r.headers().get("Server")).hasValue("GrandStream Rtsp Server 352*240*15*256");
        }
    }

    @Test
    void unknownChannel_answers404() throws Exception {
        start(CameraConfig.defaults().toBuilder().model(DeviceModel.IPCAM));
        try (RtspTestClient c = client()) {
            assertThat(c.login("admin", "admin", c.base + "/0").statusCode()).isEqualTo(200);
            assertThat(c.request("DESCRIBE", c.base + "/1").statusCode()).isEqualTo(404);
            assertThat(c.request("DESCRIBE", c.base + "/9").statusCode()).isEqualTo(404);
            assertThat(c.request("DESCRIBE", c.base + "/0/trackID=x").statusCode()).isEqualTo(404);
            assertThat(c.request("DESCRIBE", "rtsp://camera.example:554/4").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void setupTcpAndPlay_deliversH264AsFuAOfAtMost1024Bytes_withRtpInfo() throws Exception {
        start();
        try (RtspTestClient c = client()) {
            c.login("admin", "admin", c.base + "/0");
            RtspResponse video = c.request("SETUP", c.base + "/0/trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            assertThat(video.statusCode()).isEqualTo(200);
            String sessionHeader = video.headers().get("Session").orElseThrow();
            assertThat(sessionHeader).matches("\\d{8};timeout=120");
            assertThat(video.headers().get("Transport").orElseThrow()).startsWith("RTP/AVP/TCP;unicast;interleaved=0-1");
            String session = sessionHeader.substring(0, 8);
            RtspResponse audio = c.request("SETUP", c.base + "/0/trackID=1", "Session: " + session,
                    "Transport: RTP/AVP/TCP;unicast;interleaved=2-3");
            assertThat(audio.statusCode()).isEqualTo(200);
            assertThat(audio.headers().get("Session").orElseThrow()).startsWith(session);
            RtspResponse play = c.request("PLAY", c.base + "/0", "Session: " + session, "Rang: npt=0.000-");
            assertThat(play.statusCode()).isEqualTo(200);
            assertThat(play.headers().get("RTP-Info").orElseThrow())
                    .matches("url=" + c.base + "/0/trackID=0;seq=\\d+;rtptime=\\d+,url=" + c.base + "/0/trackID=1;seq=\\d+;rtptime=\\d+");

            List<RtpPacket> videoPackets = new ArrayList<>();
            boolean audioSeen = false;
            while (videoPackets.size() < 300 || !audioSeen) {
                InterleavedFrame f = c.nextInterleaved();
                if (f.channel() == 0) {
                    videoPackets.add(RtpPacket.parse(f.payload()));
                } else if (f.channel() == 2) {
                    RtpPacket p = RtpPacket.parse(f.payload());
                    assertThat(p.payloadType()).isEqualTo(0);
                    assertThat(p.payload()).hasSize(160);
                    audioSeen = true;
                }
            }
            // The first packet a new reader gets starts a keyframe: SPS (or an AUD before it).
            int firstType = videoPackets.get(0).payload()[0] & 0x1F;
            assertThat(firstType).isIn(7, 9);
            boolean fuaSeen = false;
            for (RtpPacket p : videoPackets) {
                assertThat(p.payloadType()).isEqualTo(96);
                int type = p.payload()[0] & 0x1F;
                if (type == 28) {
                    fuaSeen = true;
                    assertThat(p.payload().length - 2).isLessThanOrEqualTo(1024);
                } else {
                    assertThat(p.payload().length).isLessThanOrEqualTo(1025);
                }
            }
            assertThat(fuaSeen).isTrue();
            for (int i = 1; i < videoPackets.size(); i++) {
                assertThat(videoPackets.get(i).sequenceNumber()).isEqualTo((videoPackets.get(i - 1).sequenceNumber() + 1) & 0xFFFF);
            }
            assertThat(camera.activeReaders()).isEqualTo(1);

            RtspResponse teardown = c.request("TEARDOWN", c.base + "/0", "Session: " + session);
            assertThat(teardown.statusCode()).isEqualTo(200);
            assertThat(camera.sessions().openSessions()).isZero();
            assertThat(camera.activeReaders()).isZero();
            assertThat(c.request("PLAY", c.base + "/0", "Session: " + session).statusCode()).isEqualTo(454);
        }
    }

    @Test
    void setupUdp_sendsRtpToTheClientPort_fromTheAnnouncedServerPort() throws Exception {
        start();
        try (RtspTestClient c = client(); DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             DatagramSocket rtcp = new DatagramSocket(rtp.getLocalPort() + 1, InetAddress.getLoopbackAddress())) {
            rtp.setSoTimeout(10_000);
            c.login("admin", "admin", c.base + "/4");
            int port = rtp.getLocalPort();
            RtspResponse setup = c.request("SETUP", c.base + "/4/trackID=0",
                    "Transport: RTP/AVP;unicast;client_port=" + port + "-" + (port + 1));
            assertThat(setup.statusCode()).isEqualTo(200);
            String transport = setup.headers().get("Transport").orElseThrow();
            int serverPort = camera.udpRtpPort();
            assertThat(transport).contains("client_port=" + port + "-" + (port + 1))
                    .contains("server_port=" + serverPort + "-" + (serverPort + 1));
            String session = setup.headers().get("Session").orElseThrow().substring(0, 8);
            assertThat(c.request("PLAY", c.base + "/4", "Session: " + session).statusCode()).isEqualTo(200);
            DatagramPacket d = new DatagramPacket(new byte[2048], 2048);
            rtp.receive(d);
            assertThat(d.getPort()).isEqualTo(serverPort);
            RtpPacket p = RtpPacket.parse(java.util.Arrays.copyOf(d.getData(), d.getLength()));
            assertThat(p.payloadType()).isEqualTo(96);
            assertThat(c.request("TEARDOWN", c.base + "/4", "Session: " + session).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void setupMulticastOrUnknownTransport_answers461() throws Exception {
        start();
        try (RtspTestClient c = client()) {
            c.login("admin", "admin", c.base + "/0");
            assertThat(c.request("SETUP", c.base + "/0/trackID=0", "Transport: RTP/AVP;multicast;port=5000-5001").statusCode()).isEqualTo(461);
            assertThat(c.request("SETUP", c.base + "/0/trackID=0", "Transport: RAW/RAW/UDP;unicast;client_port=5000").statusCode()).isEqualTo(461);
            assertThat(c.request("SETUP", c.base + "/0/trackID=0").statusCode()).isEqualTo(461);
            assertThat(camera.sessions().openSessions()).isZero();
        }
    }

    @Test
    void unknownSession_answers454_andAggregateSetupOf2Tracks459() throws Exception {
        start();
        try (RtspTestClient c = client()) {
            c.login("admin", "admin", c.base + "/0");
            assertThat(c.request("PLAY", c.base + "/0", "Session: 12345678").statusCode()).isEqualTo(454);
            assertThat(c.request("SETUP", c.base + "/0/trackID=1", "Session: 12345678",
                    "Transport: RTP/AVP/TCP;unicast;interleaved=2-3").statusCode()).isEqualTo(454);
            assertThat(c.request("SETUP", c.base + "/0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1").statusCode()).isEqualTo(459);
        }
    }

    @Test
    void sessionWithoutRequests_endsAfterTheTimeout_onTheInjectedClock() throws Exception {
        start(CameraConfig.defaults().toBuilder().sessionTimeout(Duration.ofSeconds(120)));
        try (RtspTestClient c = client()) {
            c.login("admin", "admin", c.base + "/0");
            RtspResponse setup = c.request("SETUP", c.base + "/0/trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            String session = setup.headers().get("Session").orElseThrow().substring(0, 8);
            now.set(now.get().plusSeconds(100));
            assertThat(c.request("GET_PARAMETER", c.base + "/0", "Session: " + session).statusCode()).isEqualTo(200);
            now.set(now.get().plusSeconds(100));
            assertThat(camera.sessions().expireIdle()).isZero();
            now.set(now.get().plusSeconds(21));
            Await.until(RtspTestClient.AWAIT, "the session to time out", () -> camera.sessions().openSessions() == 0);
            assertThat(c.request("PLAY", c.base + "/0", "Session: " + session).statusCode()).isEqualTo(454);
        }
    }

    @Test
    void malformedRequest_answers400AndCloses() throws Exception {
        start();
        try (RtspTestClient c = client()) {
            c.sendRaw("OPTIONS rtsp://x/0 RTSP/1.0\r\nCSeq: 1\r\nno colon here\r\n\r\n");
            assertThat(c.closedByServer()).isTrue();
            assertThat(c.bufferedResponse().statusCode()).isEqualTo(400);
        }
    }

    @Test
    void headerLineOf100KB_answers400AndCloses() throws Exception {
        start();
        try (RtspTestClient c = client()) {
            c.sendRaw("OPTIONS rtsp://x/0 RTSP/1.0\r\nCSeq: 1\r\nX-Big: " + "a".repeat(100 * 1024) + "\r\n\r\n");
            assertThat(c.closedByServer()).isTrue();
            assertThat(c.bufferedResponse().statusCode()).isEqualTo(400);
        }
    }

    @Test
    void unknownMethod_answers501_andRecord405() throws Exception {
        start();
        try (RtspTestClient c = client()) {
            assertThat(c.request("FROBNICATE", c.base + "/0").statusCode()).isEqualTo(501);
            assertThat(c.request("RECORD", c.base + "/0").statusCode()).isEqualTo(405);
        }
    }

    /** Issue 12 changed this: a $ frame before SETUP was ignored; now it closes the connection, as gortsplib does. */
    @Test
    void interleavedFrameBeforeSetup_closesTheConnection_whileOneOnAnotherChannelOfASessionIsIgnored() throws Exception {
        start();
        try (RtspTestClient c = client()) {
            c.sendRaw(new byte[] {'$', 1, 0, 4, 1, 2, 3, 4});
            assertThat(c.closedByServer()).as("gortsplib: ErrServerUnexpectedFrame").isTrue();
        }
        try (RtspTestClient c = client()) {
            String session = playTcp(c, "/0");
            c.sendRaw(new byte[] {'$', 9, 0, 4, 1, 2, 3, 4});
            assertThat(c.request("GET_PARAMETER", c.base + "/0", "Session: " + session).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void clientVanishingMidStream_freesItsSession_andOthersKeepPlaying() throws Exception {
        start();
        try (RtspTestClient stays = client()) {
            String staying = playTcp(stays, "/0");
            RtspTestClient vanishing = client();
            playTcp(vanishing, "/0");
            vanishing.nextInterleaved();
            vanishing.socket.setSoLinger(true, 0);
            vanishing.close();
            Await.until(RtspTestClient.AWAIT, "the vanished client's session to end", () -> camera.sessions().openSessions() == 1);
            assertThat(camera.sessions().find(staying)).isPresent();
            int before = stays.interleaved.size();
            for (int i = 0; i < 50; i++) {
                stays.nextInterleaved();
            }
            assertThat(stays.request("GET_PARAMETER", stays.base + "/0", "Session: " + staying).statusCode()).isEqualTo(200);
            assertThat(before).isGreaterThanOrEqualTo(0);
        }
        Await.until(RtspTestClient.AWAIT, "every session and connection to close", () -> camera.sessions().openSessions() == 0 && camera.openConnections() == 0);
    }

    @Test
    void twoHundredConnectionsOpenedAndDropped_leakNothing_andTheServerKeepsServing() throws Exception {
        start();
        try (RtspTestClient playing = client()) {
            String session = playTcp(playing, "/4");
            for (int i = 0; i < 200; i++) {
                try (Socket s = new Socket()) {
                    s.connect(camera.rtspAddress(), 5000);
                    if (i % 3 == 0) {
                        s.getOutputStream().write("DESCRIBE rtsp://127.0.0.1/0 RTSP/1.0\r\nCSeq: 1\r\n".getBytes(StandardCharsets.US_ASCII));
                    } else if (i % 3 == 1) {
                        s.setSoLinger(true, 0);
                    }
                }
            }
            Await.until(RtspTestClient.AWAIT, "the dropped connections to close", () -> camera.openConnections() == 1);
            for (int i = 0; i < 20; i++) {
                playing.nextInterleaved();
            }
            assertThat(playing.request("GET_PARAMETER", playing.base + "/4", "Session: " + session).statusCode()).isEqualTo(200);
            assertThat(camera.sessions().openSessions()).isEqualTo(1);
        }
        Await.until(RtspTestClient.AWAIT, "everything to close", () -> camera.sessions().openSessions() == 0 && camera.openConnections() == 0);
    }

    @Test
    void pause_stopsDelivery_andPlayResumes() throws Exception {
        start();
        try (RtspTestClient c = client()) {
            String session = playTcp(c, "/4");
            c.nextInterleaved();
            assertThat(c.request("PAUSE", c.base + "/4", "Session: " + session).statusCode()).isEqualTo(200);
            assertThat(camera.activeReaders()).isZero();
            assertThat(c.request("PLAY", c.base + "/4", "Session: " + session).statusCode()).isEqualTo(200);
            // The reader joins just after the PLAY response is written.
            Await.until(RtspTestClient.AWAIT, "the reader to join again", () -> camera.activeReaders() == 1);
            assertThat(c.request("SETUP", c.base + "/4/trackID=0", "Session: " + session,
                    "Transport: RTP/AVP/TCP;unicast;interleaved=0-1").statusCode()).isEqualTo(455);
        }
    }

    /** DESCRIBE, SETUP of both tracks over TCP, PLAY; returns the session id. */
    static String playTcp(RtspTestClient c, String path) throws IOException {
        assertThat(c.login("admin", "admin", c.base + path).statusCode()).isEqualTo(200);
        RtspResponse v = c.request("SETUP", c.base + path + "/trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
        String session = v.headers().get("Session").orElseThrow().substring(0, 8);
        assertThat(c.request("SETUP", c.base + path + "/trackID=1", "Session: " + session,
                "Transport: RTP/AVP/TCP;unicast;interleaved=2-3").statusCode()).isEqualTo(200);
        assertThat(c.request("PLAY", c.base + path, "Session: " + session).statusCode()).isEqualTo(200);
        return session;
    }

}
