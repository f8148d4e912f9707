package io.gscam.server.limits;

import io.gscam.testkit.MutableClock;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-address failure count, its delay and its log, on a clock the test moves. */
class AuthFailuresTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final List<String> lines = new ArrayList<>();
    private final AuthFailures failures = new AuthFailures(clock, new AddressLog(clock, lines::add));
    private final InetAddress attacker = InetAddress.getLoopbackAddress();
    private final InetAddress other = address(10, 0, 0, 7);

    private static InetAddress address(int... b) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) b[0], (byte) b[1], (byte) b[2], (byte) b[3]});
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fiveFailuresAMinute_areAnsweredAtOnce_theSixthIsDelayed_otherAddressesNot() {
        for (int i = 0; i < AuthFailures.ALLOWED; i++) {
            assertThat(failures.failed(attacker, "DESCRIBE rtsp://***@h/0 (wrong_credentials)")).as("failure " + (i + 1)).isZero();
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(failures.failed(attacker, "x")).as("the sixth within a minute").isEqualTo(AuthFailures.DELAY);
        assertThat(failures.failed(other, "x")).as("another address").isZero();
    }

    @Test
    void failuresOlderThanAMinute_doNotCount() {
        for (int i = 0; i < 20; i++) {
            assertThat(failures.failed(attacker, "x")).as("failure " + (i + 1) + " 13 s apart").isZero();
            clock.advance(Duration.ofSeconds(13));
        }
        for (int i = 0; i < AuthFailures.ALLOWED; i++) {
            failures.failed(attacker, "x");
        }
        assertThat(failures.failed(attacker, "x")).isEqualTo(AuthFailures.DELAY);
        clock.advance(Duration.ofSeconds(60));
        assertThat(failures.failed(attacker, "x")).as("a minute later").isZero();
    }

    @Test
    void theLog_saysEachAddressAtMostOncePer10s_withTheCount() {
        for (int i = 0; i < 1000; i++) {
            failures.failed(attacker, "DESCRIBE rtsp://***@127.0.0.1/0 (wrong_credentials)");
            clock.advance(Duration.ofMillis(9)); // 9 s in all
        }
        failures.failed(other, "PLAY /0 (malformed)");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("127.0.0.1: 1 authorization failure(s) (last: DESCRIBE rtsp://***@127.0.0.1/0 (wrong_credentials))");
        assertThat(lines.get(1)).startsWith("10.0.0.7: 1 ");
        clock.advance(Duration.ofSeconds(1));
        failures.failed(attacker, "DESCRIBE rtsp://***@127.0.0.1/0 (wrong_credentials)");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).startsWith("127.0.0.1: 1000 authorization failure(s), 401s delayed (last: ");
    }

    @Test
    void loggedUri_dropsTheUserInfoOfEveryUrl() {
        assertThat(LoggedUri.of("rtsp://admin:s3cret@192.168.1.10:554/0")).isEqualTo("rtsp://***@192.168.1.10:554/0");
        assertThat(LoggedUri.of("rtsp://admin:p@ss@h/0/trackID=0")).isEqualTo("rtsp://***@h/0/trackID=0");
        assertThat(LoggedUri.of("request line is not 'method URI version': 'DESCRIBE rtsp://u:pw@h/0 RTSP/1.0 x',"
                + " see http://a:b@c/"))
                .isEqualTo("request line is not 'method URI version': 'DESCRIBE rtsp://***@h/0 RTSP/1.0 x', see http://***@c/");
        assertThat(LoggedUri.of("rtsp://h/0?mail=a@b")).as("an @ after the authority is no user-info").isEqualTo("rtsp://h/0?mail=a@b");
        assertThat(LoggedUri.of("/0")).isEqualTo("/0");
        assertThat(LoggedUri.of(null)).isNull();
    }
}
