package io.gscam.testkit;

import java.nio.charset.StandardCharsets;

/** What a peer process printed and how it ended. {@code stdout} raw (decoded PCM, frames), stderr as text. */
public record PeerResult(int exit, byte[] stdoutBytes, String stderr) {
    public String stdout() {
        return new String(stdoutBytes, StandardCharsets.UTF_8);
    }

    /** Fails the test unless the peer exited 0. */
    public PeerResult requireSuccess(String what) {
        if (exit != 0) {
            throw new AssertionError(what + " exited " + exit + ": " + stderr);
        }
        return this;
    }
}
