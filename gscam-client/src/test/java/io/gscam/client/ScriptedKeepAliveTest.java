package io.gscam.client;

import io.gscam.protocol.rtp.RtpPacket;
import io.gscam.protocol.rtsp.InterleavedFrame;
import io.gscam.protocol.rtsp.RtspRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Keep-alive before the session timeout: GET_PARAMETER when the server lists it in Public, else OPTIONS. */
class ScriptedKeepAliveTest {
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=gscam test\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=control:trackID=0\r\na=rtpmap:96 H264/90000\r\n";

    private final GsCamClient client = GsCamClient.builder().ioThreads(1).build();
    private FakeRtspServer server;

    @AfterEach
    void tearDown() throws IOException {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    /** A server with a 2 s session timeout whose OPTIONS answer lists {@code publicMethods}; it keeps sending frames on each keep-alive. */
    private FakeRtspServer serverListing(String publicMethods) throws IOException {
        List<RtpPacket> packets = ScriptedServerTest.packets(200);
        int[] next = {0};
        server = new FakeRtspServer((c, r) -> {
            switch (r.method().name()) {
                case "OPTIONS" -> c.respond(r, "200 OK", "Public: " + publicMethods + "\r\n"
                        + r.header("Session").map(id -> "Session: " + id + "\r\n").orElse(""), "");
                case "DESCRIBE" -> c.respond(r, "200 OK", "Content-Type: application/sdp\r\nContent-Base: " + r.uri() + "/\r\n", SDP);
                case "SETUP" -> c.respond(r, "200 OK", "Session: 87654321;timeout=2\r\nTransport: "
                        + r.header("Transport").orElseThrow() + "\r\n", "");
                default -> c.respond(r, "200 OK", "Session: 87654321\r\n", "");
            }
            if (!r.method().name().equals("DESCRIBE") && !r.method().name().equals("SETUP")) {
                sendSome(c, packets, next); // media keeps flowing so that only the keep-alive is under test
            }
        });
        return server;
    }

    private static void sendSome(FakeRtspServer.Connection c, List<RtpPacket> packets, int[] next) throws IOException {
        for (int i = 0; i < 30 && next[0] < packets.size(); i++) {
            c.send(new InterleavedFrame(0, packets.get(next[0]++).toBytes()).toBytes());
        }
    }

    private List<RtspRequest> keepAlivesAfterPlay(FakeRtspServer s, int count) throws Exception {
        CameraSession session = client.open(CameraOptions.builder(s.url(null, "/0")).mediaTimeout(Duration.ofSeconds(30)).build());
        StreamInfo info = session.awaitPlaying(Duration.ofSeconds(10));
        assertThat(info.sessionTimeout()).isEqualTo(Duration.ofSeconds(2));
        SessionEvents.takeUntil(session, Duration.ofSeconds(10), count + " keep-alives after PLAY",
                events -> afterPlay(s).size() >= count);
        List<RtspRequest> after = afterPlay(s);
        assertThat(session.state()).isEqualTo(CameraState.PLAYING);
        return after;
    }

    private static List<RtspRequest> afterPlay(FakeRtspServer s) {
        List<RtspRequest> all = List.copyOf(s.requests);
        int play = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).method().name().equals("PLAY")) {
                play = i;
            }
        }
        return play < 0 ? List.of() : all.subList(play + 1, all.size());
    }

    @Test
    void getParameterInPublic_keepAliveIsGetParameterWithTheSession() throws Exception {
        List<RtspRequest> keepAlives = keepAlivesAfterPlay(serverListing("OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER"), 2);
        assertThat(keepAlives).allSatisfy(r -> {
            assertThat(r.method().name()).isEqualTo("GET_PARAMETER");
            assertThat(r.header("Session")).hasValue("87654321");
        });
    }

    @Test
    void noGetParameterInPublic_keepAliveIsOptionsWithTheSession() throws Exception {
        List<RtspRequest> keepAlives = keepAlivesAfterPlay(serverListing("OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN"), 2);
        assertThat(keepAlives).allSatisfy(r -> {
            assertThat(r.method().name()).isEqualTo("OPTIONS");
            assertThat(r.header("Session")).hasValue("87654321");
        });
    }
}
