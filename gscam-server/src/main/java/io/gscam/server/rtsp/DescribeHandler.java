package io.gscam.server.rtsp;

import io.gscam.protocol.rtsp.RtspHeaderNames;
import io.gscam.protocol.rtsp.RtspRequest;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.protocol.rtsp.RtspStatus;

import java.nio.charset.StandardCharsets;

/** DESCRIBE: the provider's stream as SDP, with its Server header and a Content-Base for the track URLs. */
final class DescribeHandler {
    private final Replies replies;
    private final StreamOpener opener;

    DescribeHandler(Replies replies, StreamOpener opener) {
        this.replies = replies;
        this.opener = opener;
    }

    void describe(RtspRequest request, StreamUrl url) {
        opener.withStream(request, url.path(), stream -> {
            try (stream) {
                String base = replies.contentBase(request, url.path());
                byte[] sdp = SessionSdp.describe(stream, replies.localAddress()).getBytes(StandardCharsets.UTF_8);
                return RtspResponse.builder(RtspStatus.OK)
                        .header(RtspHeaderNames.SERVER, stream.serverHeader())
                        .header(RtspHeaderNames.CONTENT_BASE, base)
                        .body("application/sdp", sdp);
            }
        });
    }
}
