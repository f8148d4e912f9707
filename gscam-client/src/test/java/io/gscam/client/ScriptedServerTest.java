package io.gscam.client;

import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.rtp.MediaFormat;
import io.gscam.media.rtp.PayloadFormats;
import io.gscam.media.rtp.RtpStreamPacketizer;
import io.gscam.protocol.mctp.MctpMessage;
import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The client against a scripted fake camera: the unhappy paths of issue 4, and the shapes real cameras send. */
class ScriptedServerTest {
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=gscam test\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=control:trackID=0\r\na=rtpmap:96 H264/90000\r\n"
            + "a=fmtp:96 packetization-mode=1; sprop-parameter-sets=Z0LgHtoCwPRA,aM4wpIA=\r\n"
            + "m=audio 0 RTP/AVP 0\r\na=control:trackID=1\r\na=rtpmap:0 PCMU/8000\r\na=ptime:20\r\n";
    private static final String SESSION = "09682642";
    private static final String REALM = "Surveillance Server";
    private static final String NONCE = "30507280";

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(1);
    private final GsCamClient client = fixture.client();

    /** A camera that answers everything, demands Digest for DESCRIBE, and sends {@code frames} H.264 access units after SETUP. */
    private static class Camera implements FakeRtspServer.Script {
        final String password;
        final int frames;
        boolean earlyMedia;
        String playStatus = "200 OK";
        boolean closeOnPlay;
        int udpClientPort;
        /** A host that is not the camera, sending to the client's RTP port before the camera does. */
        InetAddress udpIntruder;
        final List<Integer> udpOrder = new ArrayList<>();

        Camera(String password, int frames) {
            this.password = password;
            this.frames = frames;
        }

        @Override
        public void onRequest(FakeRtspServer.Connection c, RtspRequest r) throws IOException {
            switch (r.method().name()) {
                case "OPTIONS" -> c.respond(r, "200 OK", "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER\r\n", "");
                case "DESCRIBE" -> {
                    if (!authorized(r, password)) {
                        c.respond(r, "401 Unauthorized", "WWW-Authenticate: Digest realm=\"" + REALM + "\", nonce=\"" + NONCE + "\"\r\n", "");
                    } else {
                        c.respond(r, "200 OK", "Content-Type: application/sdp\r\nContent-Base: " + r.uri() + "/\r\n"
                                + "Server: GrandStream Rtsp Server 704*480*30*1024\r\n", SDP);
                    }
                }
                case "SETUP" -> {
                    String transport = r.header("Transport").orElseThrow();
                    if (transport.contains("TCP")) {
                        c.respond(r, "200 OK", "Session: " + SESSION + ";timeout=120\r\nTransport: " + transport + "\r\n", "");
                    } else {
                        Matcher m = Pattern.compile("client_port=(\\d+)").matcher(transport);
                        m.find();
                        udpClientPort = Integer.parseInt(m.group(1));
                        c.respond(r, "200 OK", "Session: " + SESSION + ";timeout=120\r\nTransport: " + transport
                                + ";server_port=6970-6971\r\n", "");
                    }
                }
                case "PLAY" -> {
                    if (closeOnPlay) {
                        c.close();
                        return;
                    }
                    if (earlyMedia) {
                        sendTcp(c); // RTP before the PLAY answer, as some cameras do
                        c.respond(r, playStatus, "Session: " + SESSION + "\r\n", "");
                    } else {
                        c.respond(r, playStatus, "Session: " + SESSION + "\r\n", "");
                        if (udpClientPort > 0) {
                            sendUdp();
                        } else if (playStatus.startsWith("200")) {
                            sendTcp(c);
                        }
                    }
                }
                default -> c.respond(r, "200 OK", "Session: " + SESSION + "\r\n", "");
            }
        }

        void sendTcp(FakeRtspServer.Connection c) throws IOException {
            for (RtpPacket p : packets(frames)) {
                c.send(new InterleavedFrame(0, p.toBytes()).toBytes());
            }
        }

