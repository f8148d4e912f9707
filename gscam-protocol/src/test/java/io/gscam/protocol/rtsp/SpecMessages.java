package io.gscam.protocol.rtsp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Every RTSP message of the Grandstream protocol document ({@link io.gscam.protocol.SpecDocument},
 * "3. Example Messages"), as it goes on the wire.
 *
 * <p>The document was copied from a PDF, which changed the text in four ways that are undone here
 * ({@code SpecDocumentTest} reads the messages out of the document so, and gets these bytes): every
 * line is followed by an empty one (dropped), every line carries a trailing space (dropped here; {@code SpecMessagesTest} checks they parse too),
 * the Authorization header is wrapped after {@code nonce="30507280",} without leading whitespace (joined
 * into one line here; the test checks the wrapped form as an obs-fold continuation), and two header
 * lines ({@code Content-length: 219} and {@code Server:} of the CSeq 4 reply) start with a space at a
 * page break, which here starts them at column 0 as every other header.
 */
final class SpecMessages {
    static final String AUTH_PREFIX =
            "Digest username=\"admin\", realm=\"Surveillance Server\", nonce=\"30507280\",";
    static final String DESCRIBE_AUTH = AUTH_PREFIX
            + " uri=\"rtsp://192.168.86.232:554/0\", response=\"5820de362eb72ee848e98105dfc24814\"";
    static final String SETUP_AUTH = AUTH_PREFIX
            + " uri=\"rtsp://192.168.86.232:554/0\", response=\"3f215bf93e81b5d1e1f7beb83d038dac\"";
    static final String PLAY_AUTH = AUTH_PREFIX
            + " uri=\"rtsp://192.168.86.232:554/0\", response=\"b8244f6ce442e20f3131919dfa51f4e1\"";

    static final String DESCRIBE = lines(
            "DESCRIBE rtsp://192.168.86.232:554/0 RTSP/1.0",
            "CSeq: 1",
            "Accept: application/sdp",
            "User-Agent: Grandstream Client",
            "");

    static final String UNAUTHORIZED = lines(
            "RTSP/1.0 401 Unauthorized",
            "CSeq: 1",
            "Server: GrandStream Rtsp Server V100R001",
            "WWW-Authenticate: Digest realm=\"Surveillance Server\", nonce=\"30507280\"",
            "");

    static final String DESCRIBE_WITH_AUTHORIZATION = lines(
            "DESCRIBE rtsp://192.168.86.232:554/0 RTSP/1.0",
            "CSeq: 2",
            "Accept: application/sdp",
            "Authorization: " + DESCRIBE_AUTH,
            "User-Agent: Grandstream Client",
            "");

    /** The SDP exactly as the document prints it: no v=, o=, s= lines, only the two media sections. */
    static final String SDP = lines(
            "m=video 0 RTP/AVP 96",
            "a=control:trackID=0",
            "a=rtpmap:96 H264/90000",
            "a=fmtp:96 packetization-mode=1; sprop-parameter-sets=Z0LgHtoCwPRA,aM4wpIA=",
            "m=audio 0 RTP/AVP 0",
            "a=control:trackID=1",
            "a=rtpmap:0 PCMU/8000",
            "a=ptime:20");

    /** Content-length: 219 as printed; {@code SpecMessagesTest} shows that is the SDP's true CRLF length. */
    static final String DESCRIBE_OK = lines(
            "RTSP/1.0 200 OK",
            "CSeq: 2",
            "Server: GrandStream Rtsp Server 704*480*30*1024",
            "Content-Type: application/sdp",
            "Content-length: 219",
            "Content-Base: rtsp://192.168.86.232/0",
            "") + SDP;

    static final String SETUP_VIDEO = lines(
            "SETUP rtsp://192.168.86.232:554/0/trackID=0 RTSP/1.0",
            "CSeq: 3",
            "Transport: RTP/AVP/TCP;unicast;interleaved=0-1",
            "Authorization: " + SETUP_AUTH,
            "User-Agent: Grandstream Client",
            "");

    static final String SETUP_VIDEO_OK = lines(
            "RTSP/1.0 200 OK",
            "CSeq: 3",
            "Server: GrandStream Rtsp Server V100R001",
            "Session: 09682642;timeout=120",
            "Transport: RTP/AVP/TCP;unicast;interleaved=0-1",
            "");

    static final String SETUP_AUDIO = lines(
            "SETUP rtsp://192.168.86.232:554/0/trackID=1 RTSP/1.0",
            "CSeq: 4",
            "Session: 09682642",
            "Transport: RTP/AVP/TCP;unicast;interleaved=2-3",
            "Authorization: " + SETUP_AUTH,
            "User-Agent: Grandstream Client",
            "");

    static final String SETUP_AUDIO_OK = lines(
            "RTSP/1.0 200 OK",
            "CSeq: 4",
            "Server: GrandStream Rtsp Server V100R001",
            "Session: 09682642;timeout=120",
            "Transport: RTP/AVP/TCP;unicast;interleaved=2-3",
            "");

    /** The spec's PLAY, {@code Rang:} typo included. */
    static final String PLAY = lines(
            "PLAY rtsp://192.168.86.232:554/0 RTSP/1.0",
            "CSeq: 5",
            "Session: 09682642",
            "Authorization: " + PLAY_AUTH,
            "Rang: npt=0.000-",
            "User-Agent: Grandstream Client",
            "");

    static final String PLAY_OK = lines(
            "RTSP/1.0 200 OK",
            "CSeq: 5",
            "Server: GrandStream Rtsp Server V100R001",
            "Session: 09682642;timeout=120",
            "");

    /** Client to camera, in the document's order. */
    static final List<String> REQUESTS = List.of(DESCRIBE, DESCRIBE_WITH_AUTHORIZATION, SETUP_VIDEO, SETUP_AUDIO, PLAY);

    /** Camera to client, in the document's order. */
    static final List<String> RESPONSES = List.of(UNAUTHORIZED, DESCRIBE_OK, SETUP_VIDEO_OK, SETUP_AUDIO_OK, PLAY_OK);

    private SpecMessages() {
    }

    /** Each line followed by CRLF. */
    static String lines(String... lines) {
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append("\r\n");
        }
        return b.toString();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
