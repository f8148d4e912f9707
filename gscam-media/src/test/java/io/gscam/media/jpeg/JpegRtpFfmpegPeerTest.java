package io.gscam.media.jpeg;

import io.gscam.testkit.FreePorts;
import io.gscam.testkit.PeerResult;
import io.gscam.testkit.Peers;
import io.gscam.testkit.Ffmpeg;
import io.gscam.media.MediaSample;
import io.gscam.media.rtp.RtpPayload;
import io.gscam.protocol.rtp.RtpPacket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RTP/JPEG against ffmpeg's own packetizer and depacketizer (libavformat rtpenc_jpeg, rtpdec_jpeg).
 * ffmpeg sends JFIF files over RTP to a socket of the test: the depacketizer rebuilds every frame
 * with the same type, size, tables and scan bytes as the file ffmpeg read. The packetizer sends
 * to ffmpeg reading an SDP file, with tables in-band (Q 255) and as a standard Q (1..99, no
 * tables): ffmpeg decodes the very pixels it decodes from the original file. Without restart markers only: ffmpeg 5.1's
 * packetizer sends a JFIF file with DRI as type 0/1 with no restart marker header (so the interval
 * is lost), and its depacketizer refuses types 64..127; JpegRoundTripTest covers types 64/65.
 */
class JpegRtpFfmpegPeerTest {
    private static final int FRAMES = 5;

    @BeforeAll
    static void ffmpeg() {
        Peers.assumeInstalled("ffmpeg");
    }

