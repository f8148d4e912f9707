package io.gscam.testkit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeersTest {
    @Test
    void runCollectsOutputAndExitCode() {
        PeerResult r = Peers.run(Duration.ofSeconds(10), List.of("sh", "-c", "printf out; printf err >&2; exit 3"));
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out");
        assertThat(r.stderr()).isEqualTo("err");
        assertThatThrownBy(() -> r.requireSuccess("sh")).isInstanceOf(AssertionError.class).hasMessageContaining("exited 3");
    }

    @Test
    void aPeerThatHangsFailsAtTheTimeout() {
        assertThatThrownBy(() -> Peers.run(Duration.ofMillis(200), List.of("sleep", "30")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("did not finish");
    }

    @Test
    void aMissingToolIsNotInstalled() {
        assertThat(Peers.installed("gscam-no-such-tool")).isFalse();
        assertThat(Peers.installed("java")).isTrue();
    }
}
