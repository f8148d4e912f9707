package io.gscam.cli.client;

import io.gscam.testkit.Ffmpeg;
import io.gscam.testkit.Peers;
import io.gscam.cli.CommandRun;
import io.gscam.media.g726.G726Decoder;
import io.gscam.media.g726.G726Encoder;
import io.gscam.media.g726.G726Packing;
import io.gscam.media.g726.G726Rate;
import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.protocol.rtsp.InterleavedFrame;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code record} and {@code probe} with {@code --g726-packing}, against a camera that labels its
 * G.726 {@code G726-32} (RFC 3551, LSB-first) but packs it AAL2-style (MSB-first), as some firmware
 * does: with {@code --g726-packing aal2} the recording decodes in ffmpeg to exactly what the camera
 * encoded; as labelled, to something else.
 */
class G726PackingCommandsTest {
    private static final int PACKETS = 100;
    private static final int SAMPLES_PER_PACKET = 160;
    private static final Pattern AUDIO_FRAMES = Pattern.compile("(\\d+) audio frames");

    private final short[] pcm = new short[PACKETS * SAMPLES_PER_PACKET];
    private byte[][] payloads;
    private MislabellingCamera camera;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * 700 * i / 8000.0));
        }
        G726Encoder encoder = new G726Encoder(G726Rate.KBPS_32, G726Packing.AAL2_BE);
        payloads = new byte[PACKETS][];
        for (int p = 0; p < PACKETS; p++) {
            payloads[p] = encoder.encode(Arrays.copyOfRange(pcm, p * SAMPLES_PER_PACKET, (p + 1) * SAMPLES_PER_PACKET));
        }
        camera = new MislabellingCamera(payloads);
    }

    @AfterEach
    void stop() throws IOException {
        camera.close();
    }

    @Test
    void record_g726PackingAal2_mislabelledStreamDecodesToWhatTheCameraEncoded() throws Exception {
        short[] recorded = record("aal2.mkv", "--g726-packing", "aal2");

        assertThat(recorded).isEqualTo(meant(recorded.length));
    }

    @Test
    void record_asLabelled_mislabelledStreamDecodesToSomethingElse() throws Exception {
        short[] recorded = record("labelled.mkv");

        assertThat(recorded).isNotEqualTo(meant(recorded.length));
    }

    @Test
    void record_g726PackingRfc3551_isWhatTheLabelSaysSoStillWrong() throws Exception {
        short[] recorded = record("rfc3551.mkv", "--g726-packing", "RFC3551");

        assertThat(recorded).isNotEqualTo(meant(recorded.length));
    }

    @Test
    void probe_g726PackingAal2_namesTheLabelAndThePackingReadWith() {
        CommandRun json = CommandRun.of("probe", camera.url(), "--json", "--measure", "0.2", "--g726-packing", "aal2");
        CommandRun text = CommandRun.of("probe", camera.url(), "--measure", "0.2", "--g726-packing", "aal2");
        CommandRun plain = CommandRun.of("probe", camera.url(), "--json", "--measure", "0.2");

        assertThat(json.exitCode()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"codec\":\"G726-32\",\"payloadType\":97,\"clockRate\":8000,\"sampleRate\":8000,"
                + "\"channels\":1,\"packing\":\"aal2\"");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("audio G726-32 (payload type 97, clock 8000 Hz): 8000 Hz, mono, "
                + "aal2 packing (--g726-packing, labelled otherwise)");
        assertThat(plain.exitCode()).as(plain.err()).isZero();
        assertThat(plain.out()).contains("\"channels\":1,\"packing\":\"rfc3551\"");
    }

    @Test
    void help_recordAndProbe_documentTheOption() {
        for (String command : new String[] {"record", "probe"}) {
            CommandRun help = CommandRun.of(command, "--help");

            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).contains("--g726-packing=rfc3551|aal2");
            assertThat(help.out().replaceAll("\\s+", " ")).contains("the packing actually on the wire, for cameras that mislabel it");
        }
    }

    @Test
    void record_unknownPacking_exitsTwoNamingTheChoices() {
        CommandRun run = CommandRun.of("record", camera.url(), "--out", dir.resolve("x.mkv").toString(), "--g726-packing", "msb");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("rfc3551 or aal2").contains("msb");
    }

    /** The first {@code samples} of what the camera meant: its AAL2 code words decoded as AAL2 (bit-exact with ffmpeg). */
    private short[] meant(int samples) {
        ByteBuffer all = ByteBuffer.allocate(Arrays.stream(payloads).mapToInt(p -> p.length).sum());
        Arrays.stream(payloads).forEach(all::put);
        return Arrays.copyOf(new G726Decoder(G726Rate.KBPS_32, G726Packing.AAL2_BE).decode(all.array()), samples);
    }

    /** Runs {@code record} for one second of the camera's audio and decodes the file with ffmpeg. */
    private short[] record(String fileName, String... options) throws Exception {
        Peers.assumeInstalled("ffmpeg");
        Path out = dir.resolve(fileName);
        String[] args = new String[6 + options.length];
        System.arraycopy(new String[] {"record", camera.url(), "--out", out.toString(), "--duration", "1"}, 0, args, 0, 6);
        System.arraycopy(options, 0, args, 6, options.length);
        CommandRun run = CommandRun.of(args);

        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher m = AUDIO_FRAMES.matcher(run.err());
        assertThat(m.find()).as(run.err()).isTrue();
        int frames = Integer.parseInt(m.group(1));
        assertThat(frames).as(run.err()).isBetween(PACKETS / 4, PACKETS);
        short[] decoded = Ffmpeg.pcm16(out);
        assertThat(decoded).hasSize(frames * SAMPLES_PER_PACKET);
        return decoded;
    }

    /**
     * A scripted RTSP camera on 127.0.0.1:0 with one audio track, rtpmap {@code G726-32/8000}
     * (payload type 97), over RTP/AVP/TCP only: answers OPTIONS, DESCRIBE, SETUP, PLAY and anything
     * else with 200, and after PLAY sends every payload at once, AAL2-packed. One thread per connection.
     */
    private static final class MislabellingCamera implements AutoCloseable {
        private static final String SESSION = "12345678";
        private static final Pattern INTERLEAVED = Pattern.compile("interleaved=(\\d+)");

        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final byte[][] payloads;

        MislabellingCamera(byte[][] payloads) throws IOException {
            this.payloads = payloads;
            Thread acceptor = new Thread(this::accept, "mislabelling-camera");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "rtsp://127.0.0.1:" + server.getLocalPort() + "/0";
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread t = new Thread(() -> serve(s), "mislabelling-camera-connection");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket socket) {
            try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))) {
                OutputStream out = socket.getOutputStream();
                int channel = 0;
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    String[] requestLine = line.split(" ");
                    Map<String, String> headers = new HashMap<>();
                    while ((line = in.readLine()) != null && !line.isEmpty()) {
                        int colon = line.indexOf(':');
                        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
                    }
                    String cseq = headers.getOrDefault("cseq", "0");
                    switch (requestLine[0]) {
                        case "OPTIONS" -> respond(out, cseq, "Public: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n", "");
                        case "DESCRIBE" -> respond(out, cseq, "Content-Type: application/sdp\r\nContent-Base: " + requestLine[1] + "/\r\n",
                                "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=mislabelled\r\nt=0 0\r\n"
                                        + "m=audio 0 RTP/AVP 97\r\na=rtpmap:97 G726-32/8000\r\na=control:trackID=0\r\n");
                        case "SETUP" -> {
                            String transport = headers.getOrDefault("transport", "");
                            Matcher m = INTERLEAVED.matcher(transport);
                            if (!m.find()) {
                                respond(out, cseq, "461 Unsupported Transport", "", "");
                                continue;
                            }
                            channel = Integer.parseInt(m.group(1));
                            respond(out, cseq, "Session: " + SESSION + ";timeout=60\r\nTransport: " + transport + "\r\n", "");
                        }
                        case "PLAY" -> {
                            respond(out, cseq, "Session: " + SESSION + "\r\n", "");
                            ByteArrayOutputStream media = new ByteArrayOutputStream();
                            for (int p = 0; p < payloads.length; p++) {
                                RtpPacket packet = RtpPacket.builder().payloadType(97).sequenceNumber(p)
                                        .timestamp((long) p * SAMPLES_PER_PACKET).ssrc(0x726).payload(payloads[p]).build();
                                media.writeBytes(new InterleavedFrame(channel, packet.toBytes()).toBytes());
                            }
                            out.write(media.toByteArray());
                            out.flush();
                        }
                        default -> respond(out, cseq, "Session: " + SESSION + "\r\n", "");
                    }
                }
            } catch (IOException gone) {
                // the client closed the connection
            }
        }

        private static void respond(OutputStream out, String cseq, String headers, String body) throws IOException {
            respond(out, cseq, "200 OK", headers, body);
        }

        private static void respond(OutputStream out, String cseq, String status, String headers, String body) throws IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            out.write(("RTSP/1.0 " + status + "\r\nCSeq: " + cseq + "\r\n" + headers
                    + (b.length > 0 ? "Content-Length: " + b.length + "\r\n" : "") + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(b);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