        void sendUdp() throws IOException {
            List<RtpPacket> packets = packets(frames);
            if (udpIntruder != null) {
                try (DatagramSocket s = new DatagramSocket(0, udpIntruder)) {
                    byte[] b = packets(2).get(1).toBytes();
                    s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), udpClientPort));
                }
            }
            try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                List<Integer> order = udpOrder.isEmpty() ? range(packets.size()) : udpOrder;
                for (int i : order) {
                    byte[] b = packets.get(i).toBytes();
                    s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), udpClientPort));
                }
            }
        }
    }

    private static List<Integer> range(int n) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    /** {@code n} one-packet access units, the first an IDR, 3000 ticks apart. */
    static List<RtpPacket> packets(int n) {
        MediaFormat format = new MediaFormat(MediaKind.VIDEO, 96, "H264", 90000, 1, Map.of());
        RtpStreamPacketizer packetizer = new RtpStreamPacketizer(
                PayloadFormats.standard().find("H264").orElseThrow().newWriter(format), 96, 0x1234L, 100);
        List<RtpPacket> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] au = HexFormat.of().parseHex(i == 0 ? "0000000165888400210000" : "00000001419a0203040506");
            out.addAll(packetizer.packetize(MediaSample.video(1000L + 3000L * i, au, i == 0)));
        }
        return out;
    }

    static boolean authorized(RtspRequest r, String password) {
        String h = r.header("Authorization").orElse("");
        Matcher uri = Pattern.compile("uri=\"([^\"]*)\"").matcher(h);
        Matcher resp = Pattern.compile("response=\"([^\"]*)\"").matcher(h);
        if (!h.startsWith("Digest") || !uri.find() || !resp.find()) {
            return false;
        }
        String ha1 = md5("admin:" + REALM + ":" + password);
        String ha2 = md5(r.method().name() + ":" + uri.group(1));
        return resp.group(1).equals(md5(ha1 + ":" + NONCE + ":" + ha2));
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static List<CameraEvent> drain(CameraSession s, int videoFrames, Duration within) throws InterruptedException {
        return SessionEvents.takeUntil(s, within, videoFrames + " video frames",
                events -> SessionEvents.count(events, VideoFrame.class) >= videoFrames);
    }

    @Test
    void tcp_digestAndInterleavedDataBeforePlayAnswer_framesFollowStreamInfo() throws Exception {
        Camera camera = new Camera("secret", 5);
        camera.earlyMedia = true;
        FakeRtspServer server = fixture.server(camera);
        CameraSession s = client.open(CameraOptions.builder(server.url("admin:secret", "/0")).audio(false).build());

        StreamInfo info = s.awaitPlaying(Duration.ofSeconds(10));
        List<CameraEvent> events = drain(s, 5, Duration.ofSeconds(10));

        assertThat(info.transport()).isEqualTo(Transport.TCP);
        assertThat(info.sessionTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(info.server()).isEqualTo("GrandStream Rtsp Server 704*480*30*1024");
        TrackInfo video = info.video().orElseThrow();
        assertThat(video.codec()).isEqualTo("H264");
        assertThat(video.width()).isGreaterThan(0);
        assertThat(info.tracks()).hasSize(2);
        assertThat(info.tracks().get(1).setUp()).isFalse();
        List<VideoFrame> frames = events.stream().filter(VideoFrame.class::isInstance).map(VideoFrame.class::cast).toList();
        assertThat(frames).hasSize(5);
        assertThat(frames.get(0).keyframe()).isTrue();
        assertThat(frames.get(0).codecConfig()).hasSize(2);
        assertThat(frames.get(1).presentationTime()).isEqualTo(Duration.ofNanos(3000L * 1_000_000_000L / 90000));
        int infoAt = events.indexOf(info);
        assertThat(infoAt).isBetween(0, events.indexOf(frames.get(0)));
        assertThat(server.methods()).containsSubsequence("OPTIONS", "DESCRIBE", "DESCRIBE", "SETUP", "PLAY");
        RtspRequest setup = server.requests.stream().filter(r -> r.method().name().equals("SETUP")).findFirst().orElseThrow();
        assertThat(setup.uri()).endsWith("/0/trackID=0");
        assertThat(setup.header("Transport").orElseThrow()).contains("interleaved=0-1");
        List<RtspRequest> authorized = server.requests.stream().filter(r -> r.header("Authorization").isPresent()).toList();
        assertThat(authorized).extracting(r -> r.method().name()).contains("DESCRIBE", "SETUP", "PLAY");
        for (RtspRequest r : authorized) { // RFC 2617 3.2.2: the digest uri is the Request-URI of that request
            assertThat(r.header("Authorization").orElseThrow()).as(r.method().name()).contains("uri=\"" + r.uri() + "\"");
        }

        s.close();
        assertThat(s.state()).isEqualTo(CameraState.CLOSED);
    }

    @Test
    void wrongPassword_failsWith401Unauthorized() throws Exception {
        FakeRtspServer server = fixture.server(new Camera("secret", 0));
        CameraSession s = client.open(CameraOptions.builder(server.url("admin:wrong", "/0")).build());

        assertThatThrownBy(() -> s.awaitPlaying(Duration.ofSeconds(10)))
                .isInstanceOf(CameraException.class)
                .hasMessageStartingWith("401 Unauthorized")
                .satisfies(e -> assertThat(((CameraException) e).kind()).isEqualTo(CameraException.Kind.UNAUTHORIZED));
        assertThat(s.state()).isEqualTo(CameraState.FAILED);
        assertThat(server.methods().stream().filter("DESCRIBE"::equals).count()).isEqualTo(2);
    }

    @Test
    void play454_failsWithSessionNotFound() throws Exception {
        Camera camera = new Camera("secret", 0);
        camera.playStatus = "454 Session Not Found";
        FakeRtspServer server = fixture.server(camera);
        CameraSession s = client.open(CameraOptions.builder(server.url("admin:secret", "/0")).build());

        assertThatThrownBy(() -> s.awaitPlaying(Duration.ofSeconds(10)))
                .isInstanceOf(CameraException.class)
                .hasMessageStartingWith("454 Session Not Found")
                .satisfies(e -> assertThat(((CameraException) e).statusCode()).isEqualTo(454));
    }

    @Test
    void serverClosingMidPlay_failsWithConnectionLost() throws Exception {
        Camera camera = new Camera("secret", 0);
        camera.closeOnPlay = true;
        FakeRtspServer server = fixture.server(camera);
        CameraSession s = client.open(CameraOptions.builder(server.url("admin:secret", "/0")).build());

        assertThatThrownBy(() -> s.awaitPlaying(Duration.ofSeconds(10)))
                .isInstanceOf(CameraException.class)
                .satisfies(e -> assertThat(((CameraException) e).kind()).isEqualTo(CameraException.Kind.CONNECTION_LOST));
    }

    @Test
    void cameraThatNeverAnswers_failsWithTimeout() throws Exception {
        FakeRtspServer server = fixture.server((c, r) -> { });
        CameraSession s = client.open(CameraOptions.builder(server.url(null, "/0"))
                .responseTimeout(Duration.ofMillis(300)).build());

        assertThatThrownBy(() -> s.awaitPlaying(Duration.ofSeconds(10)))
                .isInstanceOf(CameraException.class)
                .hasMessageContaining("timeout: no answer to OPTIONS")
                .satisfies(e -> assertThat(((CameraException) e).kind()).isEqualTo(CameraException.Kind.TIMEOUT));
    }

    @Test
    void unknownStream_failsWith404() throws Exception {
        FakeRtspServer server = fixture.server((c, r) -> c.respond(r, r.method().name().equals("DESCRIBE") ? "404 Not Found" : "200 OK", "", ""));
        CameraSession s = client.open(CameraOptions.builder(server.url(null, "/9")).build());

        assertThatThrownBy(() -> s.awaitPlaying(Duration.ofSeconds(10)))
                .isInstanceOf(CameraException.class)
                .hasMessageStartingWith("404 Not Found")
                .satisfies(e -> assertThat(((CameraException) e).kind()).isEqualTo(CameraException.Kind.NOT_FOUND));
    }

    @Test
    void refusedConnection_failsWithConnectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CameraSession s = client.open(CameraOptions.builder("rtsp://127.0.0.1:" + port + "/0").build());

        assertThatThrownBy(() -> s.awaitPlaying(Duration.ofSeconds(10)))
                .isInstanceOf(CameraException.class)
                .hasMessage("connection refused: 127.0.0.1:" + port);
    }

    @Test
    void udp_lostAndReorderedPackets_deliveredInOrderAndCounted() throws Exception {
        Camera camera = new Camera("secret", 8);
        // packet 3 lost; 5 and 6 swapped
        camera.udpOrder.addAll(List.of(0, 1, 2, 4, 6, 5, 7));
        FakeRtspServer server = fixture.server(camera);
        CameraSession s = client.open(CameraOptions.builder(server.url("admin:secret", "/0"))
                .transport(Transport.UDP).audio(false).udpPortRange(40000, 40999).build());

        StreamInfo info = s.awaitPlaying(Duration.ofSeconds(10));
        List<CameraEvent> events = drain(s, 6, Duration.ofSeconds(10));

        assertThat(info.transport()).isEqualTo(Transport.UDP);
        List<Long> timestamps = events.stream().filter(VideoFrame.class::isInstance)
                .map(e -> ((VideoFrame) e).rtpTimestamp()).toList();
        assertThat(timestamps).isSorted().doesNotContain(1000L + 3000L * 3);
        CameraStatistics stats = s.statistics();
        assertThat(stats.packetsLost()).isEqualTo(1);
        assertThat(stats.packetsReordered()).isEqualTo(1);
        RtspRequest setup = server.requests.stream().filter(r -> r.method().name().equals("SETUP")).findFirst().orElseThrow();
        assertThat(camera.udpClientPort % 2).isZero();
        assertThat(camera.udpClientPort).isBetween(40000, 40999);
        assertThat(setup.header("Transport").orElseThrow()).contains("client_port=" + camera.udpClientPort + "-" + (camera.udpClientPort + 1));
    }

    @Test
    void cameraGoneAfterPlaying_reconnectsWithBackoffAndPlaysAgain() throws Exception {
        Camera camera = new Camera("secret", 2) {
            @Override
            public void onRequest(FakeRtspServer.Connection c, RtspRequest r) throws IOException {
                super.onRequest(c, r);
                if (r.method().name().equals("PLAY") && c.index == 0) {
                    c.close(); // the camera goes away after its first frames
                }
            }
        };
        FakeRtspServer server = fixture.server(camera);
        CameraSession s = client.open(CameraOptions.builder(server.url("admin:secret", "/0")).audio(false)
                .reconnect(ReconnectPolicy.backoff(Duration.ofMillis(100), Duration.ofSeconds(1))).build());

        List<StateChange> changes = SessionEvents.takeUntil(s, Duration.ofSeconds(15), "PLAYING twice",
                        events -> events.stream().filter(e -> e instanceof StateChange c && c.state() == CameraState.PLAYING).count() >= 2)
                .stream().filter(StateChange.class::isInstance).map(StateChange.class::cast).toList();

        assertThat(changes).extracting(StateChange::state).containsSubsequence(
                CameraState.CONNECTING, CameraState.PLAYING, CameraState.RECONNECTING, CameraState.CONNECTING, CameraState.PLAYING);
        StateChange reconnecting = changes.stream().filter(c -> c.state() == CameraState.RECONNECTING).findFirst().orElseThrow();
        assertThat(reconnecting.attempt()).isEqualTo(1);
        assertThat(reconnecting.retryDelay()).isEqualTo(Duration.ofMillis(100));
        assertThat(s.statistics().reconnects()).isEqualTo(1);
    }

    @Test
    void closedWhileHeartbeatRegisters_lateRegistrationAnswerDoesNotKeepTheHeartbeatAlive() throws Exception {
        CompletableFuture<Void> registering = new CompletableFuture<>();
        CountDownLatch sessionClosed = new CountDownLatch(1);
        CompletableFuture<String> afterAnswer = new CompletableFuture<>();
        FakeRtspServer server = fixture.server(new Camera("secret", 1));
        server.mctp = (c, first) -> {
            registering.complete(null);
            try {
                if (!sessionClosed.await(10, TimeUnit.SECONDS)) {
                    afterAnswer.completeExceptionally(new AssertionError("session not closed"));
                    return;
                }
                c.send(MctpMessage.registerReply(SESSION, 0, true).toBytes()); // the camera answers late
                c.socket.setSoTimeout(3000);
                ByteArrayOutputStream heard = new ByteArrayOutputStream();
                byte[] buf = new byte[256];
                try {
                    for (int n; (n = c.socket.getInputStream().read(buf)) > 0; ) {
                        heard.write(buf, 0, n);
                    }
                    afterAnswer.complete(heard.toString(StandardCharsets.US_ASCII) + "<closed>");
                } catch (SocketTimeoutException e) {
                    afterAnswer.complete(heard.toString(StandardCharsets.US_ASCII) + "<still open>");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        CameraSession s = client.open(CameraOptions.builder(server.url("admin:secret", "/0")).audio(false)
                .heartbeat(true).heartbeatInterval(Duration.ofMillis(200)).build());
        registering.get(10, TimeUnit.SECONDS);

        s.close();
        sessionClosed.countDown();

        assertThat(afterAnswer.get(10, TimeUnit.SECONDS)).isEqualTo("<closed>"); // no CMD:ALIVE keep-alives
        assertThat(s.state()).isEqualTo(CameraState.CLOSED);
    }

    @Test
    void udp_datagramsFromAnotherHost_ignored() throws Exception {
        InetAddress intruder = InetAddress.getByName("127.0.0.2");
        try (DatagramSocket probe = new DatagramSocket(0, intruder)) {
            assertThat(probe.getLocalAddress()).isEqualTo(intruder);
        } catch (java.net.BindException e) {
            org.junit.jupiter.api.Assumptions.abort("cannot bind 127.0.0.2 here: " + e.getMessage());
        }
        Camera camera = new Camera("secret", 4);
        camera.udpIntruder = intruder;
        FakeRtspServer server = fixture.server(camera);
        CameraSession s = client.open(CameraOptions.builder(server.url("admin:secret", "/0"))
                .transport(Transport.UDP).audio(false).udpPortRange(42000, 42999).build());

        s.awaitPlaying(Duration.ofSeconds(10));
        List<CameraEvent> events = drain(s, 4, Duration.ofSeconds(10));

        assertThat(events.stream().filter(VideoFrame.class::isInstance).count()).isEqualTo(4);
        CameraStatistics stats = s.statistics();
        assertThat(stats.packetsReceived()).as("only the camera's 4 packets").isEqualTo(4);
        assertThat(stats.packetsLost()).isZero();
    }

    @Test
    void hostName_resolvedAndPlayed() throws Exception {
        assumeTrue(InetAddress.getByName("localhost").equals(InetAddress.getLoopbackAddress()),
                "localhost is not 127.0.0.1 here");
        FakeRtspServer server = fixture.server(new Camera("secret", 2));
        CameraSession s = client.open(CameraOptions.builder("rtsp://admin:secret@localhost:" + server.port() + "/0")
                .audio(false).build());

        StreamInfo info = s.awaitPlaying(Duration.ofSeconds(10));

        assertThat(info.url()).isEqualTo("rtsp://localhost:" + server.port() + "/0");
        assertThat(drain(s, 2, Duration.ofSeconds(10)).stream().filter(VideoFrame.class::isInstance)).hasSize(2);
    }
}
