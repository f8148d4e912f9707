package io.gscam.nvr;

import io.gscam.server.limits.ConnectionLimits;
import io.gscam.testkit.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The NVR's HTTP side under DESIGN.md's limits, over real sockets: an address that keeps sending the
 * wrong password gets its 401s late while another address is answered at once, and a request left
 * half-sent is closed by the header timeout — the configured one ({@code limits.headerTimeout}, 2 s
 * here), on the HTTP port and on the relay's RTSP port alike; so is a silent connection by the idle
 * timeout ({@code limits.idleTimeout}).
 */
class NvrHttpLimitsTest {
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(2);
    private static final String RIGHT = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));
    private static final String WRONG = "Basic " + Base64.getEncoder().encodeToString("admin:guess".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path data;
    private Nvr nvr;

    @BeforeEach
    void start() throws Exception {
        nvr = Nvr.start(TestNvr.config(data).withLimits(new ConnectionLimits(HEADER_TIMEOUT, Duration.ofSeconds(60))),
                TestNvr.options(Duration.ofSeconds(60)));
    }

    @AfterEach
    void stop() {
        if (nvr != null) {
            nvr.close();
        }
    }

    private Socket connectFrom(String local) throws IOException {
        return connectFrom(local, nvr.httpAddress().getPort());
    }

    private Socket connectFrom(String local, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    private static void send(Socket s, String text) throws IOException {
        s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** Reads one response's head; its status line. */
    private static String statusLine(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().contains("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) b);
        }
        String h = head.toString();
        int length = 0;
        for (String line : h.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
        return h.substring(0, h.indexOf("\r\n"));
    }

    private static String wrongPassword() {
        return "GET /api/cameras HTTP/1.1\r\nHost: h\r\nAuthorization: " + WRONG + "\r\n\r\n";
    }

    @Test
    void anAddressThatKeepsFailing_waitsForItsSixth401_whileAnotherIsAnsweredAtOnce() throws Exception {
        try (Socket attacker = connectFrom("127.0.0.3"); Socket other = connectFrom("127.0.0.4")) {
            for (int i = 0; i < 5; i++) {
                send(attacker, wrongPassword());
                assertThat(statusLine(attacker)).as("failure " + (i + 1)).isEqualTo("HTTP/1.1 401 Unauthorized");
            }
            send(attacker, wrongPassword());
            send(other, wrongPassword());
            assertThat(statusLine(other)).as("another address, meanwhile").isEqualTo("HTTP/1.1 401 Unauthorized");
            assertThat(attacker.getInputStream().available()).as("the sixth failure's 401 is still held").isZero();
            assertThat(statusLine(attacker)).as("and comes a second later").isEqualTo("HTTP/1.1 401 Unauthorized");
        }
    }

    @Test
    void halfAHeader_isClosedByTheConfiguredHeaderTimeout_whileAnIdleConnectionIsNotYet() throws Exception {
        try (Socket half = connectFrom("127.0.0.5"); Socket idle = connectFrom("127.0.0.6")) {
            send(half, "GET /api/cameras HTTP/1.1\r\nHost: h\r\nAuthoriza");
            assertClosedByTheHeaderTimeout(half);
            idle.setSoTimeout(1);
            try {
                assertThat(idle.getInputStream().read()).as("the idle connection (60 s) is still open").isNotEqualTo(-1);
            } catch (SocketTimeoutException expected) {
                // still open: nothing to read, no end of stream
            }
        }
        try (Socket relay = connectFrom("127.0.0.7", nvr.rtspAddress().getPort())) {
            send(relay, "OPTIONS rtsp://127.0.0.1/cam RTSP/1.0\r\nCSe");
            assertClosedByTheHeaderTimeout(relay);
        }
        Await.until(Duration.ofSeconds(5), "the NVR still answers", () -> {
            try {
                return TestNvr.get(nvr, "/api/cameras").statusCode() == 200;
            } catch (IOException | InterruptedException e) {
                return false;
            }
        });
    }

    @Test
    void silentConnections_areClosedByTheConfiguredIdleTimeout_afterARequestOrWithout() throws Exception {
        nvr.close();
        Duration idleTimeout = Duration.ofSeconds(2);
        nvr = Nvr.start(TestNvr.config(data).withLimits(new ConnectionLimits(Duration.ofSeconds(10), idleTimeout)),
                TestNvr.options(Duration.ofSeconds(60)));
        try (Socket silent = connectFrom("127.0.0.8"); Socket served = connectFrom("127.0.0.9");
             Socket relay = connectFrom("127.0.0.10", nvr.rtspAddress().getPort())) {
            long start = System.nanoTime();
            send(served, "GET /api/cameras HTTP/1.1\r\nHost: h\r\nAuthorization: " + RIGHT + "\r\n\r\n");
            assertThat(statusLine(served)).as("a keep-alive request, answered").isEqualTo("HTTP/1.1 200 OK");
            for (Socket s : new Socket[] {silent, served, relay}) {
                s.setSoTimeout(15_000);
                assertThat(s.getInputStream().read()).as("closed, nothing more sent").isEqualTo(-1);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no sooner than the idle timeout")
                    .isGreaterThan(idleTimeout.minusMillis(500));
        }
    }

    private static void assertClosedByTheHeaderTimeout(Socket half) throws IOException {
        half.setSoTimeout(15_000);
        long start = System.nanoTime();
        assertThat(half.getInputStream().read()).as("closed, nothing answered").isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no sooner than the configured timeout")
                .isGreaterThan(HEADER_TIMEOUT.minusMillis(500));
    }
}
