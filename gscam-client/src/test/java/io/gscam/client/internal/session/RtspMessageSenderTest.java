package io.gscam.client.internal.session;

import io.gscam.client.CameraException;
import io.gscam.client.CameraUrl;
import io.gscam.protocol.rtsp.RtspMethod;
import io.gscam.protocol.rtsp.RtspRequest;
import io.gscam.protocol.rtsp.RtspResponse;
import io.gscam.protocol.rtsp.RtspStatus;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The request side of a session without a socket: headers, the one 401 retry, the stale nonce. */
class RtspMessageSenderTest {
    private static final String URL = "rtsp://192.168.86.232:554/0";
    private static final String CHALLENGE = "Digest realm=\"Surveillance Server\", nonce=\"30507280\"";

    private final List<RtspRequest> sent = new ArrayList<>();
    private final Deque<RtspResponse> answers = new ArrayDeque<>();

    private RtspMessageSender sender(String url) {
        RtspMessageSender s = new RtspMessageSender(CameraUrl.parse(url), "gscam-test", java.time.Duration.ofSeconds(1),
                new SecureRandom());
        s.connected((request, timeout) -> {
            sent.add(request);
            return CompletableFuture.completedFuture(answers.removeFirst());
        });
        return s;
    }

    private static RtspResponse status(int code, String... headers) {
        RtspResponse.Builder b = RtspResponse.builder(new RtspStatus(code, code == 200 ? "OK" : "Refused"));
        for (int i = 0; i < headers.length; i += 2) {
            b.addHeader(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    @Test
    void request_401_isAnsweredOnceWithTheSpecsDigest() {
        answers.add(status(401, "WWW-Authenticate", CHALLENGE));
        answers.add(status(200));

        RtspResponse r = sender("rtsp://admin:admin@192.168.86.232:554/0")
                .request(RtspMethod.DESCRIBE, URL, Map.of()).join();

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).header("Authorization")).isEmpty();
        assertThat(sent.get(1).header("Authorization").orElseThrow())
                .contains("response=\"5820de362eb72ee848e98105dfc24814\"");
        assertThat(sent.get(1).header("User-Agent")).contains("gscam-test");
    }

    @Test
    void request_second401_failsUnauthorized() {
        answers.add(status(401, "WWW-Authenticate", CHALLENGE));
        answers.add(status(401, "WWW-Authenticate", CHALLENGE));

        CompletableFuture<RtspResponse> r = sender("rtsp://admin:wrong@192.168.86.232:554/0")
                .request(RtspMethod.DESCRIBE, URL, Map.of());

        assertThatThrownBy(r::join).isInstanceOf(CompletionException.class).cause()
                .isInstanceOf(CameraException.class).hasMessageContaining("401 Unauthorized");
    }

    @Test
    void request_staleNonceLater_isAnsweredAgain() {
        RtspMessageSender s = sender("rtsp://admin:admin@192.168.86.232:554/0");
        answers.add(status(401, "WWW-Authenticate", CHALLENGE));
        answers.add(status(200));
        s.request(RtspMethod.DESCRIBE, URL, Map.of()).join();
        answers.add(status(401, "WWW-Authenticate", "Digest realm=\"GS\", nonce=\"40000000\", stale=true"));
        answers.add(status(200));

        RtspResponse r = s.request(RtspMethod.PLAY, URL, Map.of()).join();

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sent.get(3).header("Authorization").orElseThrow()).contains("nonce=\"40000000\"");
    }

    @Test
    void request_401WithoutCredentialsInTheUrl_failsSayingSo() {
        answers.add(status(401, "WWW-Authenticate", CHALLENGE));

        CompletableFuture<RtspResponse> r = sender(URL).request(RtspMethod.DESCRIBE, URL, Map.of());

        assertThatThrownBy(r::join).cause().hasMessageContaining("the URL has no user:password@");
    }

    @Test
    void sessionHeader_onEveryRequestButOptions_untilPlaying() {
        RtspMessageSender s = sender(URL);
        s.session("12345678");
        answers.add(status(200));
        answers.add(status(200));
        answers.add(status(200));

        s.request(RtspMethod.OPTIONS, URL, Map.of()).join();
        s.request(RtspMethod.PLAY, URL, Map.of()).join();
        s.playing();
        s.request(RtspMethod.OPTIONS, URL, Map.of()).join();

        assertThat(sent).extracting(q -> q.header("Session").orElse("-")).containsExactly("-", "12345678", "12345678");
    }

    @Test
    void send_afterClose_failsWithoutTouchingTheWire() {
        RtspMessageSender s = sender(URL);
        s.close();

        CompletableFuture<RtspResponse> r = s.send(RtspMethod.TEARDOWN, URL, Map.of());

        assertThat(r).isCompletedExceptionally();
        assertThat(sent).isEmpty();
    }
}
