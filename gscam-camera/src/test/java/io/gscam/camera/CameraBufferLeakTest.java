package io.gscam.camera;

import io.gscam.testkit.Await;
import io.gscam.server.mctp.MctpConnectionHandler;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetric;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input rules' "no session or buffer is leaked", counted: the camera's RTP packets come from
 * an unpooled allocator whose metric says how many bytes are still allocated. After clients that
 * vanish mid-stream (TCP and UDP), a TEARDOWN, a PAUSE and 200 connections opened and dropped, once
 * the streams have stopped (the UDP one by the session timeout), nothing is still allocated, and no session, connection or reader is left.
 */
class CameraBufferLeakTest {
    private final AtomicLong allocations = new AtomicLong();
    private final UnpooledByteBufAllocator unpooled = new UnpooledByteBufAllocator(true);
    /** The camera's packet allocator: the unpooled one, counting what it hands out. */
    private final ByteBufAllocator packets = new AbstractByteBufAllocator(true) {
        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            allocations.incrementAndGet();
            return unpooled.directBuffer(initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            allocations.incrementAndGet();
            return unpooled.heapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    };
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
    private CameraServer camera;

    @AfterEach
    void stop() {
        if (camera != null) {
            camera.close();
        }
    }

    private long allocated() {
        ByteBufAllocatorMetric m = unpooled.metric();
        return m.usedDirectMemory() + m.usedHeapMemory();
    }

    @Test
    void vanishingClients_teardown_pause_and200DroppedConnections_leaveNoBufferSessionOrReader() throws Exception {
        CameraConfig c = CameraConfig.defaults().toBuilder().bindAddress(InetAddress.getLoopbackAddress()).rtspPort(0)
                .streamLinger(Duration.ofMillis(50)).build();
        camera = new CameraServer(c, now::get, System::nanoTime, new ChannelSources(c),
                MctpConnectionHandler.CLOSE, new Random(3), packets);
        camera.start();

        try (RtspTestClient staying = new RtspTestClient(camera.rtspAddress())) {
            String stayingSession = CameraServerTest.playTcp(staying, "/0");
            staying.nextInterleaved();
            assertThat(allocations.get()).as("RTP packets taken from the counted allocator").isPositive();

            // A TCP reader that vanishes mid-stream (RST, no TEARDOWN).
            RtspTestClient vanishing = new RtspTestClient(camera.rtspAddress());
            CameraServerTest.playTcp(vanishing, "/0");
            vanishing.nextInterleaved();
            vanishing.socket.setSoLinger(true, 0);
            vanishing.close();

            // A UDP reader whose RTSP connection goes away: its session lives on until the session timeout.
            try (DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                RtspTestClient udp = new RtspTestClient(camera.rtspAddress());
                udp.login("admin", "admin", udp.base + "/4");
                int port = rtp.getLocalPort();
                String session = udp.request("SETUP", udp.base + "/4/trackID=0",
                        "Transport: RTP/AVP;unicast;client_port=" + port + "-" + (port + 1)).headers().get("Session").orElseThrow().substring(0, 8);
                assertThat(udp.request("PLAY", udp.base + "/4", "Session: " + session).statusCode()).isEqualTo(200);
                udp.close();
            }

            // One that pauses, plays again and tears down.
            try (RtspTestClient polite = new RtspTestClient(camera.rtspAddress())) {
                String session = CameraServerTest.playTcp(polite, "/4");
                polite.nextInterleaved();
                assertThat(polite.request("PAUSE", polite.base + "/4", "Session: " + session).statusCode()).isEqualTo(200);
                assertThat(polite.request("PLAY", polite.base + "/4", "Session: " + session).statusCode()).isEqualTo(200);
                polite.nextInterleaved();
                assertThat(polite.request("TEARDOWN", polite.base + "/4", "Session: " + session).statusCode()).isEqualTo(200);
            }

            for (int i = 0; i < 200; i++) {
                try (Socket s = new Socket()) {
                    s.connect(camera.rtspAddress(), 5000);
                    if (i % 2 == 0) {
                        s.getOutputStream().write("DESCRIBE rtsp://127.0.0.1/0 RTSP/1.0\r\nCSeq: 1\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    s.setSoLinger(true, 0);
                }
            }
            Await.until(RtspTestClient.AWAIT, "only the staying client's connection, its session and the UDP session to remain", () -> camera.openConnections() == 1 && camera.sessions().openSessions() == 2);
            now.set(now.get().plusSeconds(60));
            assertThat(staying.request("GET_PARAMETER", staying.base + "/0", "Session: " + stayingSession).statusCode()).isEqualTo(200);
            now.set(now.get().plusSeconds(61));
            assertThat(camera.sessions().expireIdle()).as("the UDP session, 121 s without a request").isEqualTo(1);
            Await.until(RtspTestClient.AWAIT, "the UDP session to end", () -> camera.sessions().openSessions() == 1);
            assertThat(camera.activeReaders()).isEqualTo(1);
            for (int i = 0; i < 30; i++) {
                staying.nextInterleaved();
            }
            assertThat(staying.request("TEARDOWN", staying.base + "/0", "Session: " + stayingSession).statusCode()).isEqualTo(200);
        }
        Await.until(RtspTestClient.AWAIT, "every connection, session and stream to end", () -> camera.openConnections() == 0 && camera.sessions().openSessions() == 0
                && camera.activeReaders() == 0 && camera.runningStreams().isEmpty());
        Await.until(RtspTestClient.AWAIT, "every RTP packet buffer to be released (" + allocated() + " bytes left)", () -> allocated() == 0);
        assertThat(allocated()).isZero();
    }
}
