package io.gscam.server.rtsp;

import io.gscam.protocol.grandstream.ServerHeader;
import io.gscam.protocol.rtsp.RtspHeaderNames;
import io.gscam.protocol.rtsp.RtspRequest;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.protocol.rtsp.RtspStatus;
import io.gscam.server.stream.StreamPath;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;

import java.net.InetSocketAddress;
import java.util.Optional;

/** Writing responses as the spec's camera does: its Server header, CSeq echoed and written first. */
final class Replies {
    private final ChannelHandlerContext ctx;

    Replies(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** A response with the plain Server header, to which the caller adds its own headers. */
    static RtspResponse.Builder reply(RtspStatus status) {
        return RtspResponse.builder(status).header(RtspHeaderNames.SERVER, ServerHeader.PLAIN);
    }

    /** Sends {@code response} to {@code request}, echoing its CSeq. Call on the event loop. */
    void respond(RtspRequest request, RtspResponse.Builder response) {
        request.headers().get(RtspHeaderNames.CSEQ).ifPresent(c -> response.header(RtspHeaderNames.CSEQ, c));
        // CSeq first, as every RTSP implementation writes it.
        RtspResponse ordered = reorderCseq(response.build());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(ordered.toBytes()));
    }

    private static RtspResponse reorderCseq(RtspResponse r) {
        Optional<String> cseq = r.headers().get(RtspHeaderNames.CSEQ);
        if (cseq.isEmpty()) {
            return r;
        }
        RtspResponse.Builder b = RtspResponse.builder(r.status()).body(r.body());
        b.header(RtspHeaderNames.CSEQ, cseq.get());
        r.headers().forEach(h -> {
            if (!h.hasName(RtspHeaderNames.CSEQ)) {
                b.addHeader(h.name(), h.value());
            }
        });
        return b.build();
    }

    /** The address the client connected to (the SDP's origin when the request URL is relative). */
    InetSocketAddress localAddress() {
        return (InetSocketAddress) ctx.channel().localAddress();
    }

    /** {@code rtsp://host:port/<path>/}: the host the client used (from an absolute URL), else our address. */
    String contentBase(RtspRequest request, StreamPath path) {
        String uri = request.uri();
        String authority;
        int scheme = uri.indexOf("://");
        if (scheme >= 0) {
            int slash = uri.indexOf('/', scheme + 3);
            authority = uri.substring(scheme + 3, slash < 0 ? uri.length() : slash);
            int at = authority.lastIndexOf('@');
            if (at >= 0) {
                authority = authority.substring(at + 1); // never echo credentials
            }
        } else {
            InetSocketAddress local = localAddress();
            authority = local.getAddress().getHostAddress() + ":" + local.getPort();
        }
        return "rtsp://" + authority + "/" + path.toUrlPath() + "/";
    }
}