    @ParameterizedTest(name = "{0}x{1} sampling {2} quality {3}")
    @CsvSource({"352, 240, 0x22, 0.75", "352, 240, 0x21, 0.75", "704, 480, 0x22, 0.95", "64, 48, 0x21, 0.3"})
    void ffmpegSends_readerRebuildsEveryFrameExactly(int width, int height, String sampling, float quality,
                                                     @TempDir Path dir) throws Exception {
        List<byte[]> originals = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            byte[] jpeg = TestJpegs.jpeg(TestJpegs.pattern(width, height, i), Integer.decode(sampling), 0, quality, false);
            originals.add(jpeg);
            Files.write(dir.resolve(String.format("frame-%03d.jpg", i)), jpeg);
        }
        List<MediaSample> rebuilt = new ArrayList<>();
        JpegPayloadReader reader = new JpegPayloadReader(rebuilt::add);
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket rtp = new DatagramSocket(0, loopback); DatagramSocket rtcp = new DatagramSocket(0, loopback)) {
            rtp.setReceiveBufferSize(4 << 20);
            // -c:v copy: ffmpeg packetizes the very bytes of the files, so the frames can be compared.
            PeerResult sent = Peers.run(dir, "ffmpeg", "-nostdin", "-hide_banner", "-v", "error",
                    "-f", "image2", "-framerate", "10", "-i", "frame-%03d.jpg", "-c:v", "copy",
                    "-f", "rtp", "rtp://127.0.0.1:" + rtp.getLocalPort() + "?rtcpport=" + rtcp.getLocalPort());
            assertThat(sent.exit()).as(sent.stderr()).isZero();
            assertThat(sent.stderr()).isEmpty();
            // ffmpeg has exited, so every packet it sent is already in the socket's buffer.
            rtp.setSoTimeout(500);
            byte[] buffer = new byte[65536];
            while (rebuilt.size() < FRAMES) {
                DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
                try {
                    rtp.receive(datagram);
                } catch (SocketTimeoutException e) {
                    break;
                }
                RtpPacket packet = RtpPacket.parse(datagram.getData(), 0, datagram.getLength());
                assertThat(packet.payloadType()).isEqualTo(JpegPayloadFormat.STATIC_PAYLOAD_TYPE);
                reader.consume(packet);
            }
        }

        assertThat(reader.droppedSamples()).isZero();
        assertThat(rebuilt).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            JpegFrame original = JpegFrame.parse(originals.get(i));
            JpegFrame received = JpegFrame.parse(rebuilt.get(i).data());
            assertThat(received).as("frame %d", i).isEqualTo(original);
            JpegRoundTripTest.assertSamePixels(TestJpegs.decode(rebuilt.get(i).data()), TestJpegs.decode(originals.get(i)));
        }
        assertThat(rebuilt).extracting(MediaSample::rtpTimestamp).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "sampling {0} standard Q {1}")
    @CsvSource({"0x22, false", "0x22, true", "0x21, false", "0x21, true"})
    void ffmpegReceives_decodesTheSamePixelsAsFromTheFile(String sampling, boolean standardQ, @TempDir Path dir)
            throws Exception {
        int width = 352;
        int height = 240;
        byte[] jpeg = TestJpegs.jpeg(TestJpegs.pattern(width, height, 42), Integer.decode(sampling), 0, 0.75f, false);
        Files.write(dir.resolve("original.jpg"), jpeg);
        Ffmpeg.ffmpeg(dir, "-i", "original.jpg", "-f", "rawvideo", "-pix_fmt", "rgb24", "original.rgb");
        byte[] expected = Files.readAllBytes(dir.resolve("original.rgb"));
        JpegPayloadWriter writer = new JpegPayloadWriter(JpegPayloadWriter.DEFAULT_MAX_PAYLOAD_SIZE, standardQ);
        List<RtpPayload> payloads = writer.payloads(MediaSample.video(0, jpeg, true));
        // ImageIO's quality 0.75 is IJG scaling, which is RFC 2435's: Q 75 when asked for a standard Q.
        assertThat(payloads.get(0).bytes()[5] & 0xFF).isEqualTo(standardQ ? 75 : 255);

        int port = FreePorts.evenUdpPair();
        Files.writeString(dir.resolve("in.sdp"), "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=gscam\r\nc=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\nm=video " + port + " RTP/AVP 26\r\na=rtpmap:26 JPEG/90000\r\n");
        int frames = 3;
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-hide_banner", "-v", "error",
                "-protocol_whitelist", "file,udp,rtp", "-i", "in.sdp", "-frames:v", Integer.toString(frames),
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-y", "received.rgb")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramSocket sender = new DatagramSocket(0, loopback)) {
            // Send frame after frame, 25 a second, until ffmpeg has decoded what it was asked for:
            // it may start listening after the first frames went out.
            int sequence = 0;
            long deadline = System.nanoTime() + 30_000_000_000L;
            for (long timestamp = 0; ffmpeg.isAlive() && System.nanoTime() < deadline; timestamp += 3600) {
                for (int i = 0; i < payloads.size(); i++) {
                    byte[] packet = RtpPacket.builder().payloadType(26).sequenceNumber(sequence++ & 0xFFFF)
                            .timestamp(timestamp).ssrc(0x4a504547L).marker(i == payloads.size() - 1)
                            .payload(payloads.get(i).bytes()).build().toBytes();
                    sender.send(new DatagramPacket(packet, packet.length, loopback, port));
                }
                ffmpeg.waitFor(40, TimeUnit.MILLISECONDS);
            }
        } finally {
            if (!ffmpeg.waitFor(5, TimeUnit.SECONDS)) {
                ffmpeg.destroyForcibly();
            }
        }

        String log = Files.readString(dir.resolve("ffmpeg.log"));
        assertThat(ffmpeg.exitValue()).as(log).isZero();
        // ffmpeg may open its port in the middle of a frame's packets (it starts when it starts): that
        // frame it drops, saying so. Anything else it says is a failure.
        assertThat(log.lines()
                .filter(l -> !l.endsWith("Received packet without a start chunk; dropping frame."))
                .filter(l -> !l.strip().matches("Last message repeated \\d+ times")))
                .isEmpty();
        byte[] received = Files.readAllBytes(dir.resolve("received.rgb"));
        assertThat(received.length).as(log).isEqualTo(frames * expected.length);
        for (int f = 0; f < frames; f++) {
            assertThat(Arrays.equals(received, f * expected.length, (f + 1) * expected.length, expected, 0, expected.length))
                    .as("frame %d decodes as the file does", f).isTrue();
        }
    }
}
