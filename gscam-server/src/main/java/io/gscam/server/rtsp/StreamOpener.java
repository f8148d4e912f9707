package io.gscam.server.rtsp;

import io.gscam.protocol.rtsp.RtspRequest;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.protocol.rtsp.RtspStatus;
import io.gscam.server.stream.ServedStream;
import io.gscam.server.stream.StreamPath;
import io.gscam.server.stream.StreamUnavailableException;
import io.netty.channel.ChannelHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * Opens a request's stream through the provider off the event loop (it may read a file or start a
 * process), then answers on the event loop. Reading pauses meanwhile, so the connection's requests
 * are still answered in order. No stream: 404; one that fails to start: 500; one that exists but
 * cannot be served now ({@link StreamUnavailableException}) or a full executor: 503.
 */
final class StreamOpener {
    private static final Logger log = LoggerFactory.getLogger(StreamOpener.class);

    /** Work that needs the stream, on the event loop. */
    interface StreamWork {
        /** The response, or null to send none. Must close the stream unless it hands it on. */
        RtspResponse.Builder apply(ServedStream stream);
    }

    private final RtspServices services;
    private final ChannelHandlerContext ctx;
    private final Replies replies;

    StreamOpener(RtspServices services, ChannelHandlerContext ctx, Replies replies) {
        this.services = services;
        this.ctx = ctx;
        this.replies = replies;
    }

    void withStream(RtspRequest request, StreamPath path, StreamWork work) {
        ctx.channel().config().setAutoRead(false);
        try {
            services.blockingExecutor().execute(() -> open(request, path, work));
        } catch (RejectedExecutionException e) {
            ctx.channel().config().setAutoRead(true);
            replies.respond(request, Replies.reply(RtspStatus.SERVICE_UNAVAILABLE));
        }
    }

    private void open(RtspRequest request, StreamPath path, StreamWork work) {
        Optional<ServedStream> opened;
        try {
            opened = services.streams().open(path);
        } catch (StreamUnavailableException e) {
            log.debug("{}: not available now: {}", path, e.getMessage());
            answer(request, RtspStatus.SERVICE_UNAVAILABLE);
            return;
        } catch (IOException | RuntimeException e) {
            log.error("{}: cannot start its stream", path, e);
            answer(request, RtspStatus.INTERNAL_SERVER_ERROR);
            return;
        }
        if (opened.isEmpty()) {
            answer(request, RtspStatus.NOT_FOUND);
            return;
        }
        ServedStream stream = opened.get();
        try {
            ctx.executor().execute(() -> {
                try {
                    RtspResponse.Builder r = work.apply(stream);
                    if (r != null) {
                        replies.respond(request, r);
                    }
                } catch (RuntimeException e) {
                    stream.close();
                    log.error("{} failed", request.method(), e);
                    replies.respond(request, Replies.reply(RtspStatus.INTERNAL_SERVER_ERROR));
                } finally {
                    ctx.channel().config().setAutoRead(true);
                }
            });
        } catch (RejectedExecutionException e) {
            stream.close();
        }
    }

    private void answer(RtspRequest request, RtspStatus status) {
        try {
            ctx.executor().execute(() -> {
                replies.respond(request, Replies.reply(status));
                ctx.channel().config().setAutoRead(true);
            });
        } catch (RejectedExecutionException e) {
            log.debug("connection gone before its {} could be answered", request.method());
        }
    }
}
