package io.gscam.camera;

import io.gscam.testkit.Await;
import io.gscam.camera.http.CameraApi;
import io.gscam.protocol.rtsp.RtspResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The MCTP heartbeat wired into the real camera: the sniffer, RTSP sessions and the silence rule. */
class CameraHeartbeatTest {
    private CameraServer camera;

    @AfterEach
    void stop() {
        if (camera != null) {
            camera.close();
        }
    }

    private void start(Duration silence) throws Exception {
        CameraConfig c = CameraConfig.defaults().toBuilder().bindAddress(InetAddress.getLoopbackAddress())
                .rtspPort(0).httpPort(0).build();
        camera = new CameraServer(c, InstantSource.system(), System::nanoTime, new ChannelSources(c),
                CameraApi.Options.defaults().withHeartbeatSilence(silence), new Random(7));
        camera.start();
    }

    private static String readMessage(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = "";
        while (!text.endsWith("END\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after '" + text + "'");
            }
            out.write(b);
            text = out.toString(StandardCharsets.US_ASCII);
        }
        return text;
    }

    private static boolean closedByPeer(Socket s) throws IOException {
        try {
            while (s.getInputStream().read() >= 0) {
                // drain until the camera closes
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private String setUp(RtspTestClient c) throws IOException {
        c.login("admin", "admin", c.base + "/0");
        RtspResponse video = c.request("SETUP", c.base + "/0/trackID=0", "Transport: RTP/AVP/TCP;unicast;interleaved=0-1");
        assertThat(video.statusCode()).isEqualTo(200);
        return video.headers().get("Session").orElseThrow().substring(0, 8);
    }

    @Test
    void heartbeatOnRtspPort_registersLiveSession_andItsSilenceClosesSessionAndRtspConnection() throws Exception {
        start(Duration.ofMillis(500));
        try (RtspTestClient rtsp = new RtspTestClient(camera.rtspAddress());
             Socket mctp = new Socket(camera.rtspAddress().getAddress(), camera.rtspAddress().getPort())) {
            mctp.setSoTimeout(10_000);
            String session = setUp(rtsp);
            mctp.getOutputStream().write(("CMD:ALIVE MCTP/1.0 CS\n@" + session + "@0\nEND\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(readMessage(mctp)).isEqualTo("CMD:ALIVE MCTP/1.0 SC\n@" + session + "@0@1\nEND\n");

            assertThat(closedByPeer(mctp)).isTrue();
            assertThat(rtsp.closedByServer()).isTrue();
            Await.until(RtspTestClient.AWAIT, "session closed by the heartbeat rule", () -> camera.sessions().openSessions() == 0);
        }
    }

    @Test
    void registrationForWrongChannel_answersZero_andRtspSessionStays() throws Exception {
        start(Duration.ofSeconds(10));
        try (RtspTestClient rtsp = new RtspTestClient(camera.rtspAddress());
             Socket mctp = new Socket(camera.rtspAddress().getAddress(), camera.rtspAddress().getPort())) {
            mctp.setSoTimeout(10_000);
            String session = setUp(rtsp);
            mctp.getOutputStream().write(("CMD:ALIVE MCTP/1.0 CS\n@" + session + "@3\nEND\n").getBytes(StandardCharsets.US_ASCII));
            assertThat(readMessage(mctp)).isEqualTo("CMD:ALIVE MCTP/1.0 SC\n@" + session + "@3@0\nEND\n");
            assertThat(camera.sessions().find(session)).isPresent();
            assertThat(camera.api().orElseThrow().mctpService().heartbeats()).isZero();
        }
    }
}
