package io.gscam.camera.http;

import io.gscam.camera.CameraConfig;
import io.gscam.server.rtsp.ConnectionSniffer;
import io.gscam.server.session.SessionIdGenerator;
import io.gscam.server.session.SessionRegistry;
import io.gscam.camera.source.FrameRate;
import io.gscam.camera.source.TestPatternRenderer;
import io.gscam.protocol.auth.AuthChallenge;
import io.gscam.protocol.auth.Authenticator;
import io.gscam.protocol.auth.BasicCredentials;
import io.gscam.protocol.auth.Credentials;
import io.gscam.protocol.grandstream.DeviceModel;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CameraApiTest {
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:07.250Z");
    private static final Credentials ACCOUNT = new Credentials("admin", "secret");

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final ExecutorService blocking = Executors.newSingleThreadExecutor();
    private CameraApi api;
    private Channel rtspPort;

    /** An HTTP response as read off the socket. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : v.get(0);
        }
    }

    @BeforeEach
    void start() throws Exception {
        CameraConfig config = CameraConfig.defaults().toBuilder()
                .bindAddress(InetAddress.getByName("127.0.0.1")).httpPort(0).rtspPort(0)
                .account(ACCOUNT.username(), ACCOUNT.password()).model(DeviceModel.DVS).build();
        InstantSource clock = InstantSource.fixed(NOW);
        SessionRegistry sessions = new SessionRegistry(clock, Duration.ofSeconds(120), new SessionIdGenerator(new SplittableRandom(1)));
        api = new CameraApi(config, sessions, clock, new SplittableRandom(2), CameraApi.Options.defaults());
        api.start(group, NioServerSocketChannel::new, blocking);
        rtspPort = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ConnectionSniffer(
                                () -> new ChannelHandler[]{new ChannelInboundHandlerAdapter()}, api.mctp()));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    @AfterEach
    void stop() {
        api.close();
        rtspPort.close().syncUninterruptibly();
        blocking.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private Response http(String method, String target, String... headers) throws IOException {
        try (Socket s = new Socket("127.0.0.1", api.httpAddress().getPort())) {
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            for (String h : headers) {
                req.append(h).append("\r\n");
            }
            req.append("Content-Length: 0\r\n\r\n");
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            return read(s.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        String status = line(in);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int colon = l.indexOf(':');
            headers.computeIfAbsent(l.substring(0, colon).strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(l.substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", List.of("0")).get(0));
        byte[] body = in.readNBytes(length);
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("closed after " + b);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private Socket subscribe(int channel) throws IOException {
        Socket s = new Socket("127.0.0.1", ((InetSocketAddress) rtspPort.localAddress()).getPort());
        s.setSoTimeout(10_000);
        s.getOutputStream().write(("CMD:ALIVE MCTP/1.0 CS\n@FFFFFFFF@" + channel + "\nEND\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(mctpMessage(s)).isEqualTo("CMD:ALIVE MCTP/1.0 SC\n@FFFFFFFF@" + channel + "@1\nEND\n");
        return s;
    }

    private static String mctpMessage(Socket s) throws IOException {
        StringBuilder sb = new StringBuilder();
        String l;
        do {
            l = line(s.getInputStream());
            sb.append(l).append('\n');
        } while (!l.equals("END"));
        return sb.toString();
    }

    private static String basic() {
        return "Authorization: " + BasicCredentials.encode(ACCOUNT);
    }

    @Test
    void postAlarm_basicAuth_reachesSubscriberOfThatChannel() throws Exception {
        try (Socket subscriber = subscribe(3)) {
            Response r = http("POST", "/api/alarm?channel=3&source=INPUT2", basic());
            assertThat(r.status()).isEqualTo(200);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("\"subscribers\":1");
            assertThat(mctpMessage(subscriber)).isEqualTo("CMD:ALARM MCTP/1.0 SC\n@3@INPUT2@2024-05-01T12:00:07Z\nEND\n");
        }
    }

    @Test
    void postAlarm_digestAuth_reachesAllChannelsSubscriber() throws Exception {
        try (Socket subscriber = subscribe(-1)) {
            String target = "/api/alarm?channel=6&source=MOTION";
            Response challenge = http("POST", target);
            assertThat(challenge.status()).isEqualTo(401);
            List<AuthChallenge> challenges = AuthChallenge.parseAll(challenge.headers().get("www-authenticate"));
            Authenticator auth = Authenticator.forChallenges(ACCOUNT, challenges, () -> "0a4f113b").orElseThrow();
            assertThat(auth.challenge().scheme()).isEqualToIgnoringCase("Digest");
            Response r = http("POST", target, "Authorization: " + auth.authorize("POST", target));
            assertThat(r.status()).isEqualTo(200);
            assertThat(mctpMessage(subscriber)).isEqualTo("CMD:ALARM MCTP/1.0 SC\n@6@MOTION@2024-05-01T12:00:07Z\nEND\n");
        }
    }

    @Test
    void postAlarm_withoutCredentials_401WithDigestAndBasicChallenges() throws Exception {
        Response r = http("POST", "/api/alarm?channel=0&source=MOTION");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers().get("www-authenticate")).anySatisfy(v -> assertThat(v).startsWith("Digest realm=\"Surveillance Server\""));
        assertThat(r.headers().get("www-authenticate")).anySatisfy(v -> assertThat(v).startsWith("Basic"));
        assertThat(api.alarms().published()).isZero();
    }

    @Test
    void postAlarm_wrongPassword_401() throws Exception {
        String bad = "Authorization: " + BasicCredentials.encode(new Credentials("admin", "wrong"));
        assertThat(http("POST", "/api/alarm?channel=0&source=MOTION", bad).status()).isEqualTo(401);
        assertThat(api.alarms().published()).isZero();
    }

    @Test
    void postAlarm_badParameters_400() throws Exception {
        for (String q : List.of("channel=8&source=MOTION", "channel=x&source=MOTION", "source=MOTION",
                "channel=1&source=INPUT5", "channel=1", "channel=1&channel=2&source=MOTION", "channel=-1&source=MOTION")) {
            assertThat(http("POST", "/api/alarm?" + q, basic()).status()).as(q).isEqualTo(400);
        }
        assertThat(api.alarms().published()).isZero();
    }

    @Test
    void wrongMethod_405WithAllow() throws Exception {
        Response get = http("GET", "/api/alarm?channel=1&source=MOTION", basic());
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("POST");
        Response post = http("POST", "/snapshot/view0.jpg", basic());
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void unknownPathOrChannel_404() throws Exception {
        assertThat(http("GET", "/").status()).isEqualTo(404);
        assertThat(http("GET", "/snapshot/view8.jpg").status()).isEqualTo(404);
        assertThat(http("GET", "/snapshot/view.jpg").status()).isEqualTo(404);
        assertThat(http("GET", "/api/alarms").status()).isEqualTo(404);
    }

    @Test
    void malformedRequestLine_400() throws Exception {
        try (Socket s = new Socket("127.0.0.1", api.httpAddress().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Response r = read(s.getInputStream());
            assertThat(r.status()).isBetween(400, 499);
        }
    }

    @Test
    void snapshot_primaryChannel_decodableJpegOfD1Size() throws Exception {
        Response r = http("GET", "/snapshot/view0.jpg");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("image/jpeg");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(704);
        assertThat(image.getHeight()).isEqualTo(480);
    }

    @Test
    void snapshot_secondaryChannel_decodableJpegOfCifSize() throws Exception {
        Response r = http("GET", "/snapshot/view5.jpg");
        assertThat(r.status()).isEqualTo(200);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(image.getWidth()).isEqualTo(352);
        assertThat(image.getHeight()).isEqualTo(240);
    }

    @Test
    void snapshot_head_lengthWithoutBody() throws Exception {
        Response r = http("HEAD", "/snapshot/view1.jpg");
        assertThat(r.status()).isEqualTo(200);
        assertThat(Integer.parseInt(r.header("Content-Length"))).isGreaterThan(1000);
    }

    @Test
    void pipelinedRequests_snapshotThenAlarmThenSnapshot_answeredInOrder() throws Exception {
        try (Socket s = new Socket("127.0.0.1", api.httpAddress().getPort())) {
            s.setSoTimeout(10_000);
            String keepAlive = " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n";
            String requests = "GET /snapshot/view0.jpg" + keepAlive + "\r\n"
                    + "POST /api/alarm?channel=1&source=MOTION" + keepAlive + basic() + "\r\n\r\n"
                    + "HEAD /snapshot/view5.jpg" + keepAlive + "\r\n"
                    + "GET /nothing" + keepAlive + "Connection: close\r\n\r\n";
            s.getOutputStream().write(requests.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            Response first = read(in);
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("Content-Type")).isEqualTo("image/jpeg");
            Response second = read(in);
            assertThat(second.header("Content-Type")).isEqualTo("application/json");
            // HEAD: the length of the JPEG, no body.
            String headStatus = line(in);
            assertThat(headStatus).startsWith("HTTP/1.1 200");
            String l;
            boolean jpeg = false;
            while (!(l = line(in)).isEmpty()) {
                jpeg |= l.equalsIgnoreCase("content-type: image/jpeg");
            }
            assertThat(jpeg).isTrue();
            Response last = read(in);
            assertThat(last.status()).isEqualTo(404);
        }
    }

    @Test
    void snapshot_frameNumber_countsChannelFramesSinceStart() {
        Instant[] now = {NOW};
        TestPatternSnapshots snapshots = new TestPatternSnapshots(DeviceModel.DVS, () -> now[0]);
        now[0] = NOW.plusSeconds(2);
        // Same picture as a renderer showing frame 60 (2 s at 30 fps) and frame 30 (2 s at 15 fps) at that time.
        try (TestPatternRenderer primary = new TestPatternRenderer(0, 704, 480, FrameRate.of(30));
             TestPatternRenderer secondary = new TestPatternRenderer(4, 352, 240, FrameRate.of(15))) {
            assertThat(snapshots.jpeg(0)).hasValueSatisfying(
                    jpeg -> assertThat(jpeg).isEqualTo(primary.renderJpeg(60, now[0])));
            assertThat(snapshots.jpeg(4)).hasValueSatisfying(
                    jpeg -> assertThat(jpeg).isEqualTo(secondary.renderJpeg(30, now[0])));
        } finally {
            snapshots.close();
        }
    }

    @Test
    void snapshot_unservedChannelOfIpCamera_404() throws Exception {
        TestPatternSnapshots ipcam = new TestPatternSnapshots(DeviceModel.IPCAM, InstantSource.fixed(NOW));
        assertThat(ipcam.jpeg(1)).isEmpty();
        assertThat(ipcam.jpeg(4)).isPresent();
        assertThat(ipcam.jpeg(9)).isEqualTo(Optional.empty());
        ipcam.close();
    }
}
