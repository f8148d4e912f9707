package io.gscam.client;

import io.gscam.protocol.rtp.ReceiverReport;
import io.gscam.protocol.rtp.ReportBlock;
import io.gscam.protocol.rtp.RtcpCompound;
import io.gscam.protocol.rtp.RtcpPacket;
import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.protocol.rtp.SenderReport;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * UDP behaviour that needs a server which misbehaves on purpose or shows what it receives: AUTO
 * falling back to TCP when UDP carries nothing, and RTCP receiver reports sent to the server's RTCP port.
 */
class ScriptedUdpTest {
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=gscam test\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=control:trackID=0\r\na=rtpmap:96 H264/90000\r\n"
            + "a=fmtp:96 packetization-mode=1; sprop-parameter-sets=Z0LgHtoCwPRA,aM4wpIA=\r\n";
    private static final String SESSION = "12345678";

    @RegisterExtension
    final ClientFixture fixture = new ClientFixture(1);
    private final GsCamClient client = fixture.client();

    /** Answers every request; SETUP over UDP with {@code serverPorts}, TCP as asked; on PLAY calls {@code onPlay}. */
    private abstract static class UdpCamera implements FakeRtspServer.Script {
        final String serverPorts;
        volatile int clientRtpPort;

        UdpCamera(String serverPorts) {
            this.serverPorts = serverPorts;
        }

        abstract void onPlay(FakeRtspServer.Connection c, boolean tcp) throws IOException;

        @Override
        public void onRequest(FakeRtspServer.Connection c, RtspRequest r) throws IOException {
            switch (r.method().name()) {
                case "OPTIONS" -> c.respond(r, "200 OK", "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER\r\n", "");
                case "DESCRIBE" -> c.respond(r, "200 OK", "Content-Type: application/sdp\r\nContent-Base: " + r.uri() + "/\r\n", SDP);
                case "SETUP" -> {
                    String transport = r.header("Transport").orElseThrow();
                    if (transport.contains("TCP")) {
                        c.respond(r, "200 OK", "Session: " + SESSION + ";timeout=60\r\nTransport: " + transport + "\r\n", "");
                    } else {
                        Matcher m = Pattern.compile("client_port=(\\d+)").matcher(transport);
                        assertThat(m.find()).isTrue();
                        clientRtpPort = Integer.parseInt(m.group(1));
                        c.respond(r, "200 OK", "Session: " + SESSION + ";timeout=60\r\nTransport: " + transport
                                + ";server_port=" + serverPorts + "\r\n", "");
                    }
                }
                case "PLAY" -> {
                    c.respond(r, "200 OK", "Session: " + SESSION + "\r\n", "");
                    onPlay(c, clientRtpPort == 0 || c.index > 0);
                }
                default -> c.respond(r, "200 OK", "Session: " + SESSION + "\r\n", "");
            }
        }
    }

