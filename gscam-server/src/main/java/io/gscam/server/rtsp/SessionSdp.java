package io.gscam.server.rtsp;

import io.gscam.protocol.sdp.ConnectionData;
import io.gscam.protocol.sdp.MediaDescription;
import io.gscam.protocol.sdp.Origin;
import io.gscam.protocol.sdp.SessionDescription;
import io.gscam.server.stream.ServedStream;

import java.net.InetSocketAddress;

/**
 * The DESCRIBE answer: a complete session part (v=, o=, s=, c=, t=, which the spec's sample omits but
 * RFC 4566 requires and ffmpeg, GStreamer and VLC expect), then the stream's own media sections as
 * its provider wrote them (DESIGN.md: the spec's media sections, byte for byte).
 */
final class SessionSdp {
    /** The session name Grandstream devices write. */
    static final String SESSION_NAME = "GrandStream Rtsp Session";

    private SessionSdp() {
    }

    static String describe(ServedStream stream, InetSocketAddress server) {
        String address = server.getAddress().getHostAddress();
        SessionDescription.Builder sdp = SessionDescription.builder()
                .standardHeader(Origin.of(Long.toString(stream.tracks().get(0).ssrc()), address), SESSION_NAME)
                .connection(ConnectionData.of("0.0.0.0"))
                .control("*")
                .range("npt=0-");
        for (MediaDescription m : stream.mediaSections()) {
            sdp.media(m);
        }
        return sdp.build().format();
    }
}
