package io.gscam.server;

import io.gscam.testkit.Peers;
import io.gscam.testkit.Ffmpeg;
import io.gscam.media.MediaKind;
import io.gscam.media.MediaSample;
import io.gscam.media.h264.AccessUnitSplitter;
import io.gscam.media.h264.H264PayloadWriter;
import io.gscam.media.rtp.RtpStreamPacketizer;
import io.gscam.protocol.grandstream.ServerHeader;
import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.server.auth.RequestAuthenticator;
import io.gscam.server.mctp.MctpConnectionHandler;
import io.gscam.server.session.SessionIdGenerator;
import io.gscam.server.session.SessionRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8's "done when": gscam-server serves a stream that is neither emulated nor from a file. The
 * test makes H.264 access units (ffmpeg's x264, 320x240), packetizes them itself with gscam-media's
 * H.264 payload writer (FU-A of 1024 bytes), and pushes the RTP packets through a provider of its own
 * at 25 frames per second; a real ffprobe reads the stream over RTSP/TCP and reports h264, 320x240.
 */
class PushedStreamFfprobeTest {
    private static final Duration PEER_DEADLINE = Duration.ofSeconds(30);
    private static final int FPS = 25;

    @TempDir
    Path dir;

    @Test
    void ffprobe_readsAStreamThatATestPushesThroughAProvider() throws Exception {
        Ffmpeg.assumeInstalled();
        List<AccessUnitSplitter.AccessUnit> units = encode();
        AccessUnitSplitter.AccessUnit first = units.get(0);
        assertThat(first.keyframe()).as("the encoded stream starts with an IDR").isTrue();
        String sprop = Base64.getEncoder().encodeToString(first.sps()) + "," + Base64.getEncoder().encodeToString(first.pps());

        PushedStream stream = PushedStream.h264(0x5eed_0001L, sprop, ServerHeader.PLAIN, System::nanoTime);
        ScheduledExecutorService producer = new ScheduledThreadPoolExecutor(1);
        SessionRegistry sessions = new SessionRegistry(InstantSource.system(), Duration.ofSeconds(60),
                new SessionIdGenerator(new SplittableRandom(1)));
        ServerConfig config = new ServerConfig(InetAddress.getLoopbackAddress(), 0, 0, 1 << 20, Duration.ofSeconds(1));
        try (RtspServer server = new RtspServer(config, sessions, stream.provider(), RequestAuthenticator.NONE,
                MctpConnectionHandler.CLOSE, InstantSource.system(), producer)) {
            server.start();
            RtpStreamPacketizer packetizer = new RtpStreamPacketizer(new H264PayloadWriter(1024, false), 96,
                    stream.track(0).ssrc(), stream.track(0).nextSequence());
            int[] next = {0};
            producer.scheduleAtFixedRate(() -> push(stream, packetizer, units.get(next[0]++ % units.size())),
                    0, 1000 / FPS, TimeUnit.MILLISECONDS);

            String url = "rtsp://127.0.0.1:" + server.rtspAddress().getPort() + "/0";
            String out = run("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-select_streams", "v:0",
                    "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", url);
            assertThat(out.strip()).isEqualTo("h264,320,240");
            assertThat(stream.packets().packetsProduced()).isPositive();
            assertThat(server.readerTotals().packetsSent()).as("packets the server sent to ffprobe").isPositive();
        } finally {
            producer.shutdownNow();
        }
        assertThat(stream.holds()).as("holds on the stream after the server closed").isZero();
    }

    /** One access unit as RTP packets, each serialised once, published to every reader. */
    private static void push(PushedStream stream, RtpStreamPacketizer packetizer, AccessUnitSplitter.AccessUnit unit) {
        PushedStream.Track track = stream.track(0);
        List<RtpPacket> packets = packetizer.packetize(
                new MediaSample(MediaKind.VIDEO, track.rtpTimeNow(), unit.data(), unit.keyframe()));
        track.nextSequence(packetizer.nextSequence());
        ByteBuf[] bufs = new ByteBuf[packets.size()];
        for (int i = 0; i < bufs.length; i++) {
            bufs[i] = Unpooled.wrappedBuffer(packets.get(i).toBytes());
        }
        try {
            stream.packets().publish(0, bufs, unit.keyframe());
        } finally {
            for (ByteBuf b : bufs) {
                b.release();
            }
        }
    }

    /** Two seconds of a test pattern, 320x240 at 25 fps, a keyframe each second with SPS and PPS before it. */
    private List<AccessUnitSplitter.AccessUnit> encode() throws Exception {
        Path h264 = dir.resolve("pattern.h264");
        run("ffmpeg", "-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=" + FPS,
                "-t", "2", "-c:v", "libx264", "-profile:v", "baseline", "-pix_fmt", "yuv420p",
                "-x264-params", "keyint=" + FPS + ":min-keyint=" + FPS + ":scenecut=0:repeat-headers=1",
                "-f", "h264", h264.toString());
        byte[] bytes = Files.readAllBytes(h264);
        AccessUnitSplitter splitter = new AccessUnitSplitter();
        List<AccessUnitSplitter.AccessUnit> units = new ArrayList<>(splitter.push(bytes, 0, bytes.length));
        units.addAll(splitter.finish());
        assertThat(units).hasSizeGreaterThanOrEqualTo(2 * FPS);
        return units;
    }

    /** Runs a peer to its end within the deadline; its standard output, or a failure with its error output. */
    private String run(String... command) {
        return Peers.run(PEER_DEADLINE, dir, List.of(command)).requireSuccess(command[0]).stdout();
    }
}