    @Test
    void auto_udpSetUpButSilent_fallsBackToTcpAfterTheTimeout() throws Exception {
        FakeRtspServer server = fixture.server(new UdpCamera("6970-6971") {
            @Override
            void onPlay(FakeRtspServer.Connection c, boolean tcp) throws IOException {
                if (tcp) { // the UDP session gets nothing: a firewall, a NAT, a camera sending elsewhere
                    for (RtpPacket p : ScriptedServerTest.packets(5)) {
                        c.send(new InterleavedFrame(0, p.toBytes()).toBytes());
                    }
                }
            }
        });
        CameraSession s = client.open(CameraOptions.builder(server.url(null, "/0")).transport(Transport.AUTO)
                .udpFallbackTimeout(Duration.ofMillis(500)).udpPortRange(41000, 41999).build());

        StreamInfo info = s.awaitPlaying(Duration.ofSeconds(10));
        List<CameraEvent> events = SessionEvents.takeUntil(s, Duration.ofSeconds(10), "5 video frames",
                list -> SessionEvents.count(list, VideoFrame.class) >= 5);

        assertThat(events.stream().filter(VideoFrame.class::isInstance).count()).isEqualTo(5);
        List<StateChange> changes = events.stream().filter(StateChange.class::isInstance).map(StateChange.class::cast).toList();
        // Never "playing over UDP" from a UDP session that carried nothing: awaitPlaying (and probe) see TCP.
        assertThat(info.transport()).isEqualTo(Transport.TCP);
        assertThat(changes).extracting(StateChange::state).containsExactly(
                CameraState.CONNECTING, CameraState.CONNECTING, CameraState.PLAYING);
        assertThat(changes.get(1).reason()).isEqualTo("no UDP packets within 500 ms, falling back to TCP");
        List<Transport> transports = events.stream().filter(StreamInfo.class::isInstance)
                .map(e -> ((StreamInfo) e).transport()).toList();
        assertThat(transports).containsExactly(Transport.TCP);
        assertThat(s.streamInfo().orElseThrow().transport()).isEqualTo(Transport.TCP);
        assertThat(s.state()).isEqualTo(CameraState.PLAYING);
        // The silent UDP session was torn down before TCP was set up, and a fallback is not a reconnect.
        assertThat(server.methods()).containsSubsequence("SETUP", "PLAY", "TEARDOWN", "SETUP", "PLAY");
        assertThat(s.statistics().reconnects()).isZero();
    }

    @Test
    void udp_receiverReportsReachTheServersRtcpPort() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        DatagramSocket rtp = new DatagramSocket(0, loopback);
        DatagramSocket rtcp = new DatagramSocket(0, loopback);
        fixture.closeAfter(rtp);
        fixture.closeAfter(rtcp);
        List<RtpPacket> packets = ScriptedServerTest.packets(5);
        FakeRtspServer server = fixture.server(new UdpCamera(rtp.getLocalPort() + "-" + rtcp.getLocalPort()) {
            @Override
            void onPlay(FakeRtspServer.Connection c, boolean tcp) throws IOException {
                for (RtpPacket p : packets) {
                    byte[] b = p.toBytes();
                    rtp.send(new DatagramPacket(b, b.length, loopback, clientRtpPort));
                }
                byte[] sr = RtcpCompound.write(List.of(new SenderReport(0x1234L, 0x0102030405060708L, 1000L, 5, 50, List.of())));
                rtcp.send(new DatagramPacket(sr, sr.length, loopback, clientRtpPort + 1));
            }
        });
        CameraSession s = client.open(CameraOptions.builder(server.url(null, "/0")).transport(Transport.UDP)
                .udpPortRange(42000, 42999).build());
        s.awaitPlaying(Duration.ofSeconds(10));

        rtcp.setSoTimeout(10_000); // the first report is due 5 s after PLAY
        DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
        rtcp.receive(in);

        assertThat(in.getPort()).as("sent from the client's RTCP port").isEqualTo(server.requests.stream()
                .filter(r -> r.method().name().equals("SETUP")).findFirst().map(r -> {
                    Matcher m = Pattern.compile("client_port=\\d+-(\\d+)").matcher(r.header("Transport").orElseThrow());
                    assertThat(m.find()).isTrue();
                    return Integer.parseInt(m.group(1));
                }).orElseThrow());
        List<RtcpPacket> compound = RtcpCompound.parse(in.getData(), 0, in.getLength());
        assertThat(compound.get(0)).isInstanceOf(ReceiverReport.class);
        ReceiverReport rr = (ReceiverReport) compound.get(0);
        assertThat(rr.reportBlocks()).hasSize(1);
        ReportBlock block = rr.reportBlocks().get(0);
        assertThat(block.ssrc()).isEqualTo(0x1234L);
        assertThat(block.cumulativeLost()).isZero();
        assertThat(block.extendedHighestSequence() & 0xFFFF).isEqualTo(packets.get(packets.size() - 1).sequenceNumber());
        assertThat(block.lastSenderReport()).as("middle 32 bits of the SR's NTP time").isEqualTo(0x03040506L);
        assertThat(compound).hasSizeGreaterThan(1); // RFC 3550 6.1: a compound packet carries an SDES CNAME
    }
}
