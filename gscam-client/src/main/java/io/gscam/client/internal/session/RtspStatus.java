package io.gscam.client.internal.session;

import io.gscam.client.CameraException;
import io.gscam.client.CameraException.Kind;
import io.gscam.protocol.rtsp.RtspMethod;
import io.gscam.protocol.rtsp.RtspResponse;

import java.util.concurrent.CompletionException;

/** What an RTSP answer's status means for the session, as a {@link CameraException}. */
final class RtspStatus {
    private RtspStatus() {
    }

    /** Throws (out of a future stage) unless {@code r} is 2xx. */
    static void requireSuccess(RtspResponse r, RtspMethod method) {
        if (!r.isSuccess()) {
            throw fail(error(r, method));
        }
    }

    static CameraException error(RtspResponse r, RtspMethod method) {
        String line = r.statusCode() + (r.reason().isEmpty() ? "" : " " + r.reason());
        Kind kind = switch (r.statusCode()) {
            case 401, 403 -> Kind.UNAUTHORIZED;
            case 404 -> Kind.NOT_FOUND;
            case 454 -> Kind.SESSION_NOT_FOUND;
            default -> Kind.STATUS;
        };
        String message = switch (r.statusCode()) {
            case 401 -> "401 Unauthorized";
            case 404 -> "404 Not Found";
            case 454 -> "454 Session Not Found";
            default -> line;
        };
        return new CameraException(kind, message + " (" + method + ")", r.statusCode(), null);
    }

    /** Wraps an error so it can leave a CompletableFuture stage as itself. */
    static CompletionException fail(CameraException e) {
        return new CompletionException(e);
    }
}
