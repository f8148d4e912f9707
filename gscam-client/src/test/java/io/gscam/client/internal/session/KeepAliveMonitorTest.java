package io.gscam.client.internal.session;

import io.gscam.client.CameraException;
import io.gscam.protocol.rtsp.RtspMethod;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.protocol.rtsp.RtspStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class KeepAliveMonitorTest {
    private final List<String> requests = new ArrayList<>();
    private final List<CameraException> losses = new ArrayList<>();

    private KeepAliveMonitor monitor(boolean getParameter, CompletableFuture<RtspResponse> answer) {
        return new KeepAliveMonitor((method, uri, extra) -> {
            requests.add(method + " " + uri);
            return answer;
        }, getParameter, "rtsp://cam/0", "rtsp://cam/0/", losses::add);
    }

    @Test
    void period_isHalfTheSessionTimeout_atLeastASecond() {
        assertThat(KeepAliveMonitor.period(Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(60));
        assertThat(KeepAliveMonitor.period(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void sendKeepAlive_getParameterWhenPublic_elseOptions() {
        monitor(true, CompletableFuture.completedFuture(RtspResponse.builder(RtspStatus.OK).build())).sendKeepAlive();
        monitor(false, CompletableFuture.completedFuture(RtspResponse.builder(RtspStatus.OK).build())).sendKeepAlive();

        assertThat(requests).containsExactly("GET_PARAMETER rtsp://cam/0/", "OPTIONS rtsp://cam/0");
        assertThat(losses).isEmpty();
    }

    @Test
    void sendKeepAlive_454_losesTheSession_405DoesNot() {
        monitor(false, CompletableFuture.completedFuture(RtspResponse.builder(new RtspStatus(405, "Method Not Allowed")).build()))
                .sendKeepAlive();
        assertThat(losses).isEmpty();

        monitor(false, CompletableFuture.completedFuture(RtspResponse.builder(new RtspStatus(454, "Session Not Found")).build()))
                .sendKeepAlive();

        assertThat(losses).singleElement().extracting(CameraException::kind).isEqualTo(CameraException.Kind.SESSION_NOT_FOUND);
    }

    @Test
    void sendKeepAlive_failedRequest_losesTheSession() {
        monitor(false, CompletableFuture.failedFuture(new CameraException(CameraException.Kind.TIMEOUT, "timeout"))).sendKeepAlive();

        assertThat(losses).singleElement().extracting(CameraException::kind).isEqualTo(CameraException.Kind.TIMEOUT);
        assertThat(monitor(false, new CompletableFuture<>()).method()).isEqualTo(RtspMethod.OPTIONS);
    }
}
