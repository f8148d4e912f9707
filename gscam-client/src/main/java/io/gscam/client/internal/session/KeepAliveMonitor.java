package io.gscam.client.internal.session;

import io.gscam.client.CameraException;
import io.gscam.client.internal.Errors;
import io.gscam.protocol.rtsp.RtspMethod;
import io.gscam.protocol.rtsp.RtspResponse;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Keeps a playing RTSP session alive, as media3's {@code KeepAliveMonitor}: a request every half
 * session timeout (at least every second), GET_PARAMETER on the aggregate URL when OPTIONS listed it
 * in {@code Public}, else OPTIONS. A failed request or {@code 454 Session Not Found} loses the
 * session; other refusals (405, 501) do not end a session that plays. The caller schedules
 * {@link #sendKeepAlive()} every {@link #period()}. Loop-confined.
 */
final class KeepAliveMonitor {
    /** Sends one request (with the session's headers and credentials). */
    @FunctionalInterface
    interface Requester {
        CompletableFuture<RtspResponse> request(RtspMethod method, String uri, Map<String, String> extra);
    }

    private final Requester requester;
    private final RtspMethod method;
    private final String uri;
    private final Consumer<CameraException> lost;

    /**
     * @param getParameter whether the camera's OPTIONS answer listed GET_PARAMETER
     * @param requestUrl   the URL OPTIONS goes to
     * @param aggregateUrl the session's URL, for GET_PARAMETER
     */
    KeepAliveMonitor(Requester requester, boolean getParameter, String requestUrl, String aggregateUrl,
                     Consumer<CameraException> lost) {
        this.requester = requester;
        this.method = getParameter ? RtspMethod.GET_PARAMETER : RtspMethod.OPTIONS;
        this.uri = getParameter ? aggregateUrl : requestUrl;
        this.lost = lost;
    }

    /** Half the session timeout, so one lost keep-alive does not end the session; at least a second. */
    static Duration period(Duration sessionTimeout) {
        return Duration.ofMillis(Math.max(1000, sessionTimeout.toMillis() / 2));
    }

    RtspMethod method() {
        return method;
    }

    void sendKeepAlive() {
        requester.request(method, uri, Map.of()).whenComplete((r, e) -> {
            if (e != null) {
                lost.accept(Errors.connectionFailure(e, "keep-alive"));
            } else if (r.statusCode() == 454) {
                lost.accept(RtspStatus.error(r, method));
            }
        });
    }
}
