package io.gscam.camera;

import io.gscam.camera.http.CameraApi;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.server.limits.ConnectionLimits;
import io.gscam.testkit.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The malformed-input catalogue (issue 12, DESIGN.md "Limits and defenses"): hostile inputs from
 * live555's CVE list, GStreamer's and gortsplib's histories and tests, and the issue's own list, each
 * sent to a running camera over a real socket, each answered with a 4xx/5xx (or MCTP's {@code @0})
 * or a clean close within a second, while a reader on another connection plays on without a gap over
 * 500 ms. The camera runs with a 400 ms header timeout and 400 ms MCTP silence, so an input that never
 * completes is closed within the second too; each hostile connection comes from its own loopback
 * address (127.0.0.x), so the per-address 401 delay of one case does not reach the next.
 */
class MalformedInputCatalogueTest {
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);
    private static final long MAX_GAP_MS = 500;
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(10);

    private static CameraServer camera;
    private static RtspTestClient reader;
    private static Thread readerThread;
    private static final AtomicLong frames = new AtomicLong();
    private static final AtomicLong lastFrameNanos = new AtomicLong();
    private static final AtomicLong worstGapNanos = new AtomicLong();
    private static volatile boolean stopping;
    private static volatile Throwable readerFailure;

    @BeforeAll
    static void startCameraAndReader() throws Exception {
        CameraConfig config = CameraConfig.defaults().toBuilder().bindAddress(InetAddress.getLoopbackAddress())
                .httpPort(0).rtspPort(0).sessionTimeout(Duration.ofMinutes(10))
                .limits(new ConnectionLimits(Duration.ofMillis(400), Duration.ofSeconds(5))).build();
        camera = new CameraServer(config, InstantSource.system(), System::nanoTime, new ChannelSources(config),
                CameraApi.Options.defaults().withHeartbeatSilence(Duration.ofMillis(400)), new Random(12));
        camera.start();
        reader = new RtspTestClient(camera.rtspAddress());
        String url = reader.base + "/0";
        assertThat(reader.login("admin", "admin", url).statusCode()).isEqualTo(200);
        RtspResponse setup = reader.request("SETUP", url + "/trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
        String session = setup.headers().get("Session").orElseThrow().split(";")[0];
        assertThat(reader.request("PLAY", url, "Session: " + session).statusCode()).isEqualTo(200);
        lastFrameNanos.set(System.nanoTime());
        readerThread = new Thread(MalformedInputCatalogueTest::read, "catalogue-reader");
        readerThread.setDaemon(true);
        readerThread.start();
        Await.until(RtspTestClient.AWAIT, "the reader receives media", () -> frames.get() > 10);
        worstGapNanos.set(0); // from here on: the wait for the stream to start is no gap
    }

    /** The reader: takes every frame and keeps the worst gap between two. */
    private static void read() {
        try {
            while (!stopping) {
                reader.nextFrame();
                long now = System.nanoTime();
                long gap = now - lastFrameNanos.getAndSet(now);
                worstGapNanos.accumulateAndGet(gap, Math::max);
                frames.incrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                readerFailure = e;
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        stopping = true;
        if (reader != null) {
            reader.close();
        }
        if (readerThread != null) {
            readerThread.join(TimeUnit.SECONDS.toMillis(10));
        }
        if (camera != null) {
            camera.close();
        }
    }

    @ParameterizedTest(name = "{index} {0} [{1}]")
    @MethodSource("catalogue")
    void hostileInput_isRefusedWithinASecond_whileTheReaderPlaysOn(String input, String source, Hostile hostile) throws Exception {
        long framesBefore = frames.get();
        Verdict verdict;
        try (Peer peer = new Peer()) {
            verdict = hostile.send(peer);
        }
        assertThat(verdict.refused()).as("%s: answered %s", input, verdict).isTrue();
        assertThat(verdict.millis()).as("%s: milliseconds to the answer", input).isLessThan(ANSWER_WITHIN.toMillis());
        Await.until(RtspTestClient.AWAIT, "the reader still receives media",
                () -> readerFailure != null || frames.get() > framesBefore + 5);
        assertThat(readerFailure).as("the reader's connection").isNull();
        assertThat(TimeUnit.NANOSECONDS.toMillis(worstGapNanos.get())).as("the reader's worst gap so far, ms")
                .isLessThanOrEqualTo(MAX_GAP_MS);
    }

    /** One hostile exchange: whatever setup it needs on the peer, then the hostile bytes and their verdict. */
    @FunctionalInterface
    interface Hostile {
        Verdict send(Peer p) throws Exception;
    }

    /** The hostile request's text, written once the peer is ready (after its login, say). */
    @FunctionalInterface
    interface Text {
        String of(Peer p) throws Exception;
    }

    /** As {@link Text}, inside the session the peer set up. */
    @FunctionalInterface
    interface SessionText {
        String of(Peer p, String session) throws Exception;
    }

    private static Hostile raw(String text) {
        return p -> p.rtsp(text);
    }

    private static String options(String requestLine, String... headers) {
        return requestLine + "\r\n" + String.join("", Stream.of(headers).map(h -> h + "\r\n").toList()) + "\r\n";
    }

    private static Hostile authed(Text request) {
        return p -> {
            p.login();
            return p.rtsp(request.of(p));
        };
    }

    private static Hostile inSession(SessionText request) {
        return p -> {
            p.login();
            String session = p.setup("interleaved=0-1");
            return p.rtsp(request.of(p, session));
        };
    }

    private static Hostile setupWith(String transport) {
        return authed(p -> p.request("SETUP", p.url + "/trackID=0", "Transport: " + transport));
    }

    private static Hostile playWithRange(String range) {
        return inSession((p, s) -> p.request("PLAY", p.url, "Session: " + s, "Range: " + range));
    }

    private static Hostile digest(String authorization) {
        return p -> p.rtsp(options("DESCRIBE " + p.url + " RTSP/1.0", "CSeq: 1", "Authorization: " + authorization));
    }

    private static Hostile http(Text request) {
        return p -> p.http(request.of(p));
    }

    private static Hostile mctp(String message) {
        return p -> p.rtsp(message);
    }

    private static final String BASIC_WRONG = "Basic " + Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8));
    private static final String BASIC_RIGHT = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

    static Stream<org.junit.jupiter.params.provider.Arguments> catalogue() {
        String u = "rtsp://127.0.0.1:554/0";
        return Stream.of(
                // ---- the request line ----
                c("leading space before the method", "live555 CVE-2013-6933", raw(options(" OPTIONS " + u + " RTSP/1.0", "CSeq: 1"))),
                c("leading tab before the method", "live555 CVE-2013-6934", raw(options("\tOPTIONS " + u + " RTSP/1.0", "CSeq: 1"))),
                c("a 20,000-byte method", "live555 CVE-2013-6933", raw(options("A".repeat(20_000) + " " + u + " RTSP/1.0", "CSeq: 1"))),
                c("a request line over 8 KiB", "gortsplib FuzzRequestUnmarshal", raw(options("OPTIONS rtsp://h/" + "x".repeat(9000) + " RTSP/1.0", "CSeq: 1"))),
                c("no version", "gortsplib FuzzRequestUnmarshal", raw(options("OPTIONS " + u, "CSeq: 1"))),
                c("four words", "gortsplib FuzzRequestUnmarshal", raw(options("OPTIONS " + u + " RTSP/1.0 extra", "CSeq: 1"))),
                c("RTSP/2.0", "issue 12 (answered 200 before)", raw(options("OPTIONS " + u + " RTSP/2.0", "CSeq: 1"))),
                c("RTSP/1.1", "issue 12", raw(options("OPTIONS " + u + " RTSP/1.1", "CSeq: 1"))),
                c("an HTTP/1.1 request line", "issue 12", raw(options("OPTIONS " + u + " HTTP/1.1", "CSeq: 1"))),
                c("a lower-case method", "gortsplib FuzzRequestUnmarshal", raw(options("options " + u + " RTSP/1.0", "CSeq: 1"))),
                c("NUL in the URI", "live555 CVE-2019-9215 (NUL bytes)", raw(options("OPTIONS rtsp://127.0.0.1/0\0x RTSP/1.0", "CSeq: 1"))),
                c("invalid UTF-8 in the request line", "gortsplib FuzzRequestUnmarshal", p -> p.rtsp(bytes("OPTIONS rtsp://h/\u00ff\u00fe RTSP/1.0\r\nCSeq: 1\r\n\r\n"))),
                c("binary garbage", "mediamtx#423 (garbage bytes from a client)", p -> p.rtsp(garbage(64, 1))),
                c("binary garbage with line ends", "mediamtx#423", p -> p.rtsp(garbage(512, 2))),
                c("half a request line, then silence", "issue 12 (half headers kept open forever)", raw("OPTIONS rtsp://127.0.0.1/0 RT")),
                c("a complete line, then silence", "issue 12", raw("OPTIONS rtsp://127.0.0.1/0 RTSP/1.0\r\nCSeq: 1\r\n")),
                c("empty lines only", "issue 12", raw("\r\n\r\n\r\n")),
                // ---- RTSP over HTTP tunnelling (not served) ----
                c("tunnel GET with x-sessioncookie", "GStreamer test_rtspconnection_tunnel_setup; live555 CVE-2019-6256",
                        raw(options("GET /0 HTTP/1.0", "Host: 127.0.0.1", "x-sessioncookie: 805849328", "Accept: application/x-rtsp-tunnelled"))),
                c("tunnel POST with a base64 body", "live555 CVE-2019-7314", raw(options("POST /0 HTTP/1.0", "x-sessioncookie: 805849328",
                        "Content-Type: application/x-rtsp-tunnelled", "Content-Length: 12") + "T1BUSU9OUyAq")),
                c("a 9 KB x-sessioncookie", "live555 CVE-2018-4013", raw(options("GET /0 HTTP/1.0", "x-sessioncookie: " + "9".repeat(9000)))),
                // ---- headers ----
                c("CSeq: abc", "issue 12 (answered 200 before)", raw(options("OPTIONS " + u + " RTSP/1.0", "CSeq: abc"))),
                c("no CSeq", "gortsplib ErrServerCSeqMissing", raw(options("OPTIONS " + u + " RTSP/1.0", "User-Agent: x"))),
                c("two CSeq headers", "gortsplib ErrServerCSeqMissing", raw(options("OPTIONS " + u + " RTSP/1.0", "CSeq: 1", "CSeq: 2"))),
                c("a negative CSeq", "gortsplib ErrServerCSeqMissing", raw(options("OPTIONS " + u + " RTSP/1.0", "CSeq: -1"))),
                c("a 30-digit CSeq", "issue 12", raw(options("OPTIONS " + u + " RTSP/1.0", "CSeq: " + "9".repeat(30)))),
                c("a header line without a colon", "gortsplib FuzzRequestUnmarshal", raw(options("OPTIONS " + u + " RTSP/1.0", "CSeq: 1", "no colon here"))),
                c("NUL in a header value", "live555 CVE-2019-9215 (NUL bytes)", raw(options("OPTIONS " + u + " RTSP/1.0", "CSeq: 1", "User-Agent: a\0b"))),
                c("headers over 64 KiB", "live555 CVE-2018-4013 (lookForHeader overflow)",
                        raw(options("OPTIONS " + u + " RTSP/1.0", Stream.concat(Stream.of("CSeq: 1"),
                                Stream.iterate(0, i -> i + 1).limit(70).map(i -> "X-Pad-" + i + ": " + "p".repeat(1000))).toArray(String[]::new)))),
                c("one 70 KiB header", "live555 CVE-2018-4013", raw(options("OPTIONS " + u + " RTSP/1.0", "CSeq: 1", "X-Big: " + "b".repeat(70_000)))),
                c("Content-Length past the 1 MiB limit", "issue 12 (live555: Content-Length past the buffer)",
                        raw(options("SET_PARAMETER " + u + " RTSP/1.0", "CSeq: 1", "Content-Length: 2000000"))),
                c("a negative Content-Length", "issue 12 (live555: Content-Length past the buffer)",
                        raw(options("SET_PARAMETER " + u + " RTSP/1.0", "CSeq: 1", "Content-Length: -5"))),
                c("a 20-digit Content-Length", "issue 12 (live555: Content-Length past the buffer)",
                        raw(options("SET_PARAMETER " + u + " RTSP/1.0", "CSeq: 1", "Content-Length: 99999999999999999999"))),
                c("a body shorter than its Content-Length, then silence", "issue 12 (live555: Content-Length past the buffer)",
                        raw(options("SET_PARAMETER " + u + " RTSP/1.0", "CSeq: 1", "Content-Length: 100") + "0123456789")),
                c("Content-Length: abc", "gortsplib FuzzRequestUnmarshal", raw(options("SET_PARAMETER " + u + " RTSP/1.0", "CSeq: 1", "Content-Length: abc"))),
                // ---- Digest ----
                c("Digest: NUL in the username", "live555 CVE-2019-9215 (parseAuthorizationHeader)",
                        digest("Digest username=\"ad\0min\", realm=\"Surveillance Server\", nonce=\"12345678\", uri=\"" + u + "\", response=\"00\"")),
                c("Digest: NUL in the response", "live555 CVE-2019-9215",
                        digest("Digest username=\"admin\", realm=\"Surveillance Server\", nonce=\"12345678\", uri=\"" + u + "\", response=\"\0\"")),
                c("Digest: an unterminated quote", "live555 CVE-2019-9215", digest("Digest username=\"admin")),
                c("Digest: a 10 KB nonce", "live555 CVE-2019-9215",
                        digest("Digest username=\"admin\", realm=\"Surveillance Server\", nonce=\"" + "1".repeat(10_000) + "\", uri=\"" + u + "\", response=\"00\"")),
                c("Digest without parameters", "gortsplib FuzzAuthorizationUnmarshal", digest("Digest")),
                c("Digest with a nonce never issued", "RFC 2617 3.2.1; issue 12", p -> {
                    String nonce = "99999999";
                    return p.rtsp(options("DESCRIBE " + p.url + " RTSP/1.0", "CSeq: 1", "Authorization: " + p.digestFor(nonce, "DESCRIBE")));
                }),
                c("Digest over another realm", "gortsplib FuzzAuthorizationUnmarshal",
                        digest("Digest username=\"admin\", realm=\"Other\", nonce=\"12345678\", uri=\"" + u + "\", response=\"0123456789abcdef0123456789abcdef\"")),
                c("Basic while the camera offers Digest only", "gortsplib FuzzAuthorizationUnmarshal", digest(BASIC_RIGHT)),
                c("an unknown scheme", "gortsplib FuzzAuthorizationUnmarshal", digest("Bearer abc")),
                c("Digest with a signed nc (-0000001)", "our DigestVerifierFuzzTest, crash negative-nc (Long.parseLong took the sign)",
                        digest("Digest username=\"admin\", realm=\"Surveillance Server\", nonce=\"12345678\", uri=\"" + u
                                + "\", response=\"0123456789abcdef0123456789abcdef\", cnonce=\"0a4f113b\", nc=-0000001, qop=auth")),
                c("a response of the wrong length", "live555 CVE-2019-9215",
                        digest("Digest username=\"admin\", realm=\"Surveillance Server\", nonce=\"12345678\", uri=\"" + u + "\", response=\"abc\"")),
                // ---- Transport ----
                c("client_port=0", "issue 12 (set up and played before); mediamtx#50", setupWith("RTP/AVP;unicast;client_port=0-1")),
                c("client_port=0-0", "mediamtx#50", setupWith("RTP/AVP;unicast;client_port=0-0")),
                c("client_port past 65535", "gortsplib FuzzTransportsUnmarshal", setupWith("RTP/AVP;unicast;client_port=65536-65537")),
                c("a third party's destination=", "issue 12 (destination= never honoured)", setupWith("RTP/AVP;unicast;destination=192.0.2.1;client_port=5000-5001")),
                c("multicast", "gortsplib FuzzTransportsUnmarshal", setupWith("RTP/AVP;multicast;port=5000-5001")),
                c("garbage before the Transport", "mediamtx#423", setupWith("\u00ff\u00feRTP/AVP/UDP;unicast;client_port=10542-10543")),
                c("no Transport header", "gortsplib#456", authed(p -> p.request("SETUP", p.url + "/trackID=0"))),
                c("interleaved=256-257", "gortsplib#652 (crash with an invalid SETUP)", setupWith("RTP/AVP/TCP;unicast;interleaved=256-257")),
                c("interleaved=a-b", "gortsplib#652", setupWith("RTP/AVP/TCP;unicast;interleaved=a-b")),
                c("a 9 KB interleaved= number", "live555 CVE-2018-4013", setupWith("RTP/AVP/TCP;unicast;interleaved=" + "9".repeat(9000))),
                // ---- sessions ----
                c("SETUP of the same track twice", "gortsplib TestServerPlaySetupErrors (double setup)",
                        inSession((p, s) -> p.request("SETUP", p.url + "/trackID=0", "Session: " + s, "Transport: RTP/AVP/TCP;unicast;interleaved=2-3"))),
                c("SETUP of another stream in the session", "gortsplib TestServerPlaySetupErrors (different paths)",
                        inSession((p, s) -> p.request("SETUP", p.base + "/1/trackID=0", "Session: " + s, "Transport: RTP/AVP/TCP;unicast;interleaved=2-3"))),
                c("a second session beside an interleaved one", "gortsplib ErrServerLinkedToOtherSession",
                        inSession((p, s) -> p.request("SETUP", p.url + "/trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=2-3"))),
                c("SETUP in another connection's session", "live555 CVE-2026-41470",
                        authed(p -> p.request("SETUP", p.url + "/trackID=1", "Session: " + p.othersSession(),
                                "Transport: RTP/AVP/TCP;unicast;interleaved=2-3"))),
                c("PLAY with another connection's session", "live555 CVE-2026-41470; gortsplib TestServerErrorInvalidSession",
                        authed(p -> p.request("PLAY", p.url, "Session: " + p.othersSession()))),
                c("TEARDOWN of another connection's session", "live555 CVE-2026-41470",
                        authed(p -> p.request("TEARDOWN", p.url, "Session: " + p.othersSession()))),
                c("PLAY without SETUP", "gortsplib TestServerErrorInvalidSession", authed(p -> p.request("PLAY", p.url))),
                c("PLAY of an unknown session", "gortsplib TestServerErrorInvalidSession", authed(p -> p.request("PLAY", p.url, "Session: 12345678"))),
                c("SETUP of a track the stream lacks", "gortsplib ErrServerMediaNotFound",
                        authed(p -> p.request("SETUP", p.url + "/trackID=9", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1"))),
                c("RECORD", "gortsplib TestServerErrorInvalidSession (RECORD)", authed(p -> p.request("RECORD", p.url))),
                c("ANNOUNCE with an SDP body", "gortsplib TestServerErrorInvalidSession (a camera records nothing)",
                        authed(p -> p.request("ANNOUNCE", p.url, "Content-Type: application/sdp", "Content-Length: 4") + "v=0\n")),
                // ---- Range ----
                c("Range: npt=-", "issue 12 (played before)", playWithRange("npt=-")),
                c("Range: npt=0-A", "issue 12 (played before)", playWithRange("npt=0-A")),
                c("Range: clock= with 100 characters", "issue 12 (played before)", playWithRange("clock=" + "A".repeat(100))),
                c("Range: a 20-digit npt", "gortsplib FuzzRangeUnmarshal", playWithRange("npt=99999999999999999999-")),
                c("Range: smpte= with a space", "gortsplib FuzzRangeUnmarshal", playWithRange("smpte=1 2-")),
                // ---- $ frames and responses ----
                c("a $ frame before SETUP", "gortsplib ErrServerUnexpectedFrame", p -> p.rtsp(frame(0, 12, 12))),
                c("a $ frame announcing 65535 bytes, sending 10", "gortsplib FuzzInterleavedFrameUnmarshal", p -> p.rtsp(frame(1, 65535, 10))),
                c("a $ frame on channel 255 after a login", "gortsplib ErrServerUnexpectedFrame", p -> {
                    p.login();
                    return p.rtsp(frame(255, 100, 100));
                }),
                c("a response sent to the camera", "gortsplib ErrServerUnexpectedResponse", raw("RTSP/1.0 200 OK\r\nCSeq: 1\r\n\r\n")),
                // ---- MCTP on the RTSP port ----
                c("MCTP: a field line that is no field", "issue 12 (MCTP)", mctp("CMD:ALIVE MCTP/1.0 CS\nnot a field line\nEND\n")),
                c("MCTP: registering a session that does not exist", "issue 12 (MCTP)", mctp("CMD:ALIVE MCTP/1.0 CS\n@12345678@0\nEND\n")),
                c("MCTP: alarms of a channel the camera lacks", "issue 12 (MCTP)", mctp("CMD:ALIVE MCTP/1.0 CS\n@FFFFFFFF@99\nEND\n")),
                c("MCTP: an unknown command, then silence", "issue 12 (MCTP)", mctp("CMD:REBOOT MCTP/1.0 CS\nEND\n")),
                c("MCTP: a 2,000-byte first line", "issue 12 (MCTP)", mctp("CMD:" + "A".repeat(2000) + " MCTP/1.0 CS\nEND\n")),
                c("MCTP: NUL in a field", "live555 CVE-2019-9215 (NUL bytes)", mctp("CMD:ALIVE MCTP/1.0 CS\n@1234\u00005678@0\nEND\n")),
                // ---- the HTTP API ----
                c("HTTP: alarm with a wrong password", "issue 12 (HTTP API)",
                        http(p -> options("POST /api/alarm?channel=0&source=MOTION HTTP/1.1", "Host: h", "Authorization: " + BASIC_WRONG, "Content-Length: 0"))),
                c("HTTP: alarm without credentials", "issue 12 (HTTP API)", http(p -> options("POST /api/alarm?channel=0&source=MOTION HTTP/1.1", "Host: h", "Content-Length: 0"))),
                c("HTTP: GET of the alarm", "issue 12 (HTTP API)", http(p -> options("GET /api/alarm HTTP/1.1", "Host: h"))),
                c("HTTP: a body past 16 KiB", "issue 12 (HTTP API)", http(p -> options("POST /api/alarm?channel=0&source=MOTION HTTP/1.1", "Host: h",
                        "Authorization: " + BASIC_RIGHT, "Content-Length: 100000") + "x".repeat(20_000))),
                c("HTTP: a 9 KB header", "live555 CVE-2018-4013 (HTTP header parsing)", http(p -> options("GET /snapshot/view0.jpg HTTP/1.1", "Host: h", "X-Big: " + "b".repeat(9000)))),
                c("HTTP: a channel the camera lacks", "issue 12 (HTTP API)", http(p -> options("GET /snapshot/view99.jpg HTTP/1.1", "Host: h"))),
                c("HTTP: a path going up", "issue 12 (HTTP API)", http(p -> options("GET /../../etc/passwd HTTP/1.1", "Host: h"))),
                c("HTTP: an alarm of channel abc", "issue 12 (HTTP API)",
                        http(p -> options("POST /api/alarm?channel=abc&source=MOTION HTTP/1.1", "Host: h", "Authorization: " + BASIC_RIGHT, "Content-Length: 0"))),
                c("HTTP: half a header, then silence", "issue 12 (half headers kept open forever)", http(p -> "GET /snapshot/view0.jpg HTTP/1.1\r\nHo")),
                c("HTTP: binary garbage", "mediamtx#423", p -> p.http(garbage(256, 3))));
    }

    private static org.junit.jupiter.params.provider.Arguments c(String input, String source, Hostile hostile) {
        return org.junit.jupiter.params.provider.Arguments.of(input, source, hostile);
    }

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Seeded random bytes that start with no RTSP, MCTP or {@code $} (they would be another case). */
    private static byte[] garbage(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        b[0] = (byte) 0xFF;
        return b;
    }

    /** A {@code $} frame header announcing {@code length} bytes, with {@code sent} of them. */
    private static byte[] frame(int channel, int length, int sent) {
        byte[] b = new byte[4 + sent];
        b[0] = '$';
        b[1] = (byte) channel;
        b[2] = (byte) (length >> 8);
        b[3] = (byte) length;
        return b;
    }

    /** What the camera did: a status code, an MCTP registration answer, a close, or nothing in time. */
    record Verdict(String what, int status, long millis) {
        static final int CLOSED = -1;
        static final int MCTP_REFUSED = -2;
        static final int MCTP_ACCEPTED = -3;
        static final int NOTHING = -4;

        boolean refused() {
            return status >= 400 || status == CLOSED || status == MCTP_REFUSED;
        }
    }

    /** A hostile client from its own loopback address: a few setup steps, then the hostile bytes. */
    static final class Peer implements AutoCloseable {
        private static final Pattern STATUS = Pattern.compile("^(?:RTSP|HTTP)/\\d\\.\\d (\\d{3})");
        private static final Pattern NONCE = Pattern.compile("nonce=\"(\\d{8})\"");
        final InetAddress local = address(NEXT_ADDRESS.getAndIncrement());
        final RtspTestClient client;
        final String base;
        final String url;
        private Socket httpSocket;
        private RtspTestClient other;

        Peer() throws IOException {
            client = new RtspTestClient(camera.rtspAddress(), 0, local);
            base = client.base;
            url = base + "/0";
        }

        private static InetAddress address(int n) {
            try {
                return InetAddress.getByAddress(new byte[] {127, 0, (byte) (n >> 8), (byte) n});
            } catch (UnknownHostException e) {
                throw new AssertionError(e);
            }
        }

        void login() throws IOException {
            expect(client.login("admin", "admin", url), 200);
        }

        /** SETUP of track 0 over TCP; the session id. */
        String setup(String interleaved) throws IOException {
            RtspResponse r = client.request("SETUP", url + "/trackID=0", "Transport: RTP/AVP/TCP;unicast;" + interleaved);
            expect(r, 200);
            return r.headers().get("Session").orElseThrow().split(";")[0];
        }

        /** A session another connection (from another address) set up, which stays open while this peer lives. */
        String othersSession() throws IOException {
            other = new RtspTestClient(camera.rtspAddress(), 0, address(NEXT_ADDRESS.getAndIncrement()));
            expect(other.login("admin", "admin", url), 200);
            RtspResponse r = other.request("SETUP", url + "/trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
            expect(r, 200);
            return r.headers().get("Session").orElseThrow().split(";")[0];
        }

        /** A request's text with the next CSeq and this peer's Authorization. */
        String request(String method, String uri, String... headers) {
            String[] all = Stream.concat(Stream.of("CSeq: 100", client.authorization(method, uri)), Stream.of(headers))
                    .toArray(String[]::new);
            return options(method + " " + uri + " RTSP/1.0", all);
        }

        /** Sends a request that must succeed first (a step, not the hostile input). */
        void expect(RtspResponse r, int status) {
            assertThat(r.statusCode()).as("setup step answered %s", r).isEqualTo(status);
        }

        /** The right digest of admin/admin over {@code nonce}, for a nonce the camera never issued. */
        String digestFor(String nonce, String method) {
            String ha1 = io.gscam.protocol.auth.DigestCalculator.ha1(io.gscam.protocol.auth.DigestAlgorithm.MD5, "admin",
                    "Surveillance Server", "admin", nonce, null);
            String response = io.gscam.protocol.auth.DigestCalculator.response(ha1, nonce,
                    io.gscam.protocol.auth.DigestCalculator.ha2(method, url));
            return "Digest username=\"admin\", realm=\"Surveillance Server\", nonce=\"" + nonce + "\", uri=\"" + url
                    + "\", response=\"" + response + "\"";
        }

        Verdict rtsp(String text) throws IOException {
            return rtsp(bytes(text));
        }

        Verdict rtsp(byte[] hostile) throws IOException {
            return exchange(client.socket, hostile);
        }

        Verdict http(String text) throws IOException {
            return http(bytes(text));
        }

        Verdict http(byte[] hostile) throws IOException {
            httpSocket = new Socket();
            httpSocket.bind(new InetSocketAddress(local, 0));
            httpSocket.connect(camera.api().orElseThrow().httpAddress(), 5000);
            return exchange(httpSocket, hostile);
        }

        /** Sends {@code hostile} and reads until a status line, an MCTP answer or the close, at most a second and a half. */
        private static Verdict exchange(Socket socket, byte[] hostile) throws IOException {
            socket.setSoTimeout(1500);
            OutputStream out = socket.getOutputStream();
            long start = System.nanoTime();
            try {
                out.write(hostile);
                out.flush();
            } catch (SocketException e) {
                return new Verdict("closed while sending", Verdict.CLOSED, elapsed(start)); // it stopped reading: a close
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[65536];
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException e) {
                    return new Verdict("nothing: " + text(got), Verdict.NOTHING, elapsed(start));
                } catch (SocketException e) {
                    return new Verdict("reset", Verdict.CLOSED, elapsed(start));
                }
                if (n < 0) {
                    return new Verdict("closed after: " + text(got), Verdict.CLOSED, elapsed(start));
                }
                got.write(buf, 0, n);
                Verdict v = judge(got.toByteArray(), start);
                if (v != null) {
                    return v;
                }
            }
        }

        /** The verdict in what came so far, skipping {@code $} frames; null while it is incomplete. */
        private static Verdict judge(byte[] b, long start) {
            int at = 0;
            while (at + 4 <= b.length && b[at] == '$') {
                at += 4 + ((b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF));
            }
            if (at >= b.length) {
                return null;
            }
            String rest = new String(b, at, b.length - at, StandardCharsets.ISO_8859_1);
            Matcher m = STATUS.matcher(rest);
            if (m.find() && rest.contains("\r\n")) {
                return new Verdict(rest.substring(0, rest.indexOf("\r\n")), Integer.parseInt(m.group(1)), elapsed(start));
            }
            if (rest.startsWith("CMD:") && rest.contains("END\n")) {
                return new Verdict(rest.trim(), rest.contains("@0\n") ? Verdict.MCTP_REFUSED : Verdict.MCTP_ACCEPTED, elapsed(start));
            }
            return null;
        }

        private static String text(ByteArrayOutputStream got) {
            String s = got.toString(StandardCharsets.ISO_8859_1);
            return s.length() > 200 ? s.substring(0, 200) + "..." : s;
        }

        private static long elapsed(long start) {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        }

        @Override
        public void close() throws IOException {
            client.close();
            if (httpSocket != null) {
                httpSocket.close();
            }
            if (other != null) {
                other.close();
            }
        }
    }
}
